"""The edit loop under `mkdocs serve`: seconds from saving a report to its page being served.

Starts `mkdocs serve` in the project, waits for the first build, then for each edit
writes the file and polls the page's URL (every 50 ms; the server holds requests
while it rebuilds) until the page shows the change: the appended sentence, the new
report's page, or a 404 for the removed report. The time includes MkDocs' file
watcher (it polls every 0.5 s) and the whole rebuild.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from wenku.pages.slugs import unique_slugs
from wenku.read.sources import discover

POLL = 0.05
TIMEOUT = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_until(url: str, done: Callable[[int, str], bool], started: float) -> float:
    while time.perf_counter() - started < TIMEOUT:
        if done(*fetch(url)):
            return time.perf_counter() - started
        time.sleep(POLL)
    raise SystemExit(f"error: {url} did not show the change within {TIMEOUT} s")


def page_url(base: str, project: Path, path: Path) -> str:
    """The report's page URL, with the slug the pipeline gives it among the current files."""
    sources, _ = discover(project / "source_reports", 5 * 2**20)
    slug = unique_slugs([s.name for s in sources])[path.name]
    return f"{base}reports/{slug}/"


def serve_edits(project: Path, repeat: int, append_sentence, utf8_report, log) -> dict[str, list[float]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with (project / "serve.log").open("w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    times: dict[str, list[float]] = {"1 changed": [], "1 added": [], "1 removed": []}
    try:
        wait_until(base, lambda status, _: status == 200, time.perf_counter())
        for attempt in range(repeat):
            time.sleep(1)
            victim = utf8_report(project)
            url = page_url(base, project, victim)
            started = time.perf_counter()
            marker = append_sentence(victim, f"serve{attempt}-{time.time_ns()}")
            times["1 changed"].append(wait_until(url, lambda s, body, m=marker: s == 200 and m in body, started))
            time.sleep(1)
            new = project / "source_reports" / f"新增报告serve{attempt}.txt"
            marker = f"新增{time.time_ns()}"
            started = time.perf_counter()
            new.write_bytes(victim.read_bytes() + f"\n{marker}。\n".encode())
            url = page_url(base, project, new)
            times["1 added"].append(wait_until(url, lambda s, body, m=marker: s == 200 and m in body, started))
            time.sleep(1)
            started = time.perf_counter()
            new.unlink()
            times["1 removed"].append(wait_until(url, lambda s, _: s == 404, started))
            log(f"serve: changed {times['1 changed'][-1]:.2f} s, added {times['1 added'][-1]:.2f} s, "
                f"removed {times['1 removed'][-1]:.2f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return times
