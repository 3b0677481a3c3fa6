"""`mkdocs serve`: editing or adding a report triggers exactly one rebuild (no rebuild loop)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

from project import SEEDS, make_project

BUILD_LINE = "Building documentation..."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(log_path, predicate, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log_path.read_text(encoding="utf-8", errors="replace")
        if predicate(text):
            return text
        time.sleep(0.2)
    return log_path.read_text(encoding="utf-8", errors="replace")


def test_serve_rebuilds_once_per_report_change(tmp_path):
    project = make_project(tmp_path / "project")
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a",
                                   f"127.0.0.1:{free_port()}"], cwd=project, env=env, stdout=log, stderr=log)
    try:
        text = wait_for(log_path, lambda t: "Serving on" in t, 60)
        assert "Serving on" in text, text
        with (project / "source_reports" / SEEDS[0].name).open("a", encoding="utf-8") as report:
            report.write("新增一段文字。\n")
        wait_for(log_path, lambda t: t.count("Documentation built") >= 2, 30)
        (project / "source_reports" / "新报告.txt").write_bytes(SEEDS[1].read_bytes())
        text = wait_for(log_path, lambda t: t.count("Documentation built") >= 3, 30)
        time.sleep(5)  # a rebuild loop would show up here
        text = log_path.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert text.count(BUILD_LINE) == 3, text
    assert "6 篇报告" in text


def test_under_serve_the_site_keeps_its_search_index_while_the_new_one_is_made(tmp_path):
    import urllib.request

    project = make_project(tmp_path / "project")
    log_path = tmp_path / "serve.log"
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    shards = f"http://127.0.0.1:{port}/pagefind/wenku-shards.json"

    def status() -> int:
        try:
            with urllib.request.urlopen(shards, timeout=30) as response:
                return response.status
        except OSError as err:
            return getattr(err, "code", 0)

    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=log, stderr=log)
    try:
        wait_for(log_path, lambda t: "搜索索引" in t, 90)
        assert status() == 200
        with (project / "source_reports" / SEEDS[0].name).open("a", encoding="utf-8") as report:
            report.write("新增一段文字。\n")
        text = wait_for(log_path, lambda t: t.count("Documentation built") >= 2, 60)
        assert status() == 200, text  # the last index, until this rebuild's own is made
        text = wait_for(log_path, lambda t: t.count("搜索索引") >= 2, 60)
        assert "重新索引 1/" in text.split("Documentation built")[-1], text
        assert status() == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
