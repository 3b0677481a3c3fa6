"""wenku's settings: one schema for `plugins: - wenku:` in mkdocs.yml, one typed `Settings` for the pipeline.

Every option has a default, so `plugins: [wenku]` is enough. Relative paths are relative to
the folder that holds mkdocs.yml. Example:

    plugins:
      - wenku:
          reports_dir: source_reports
          themes: my-themes.yml        # default: wenku's own data/themes.yml
          max_report_mb: 5
          latest_on_home: 10
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

DATA_DIR = Path(__file__).resolve().parent / "data"  # vocabulary files shipped with wenku
PAGES_DIR = ".wenku/pages"  # generated Markdown pages (never committed)
CACHE_DIR = ".wenku/cache"  # converted reports by content hash
PAGE_CACHE_DIR = ".wenku/site-cache"  # rendered pages (pagecache.py)
SEARCH_DIR = ".wenku/search"  # the Pagefind search bundle, copied into the site
DEFAULT_VOCABULARY = (DATA_DIR / "themes.yml", DATA_DIR / "domain_words.txt", DATA_DIR / "stopwords.txt")


class WenkuConfig(base.Config):
    """The options of `plugins: - wenku:`, validated by MkDocs when mkdocs.yml is loaded."""

    reports_dir = c.Type(str, default="source_reports")  # the editors' folder of raw reports
    themes = c.Optional(c.File(exists=True))  # theme vocabulary (YAML); default data/themes.yml
    domain_words = c.Optional(c.File(exists=True))  # words kept whole by tagging and search
    stopwords = c.Optional(c.File(exists=True))  # words that are never keywords
    max_report_mb = c.Type(int, default=5)  # larger files are refused before they are read
    latest_on_home = c.Type(int, default=10)
    theme_page_limit = c.Type(int, default=200)  # a theme with more reports gets one page per year
    group_page_limit = c.Type(int, default=500)  # so does a unit or document type
    progress_from = c.Type(int, default=200)  # builds with at least this many items log progress


@dataclass(frozen=True)
class Limits:
    """How long the listings are."""

    latest_on_home: int = 10
    theme_page: int = 200
    group_page: int = 500


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Settings:
    """What the pipeline needs to know, resolved to absolute paths."""

    reports_dir: Path
    pages_dir: Path
    cache_dir: Path | None
    search_dir: Path
    themes_file: Path = DATA_DIR / "themes.yml"
    domain_words_file: Path = DATA_DIR / "domain_words.txt"
    stopwords_file: Path = DATA_DIR / "stopwords.txt"
    max_report_bytes: int = 5 * 2**20
    progress_from: int = 200
    limits: Limits = DEFAULT_LIMITS
    page_cache_dir: Path | None = None

    @property
    def vocabulary_files(self) -> tuple[Path, ...]:
        return (self.themes_file, self.domain_words_file, self.stopwords_file)


def settings_for(root: Path, options: WenkuConfig | None = None) -> Settings:
    """Settings for the project in `root` (the folder holding mkdocs.yml) and the plugin's options."""
    options = options if options is not None else default_options()
    return Settings(
        reports_dir=root / options.reports_dir,
        pages_dir=root / PAGES_DIR,
        cache_dir=root / CACHE_DIR,
        search_dir=root / SEARCH_DIR,
        themes_file=Path(options.themes) if options.themes else DATA_DIR / "themes.yml",
        domain_words_file=Path(options.domain_words) if options.domain_words else DATA_DIR / "domain_words.txt",
        stopwords_file=Path(options.stopwords) if options.stopwords else DATA_DIR / "stopwords.txt",
        max_report_bytes=options.max_report_mb * 2**20,
        progress_from=options.progress_from,
        limits=Limits(options.latest_on_home, options.theme_page_limit, options.group_page_limit),
        page_cache_dir=root / PAGE_CACHE_DIR,
    )


def default_options() -> WenkuConfig:
    options = WenkuConfig()
    options.load_dict({})
    errors, _ = options.validate()
    assert not errors, errors
    return options
