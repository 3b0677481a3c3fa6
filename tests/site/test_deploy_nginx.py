"""README's deployment section, tried: nginx on 127.0.0.1 with README's `server { }` block
(only the port and the site folder changed) serves the built site under the sub-path /wenku/,
with Pagefind's files as binary data and the Chinese 404 page; a search in Chromium finds reports."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from project import ROOT
from search_probe import SearchBox

pytestmark = pytest.mark.browser
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def readme_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    deployment = readme[readme.index("## Deployment"):]
    return re.search(r"```nginx\n(.*?)```", deployment, re.S).group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(seed_site, tmp_path_factory):
    if not os.path.exists(NGINX):
        pytest.skip("nginx is not installed (README's second set-up command installs it)")
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    server = readme_block().replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("/srv/wenku/site/", f"{seed_site / 'site'}/")
    assert f"127.0.0.1:{port}" in server and str(seed_site) in server
    temp = "\n".join(f"    {kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # pytest's temporary folders are readable by their owner only
        + f"worker_processes 1;\ndaemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "events {}\nhttp {\n    include /etc/nginx/mime.types;\n    access_log off;\n" + temp + "\n"
        + server + "\n}\n", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/wenku/"
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stdout.read().decode())
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_nginx_serves_the_site_under_a_sub_path_with_pagefind_types_and_the_404_page(nginx, seed_site):
    with urllib.request.urlopen(nginx) as response:
        assert response.status == 200 and response.headers["Content-Type"].startswith("text/html")
        assert "文库" in response.read().decode()
    bundle = seed_site / "site" / "pagefind"
    for suffix in ("pf_fragment", "pf_index", "pf_meta", "pagefind"):
        path = next(bundle.rglob(f"*.{suffix}")).relative_to(seed_site / "site").as_posix()
        with urllib.request.urlopen(nginx + path) as response:
            assert response.headers["Content-Type"] == "application/octet-stream", suffix
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(nginx + "no-such-page/")
    assert missing.value.code == 404 and "页面不存在" in missing.value.read().decode()


def test_a_search_in_chromium_against_nginx_finds_reports(nginx, browser):
    page = browser.new_page()
    try:
        box = SearchBox(page, nginx)
        box.open()
        answer = box.search("三会一课")
        assert answer.hits and all(hit.url.startswith("/wenku/reports/") for hit in answer.hits)
        assert box.foreign_requests() == []
        page.screenshot(path=ROOT / "test-output" / "office-nginx-search.png")
    finally:
        page.close()
