"""Shared fixtures: the site built once per session, served on 127.0.0.1, and a real Chromium."""

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from site_pages import built_pages

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides")
# mkdocs.yml as MkDocs reads it (it knows the !ENV tag), for tests that need a setting.
SITE_CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
CHROMIUM = os.environ.get("HP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder, as a separate process (as an editor runs it)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project,
    )


def failing_build(project: Path, site_dir: Path) -> str:
    """Build a project that is broken on purpose: the build must stop; returns what it printed."""
    result = build(project, site_dir)
    assert result.returncode != 0, "the build should have stopped"
    return result.stdout + result.stderr


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, built once per test session; any warning fails every test that uses it."""
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "WARNING" not in log, log
    return out


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project's sources, for tests that break something on purpose."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / part)
    return tmp_path


def html_pages(site: Path) -> list[Path]:
    """Every built page but the 404 page, as files."""
    return [site / relative for relative in built_pages(site) if relative != "404.html"]


@functools.lru_cache(maxsize=None)
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    return _soup(path)


def main_content(page: BeautifulSoup):
    """The page's own content, without header, navigation, table of contents or footer."""
    return page.select_one("article.md-content__inner")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """The built site served on 127.0.0.1, as a static host would."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright. Missing Chromium is a failure, never a skip."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: run `make test`, which installs it"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageRecord:
    """What a page did: every request, and every console error or uncaught exception."""

    def __init__(self, page, base_url):
        self.requests, self.errors = [], []
        self.base_host = urlparse(base_url).netloc
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign_requests(self):
        """Requests to any host but the site's own (data: and blob: URLs stay in the page)."""
        return [
            url for url in self.requests
            if urlparse(url).scheme not in ("data", "blob", "about") and urlparse(url).netloc != self.base_host
        ]


@pytest.fixture
def context(browser, base_url):
    """A fresh browser profile (empty storage) whose requests to other hosts are blocked."""
    ctx = browser.new_context(base_url=base_url)
    host = urlparse(base_url).netloc
    ctx.route(lambda url: urlparse(url).netloc != host and urlparse(url).scheme in ("http", "https"),
              lambda route: route.abort())
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, base_url):
    """A page in a fresh profile; `page.record` lists its requests and errors."""
    tab = context.new_page()
    tab.record = PageRecord(tab, base_url)
    yield tab


def serve_sitemap_for_this_host(page, base_url):
    """Material's instant navigation only follows links listed in sitemap.xml, which names the
    deployed host (site_url); served here on another host and port, list this host instead."""
    def rewrite(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(SITE_CONFIG["site_url"], base_url))
    page.route("**/sitemap.xml", rewrite)
