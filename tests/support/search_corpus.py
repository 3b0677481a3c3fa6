"""The search test corpus and its ground truth, shared by the search tests."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import yaml

from wenku.search.bundle import BUNDLE_DIR

ROOT = Path(__file__).resolve().parents[2]
QUERIES_FILE = ROOT / "tests" / "data" / "search_queries.yml"
EXTRA_REPORTS = ROOT / "tests" / "data" / "search_reports"
SEEDS_DIR = ROOT / "source_reports"
ARTEFACT = re.compile(r"##paid(?:begin|end)##")
# Ignored when deciding whether a report contains a query: whitespace and quotation
# marks (严格落实“三会一课” contains 严格落实三会一课); other punctuation separates phrases.
IGNORED = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]+")


def query_set() -> dict:
    with QUERIES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def corpus_files() -> dict[str, bytes]:
    """Source file name → bytes: the seeds and the extra search reports."""
    files = sorted(SEEDS_DIR.glob("*.txt")) + sorted(EXTRA_REPORTS.glob("*.txt"))
    return {p.name: p.read_bytes() for p in files}


def normalised(text: str) -> str:
    return IGNORED.sub("", ARTEFACT.sub("", text)).lower()


def reports_containing(query: str, texts: dict[str, str]) -> set[str]:
    """Names of the reports whose text contains `query` (texts already normalised)."""
    wanted = normalised(query)
    return {name for name, text in texts.items() if wanted in text}


def stored_fragments(bundle: Path) -> dict[str, dict]:
    """URL → what Pagefind stored for that page (gzip: "pagefind_dcd", then JSON), for the
    bundle folder `bundle` (site/pagefind/, one Pagefind bundle per shard in it)."""
    fragments = {}
    for path in bundle.glob("*/fragment/*"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        fragments[fragment["url"]] = fragment
    return fragments


def site_bundle(site: Path) -> Path:
    return site / BUNDLE_DIR
