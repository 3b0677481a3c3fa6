"""Index search records with the Pagefind CLI: seconds, where the Python API takes minutes.

Pagefind's Python API (pagefind 1.5.2, `PagefindIndex.add_html_file`) reads one
answer from its service every 0.1 s (`_wait_for_responses` in
pagefind/service/__init__.py sleeps 0.1 s before each read), so N records cost
at least N × 0.1 s with the CPU idle: 100 s for 1,000 reports, 500 s for 5,000.
The CLI indexes the same records, written as small HTML files, in one pass that
uses every core.

`PagefindJob` starts the CLI and returns at once, so the caller can let it run
while MkDocs renders the pages (the machine has a second core) and `wait()` in
on_post_build. `run_pagefind` does both in one call.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import Iterable


class PagefindError(Exception):
    """The Pagefind CLI failed; the message carries its output and says what to do."""


def record_path(url: str) -> PurePosixPath:
    """Where a record for `url` goes inside the folder Pagefind indexes, so that Pagefind gives it
    that URL: "reports/x/" → reports/x/index.html, "reports/x.html" stays as it is."""
    path = PurePosixPath(url.lstrip("/"))
    if url.endswith("/") or not url.strip("/"):
        path = path / "index.html"
    if ".." in path.parts or path.suffix != ".html":
        raise ValueError(f"cannot index a record at URL {url!r}; give a site-relative page URL")
    return path


class PagefindJob:
    def __init__(self, records: Iterable[tuple[str, str]], output: Path, language: str | None = None):
        """Write (url, html) `records` to a temporary folder and start Pagefind on it; the bundle
        goes to `output` (Pagefind replaces it). `language` forces one language code, e.g. "und"."""
        self.output = output
        self._folder = Path(tempfile.mkdtemp(prefix="wenku-pagefind-"))
        try:
            for url, html in records:
                path = self._folder / record_path(url)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(html, encoding="utf-8")
            command = [sys.executable, "-m", "pagefind", "--site", str(self._folder),
                       "--output-path", str(output.resolve()), "--silent"]
            if language:
                command += ["--force-language", language]
            self._log = tempfile.TemporaryFile()
            self._process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)
        except BaseException:
            shutil.rmtree(self._folder, ignore_errors=True)
            raise

    def wait(self) -> None:
        """Wait for the bundle; raises PagefindError if Pagefind failed."""
        try:
            code = self._process.wait()
            self._log.seek(0)
            output = self._log.read().decode("utf-8", "replace").strip()
        finally:
            self._log.close()
            shutil.rmtree(self._folder, ignore_errors=True)
        if code != 0 or not (self.output / "pagefind.js").is_file():
            raise PagefindError(f"Pagefind could not build the search index (exit {code}): {output[-2000:]}; "
                                "check that pagefind[extended] from requirements.txt is installed")


def run_pagefind(records: Iterable[tuple[str, str]], output: Path, language: str | None = None) -> None:
    PagefindJob(records, output, language).wait()
