"""The built site served by a real nginx with the generated `nginx-headers.conf`: every file carries
every security header (Material's fingerprinted files too), a missing page gets the site's own 404
page, and the guide works in Chromium under those headers with no policy violation."""

import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import serve_sitemap_for_this_host
from macros.security import FINGERPRINTED, HEADERS, IMMUTABLE, NGINX_FILE, inline_scripts, script_hash
from test_search_browser import _open_search, _search

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# nginx's own list of file types (Debian's nginx packages install it here).
MIME_TYPES = Path("/etc/nginx/mime.types")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_config(site: Path, work: Path, port: int) -> str:
    """A whole nginx configuration that any user can run: pid, logs and temporary files in `work`."""
    temp = "\n".join(f"    {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # Run by root, nginx's workers would become "nobody", who cannot read a private temporary folder.
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""{user}
worker_processes 1;
daemon off;
pid {work / 'nginx.pid'};
error_log {work / 'error.log'};
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
{temp}
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {site / NGINX_FILE};
    }}
}}
"""


@pytest.fixture(scope="module")
def nginx_url(site_dir, tmp_path_factory):
    """The built site served by nginx on 127.0.0.1. A missing nginx is a failure, never a skip."""
    assert Path(NGINX).exists(), f"nginx not found: run `make test`, which installs it (apt-get install nginx-light)"
    assert MIME_TYPES.is_file(), f"{MIME_TYPES} is missing: nginx is not installed as Debian installs it"
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (work / "nginx.conf").write_text(nginx_config(site_dir, work, port), encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-c", str(work / "nginx.conf"), "-p", str(work)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "nginx did not start listening"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(url_base: str, path: str):
    host, port = url_base.split("//")[1].strip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", "/" + quote(path))
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def expected_headers(site_dir: Path) -> dict:
    """The policy every file must carry: every page's inline scripts allowed by hash, framing refused."""
    hashes = {script_hash(text) for page in site_dir.rglob("*.html") for text in inline_scripts(page.read_text("utf-8"))}
    return {"hashes": hashes, **{name: value for name, value, _why in HEADERS}}


def check_headers(headers, expected) -> list[str]:
    problems = []
    policy = headers.get("Content-Security-Policy") or ""
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    if directives.get("frame-ancestors") != ["'none'"]:
        problems.append("no frame-ancestors 'none'")
    missing = expected["hashes"] - set(directives.get("script-src", []))
    if missing:
        problems.append(f"script-src lacks {len(missing)} of the pages' hashes")
    for name, value in expected.items():
        if name != "hashes" and headers.get(name) != value:
            problems.append(f"{name}: {headers.get(name)!r}")
    return problems


def test_every_file_gets_every_header_from_nginx(nginx_url, site_dir):
    expected = expected_headers(site_dir)
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    fingerprinted = [path for path in files if FINGERPRINTED.match(path)]
    assert len(fingerprinted) >= 3, fingerprinted  # Material's bundle, its search worker, its stylesheets
    problems = {}
    for path in files:
        status, headers, _body = fetch(nginx_url, path)
        found = check_headers(headers, expected)
        if status != 200:
            found.append(f"status {status}")
        if path in fingerprinted and headers.get("Cache-Control") != IMMUTABLE:
            found.append(f"Cache-Control: {headers.get('Cache-Control')!r}")
        if found:
            problems[path] = found
    assert problems == {}, problems
    print(f"nginx: {len(files)} files, {len(fingerprinted)} fingerprinted, every header on each")


def test_a_missing_page_gets_the_sites_own_404_page_with_every_header(nginx_url, site_dir):
    for path in ("no-such-page/", "understand/no-such-chapter/", "assets/no-such-file.js"):
        status, headers, body = fetch(nginx_url, path)
        assert status == 404, path
        assert body == (site_dir / "404.html").read_bytes(), f"{path}: not the site's own 404 page"
        assert check_headers(headers, expected_headers(site_dir)) == [], path


def test_the_guide_works_in_chromium_under_nginxs_headers(browser, nginx_url):
    context = browser.new_context(base_url=nginx_url, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        serve_sitemap_for_this_host(page, nginx_url)
        page.goto("", wait_until="load")
        # Search runs in a worker from the site (worker-src, connect-src); a result opens by instant navigation.
        _open_search(page)
        found = _search(page, "checklist")
        assert found, "search found nothing under nginx's headers"
        page.locator(".md-search-result__item > a.md-search-result__link").first.click()
        page.wait_for_load_state("load")
        # A tick is kept (the page's own scripts run), and the 404 page is the guide's own, styled.
        page.goto("prepare/safety-checklist/", wait_until="load")
        first = page.locator(".hp-checklist__item input[type=checkbox]").first
        first.check()
        page.reload(wait_until="load")
        assert first.is_checked()
        assert errors == [], errors
        response = page.goto("understand/no-such-chapter/", wait_until="load")
        assert response.status == 404
        assert page.locator(".hp-quick-exit").is_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        # Chromium reports the 404 itself as an error; nothing else may be.
        assert [error for error in errors if "status of 404" not in error] == [], errors
    finally:
        context.close()
