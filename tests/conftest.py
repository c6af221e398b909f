"""Shared fixtures: the site built once per session, served on 127.0.0.1, and a real Chromium."""

import functools
import http.server
import os
import posixpath
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from site_pages import built_pages, copy_project, page_url

ROOT = Path(__file__).resolve().parent.parent
# mkdocs.yml as MkDocs reads it (it knows the !ENV tag), for tests that need a setting.
SITE_CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
SITE_ADDRESS = urlparse(SITE_CONFIG["site_url"])
CHROMIUM = os.environ.get("HP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


ZENSICAL_PYTHON = ROOT / ".venv-zensical" / "bin" / "python"


def build(project: Path, site_dir: Path, engine: str = "mkdocs") -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder, as a separate process (as an editor runs it); or,
    with engine="zensical", `make zensical`'s build (OFFLINE=true in the environment: the offline copy)."""
    if engine == "zensical":
        assert ZENSICAL_PYTHON.exists(), "Zensical's virtualenv is missing: run `make test`, which installs it"
        command = [str(ZENSICAL_PYTHON), "-m", "macros.zensical_build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project,
    )


def failing_build(project: Path, site_dir: Path, engine: str = "mkdocs") -> str:
    """Build a project that is broken on purpose: the build must stop; returns what it printed."""
    result = build(project, site_dir, engine)
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
    return copy_project(ROOT, tmp_path)


def html_pages(site: Path) -> list[Path]:
    """Every built page but the 404 page, as files."""
    return [site / relative for relative in built_pages(site) if relative != "404.html"]


@functools.lru_cache(maxsize=None)
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    return _soup(path)


def heading_text(tag) -> str:
    """A heading's words as a reader sees them, without its ¶ link."""
    return tag.get_text(" ", strip=True).removesuffix("¶").strip()


def main_content(page: BeautifulSoup):
    """The page's own content, without header, navigation, table of contents or footer."""
    return page.select_one("article.md-content__inner")


def _target_file(site: Path, url_path: str) -> Path:
    target = site / url_path.lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target


def internal_links(site: Path):
    """(page, href, target file, anchor) for every link and asset reference that stays on the site."""
    for path in [*html_pages(site), site / "404.html"]:
        page = soup(path)
        base = page_url("/", path.relative_to(site).as_posix())
        for tag in page.find_all(["a", "link", "script", "img", "source"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or ref.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            parsed = urlparse(ref)
            if parsed.scheme:
                if parsed.netloc != SITE_ADDRESS.netloc:
                    continue  # an external link a reader follows; the privacy tests cover requests
                url_path = parsed.path.replace(SITE_ADDRESS.path.rstrip("/"), "", 1) or "/"
            elif ref.startswith("/"):
                url_path = parsed.path
            else:
                url_path = posixpath.normpath(posixpath.join(posixpath.dirname(base), parsed.path or posixpath.basename(base)))
                if (parsed.path.endswith("/") or not parsed.path and base.endswith("/")) and not url_path.endswith("/"):
                    url_path += "/"
            if path.name == "404.html" and not parsed.scheme and not ref.startswith("/"):
                continue  # 404.html is served at any depth; Material makes its links absolute at runtime
            yield path, ref, _target_file(site, unquote(url_path)), unquote(parsed.fragment)


def broken_links(site: Path) -> tuple[int, list[str]]:
    """How many internal links and asset references a built site has, and those that lead nowhere."""
    broken, checked = [], 0
    for path, ref, target, anchor in internal_links(site):
        checked += 1
        if not target.is_file():
            broken.append(f"{path.relative_to(site)}: {ref} (no file)")
        elif anchor and target.suffix == ".html" and not soup(target).find(id=anchor):
            broken.append(f"{path.relative_to(site)}: {ref} (no #{anchor})")
    return checked, broken


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    """A built site served on 127.0.0.1, as a static host would: yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """The built site served on 127.0.0.1, as a static host would."""
    yield from serve(site_dir)


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


def new_context(browser, base_url):
    """A fresh browser profile (empty storage) whose requests to other hosts are blocked."""
    ctx = browser.new_context(base_url=base_url)
    host = urlparse(base_url).netloc
    ctx.route(lambda url: urlparse(url).netloc != host and urlparse(url).scheme in ("http", "https"),
              lambda route: route.abort())
    return ctx


@pytest.fixture
def context(browser, base_url):
    """A fresh browser profile (empty storage) whose requests to other hosts are blocked."""
    ctx = new_context(browser, base_url)
    yield ctx
    ctx.unroute_all(behavior="ignoreErrors")  # a route still answering when the test ends is not an error
    ctx.close()


@pytest.fixture
def page(context, base_url):
    """A page in a fresh profile; `page.record` lists its requests and errors."""
    tab = context.new_page()
    tab.record = PageRecord(tab, base_url)
    yield tab
    tab.unroute_all(behavior="ignoreErrors")  # e.g. a sitemap rewrite still answering when the test ends


def serve_sitemap_for_this_host(page, base_url):
    """Material's instant navigation only follows links listed in sitemap.xml, which names the
    deployed host (site_url); served here on another host and port, list this host instead."""
    def rewrite(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(SITE_CONFIG["site_url"], base_url))
    page.route("**/sitemap.xml", rewrite)


def instant_navigation_ready(page):
    """Material's instant navigation follows a link only once it has the sitemap, which the guide asks for
    at the reader's first move, tap or key (overrides/main.html). Move the mouse as a reader would, and
    wait until the sitemap has arrived."""
    page.mouse.move(1, 1)
    wait_until_fetched(page, "/sitemap.xml")


def wait_until_transitions_end(page):
    """Wait until no CSS transition runs (reading the layout first applies pending styles, which starts
    the transitions they cause): a colour measured mid-fade, e.g. a button's just after a click, is
    neither the old colour nor the new one, and axe would judge its contrast."""
    page.wait_for_function("() => document.body.offsetWidth && document.getAnimations()"
                           ".every(a => !(a instanceof CSSTransition) || a.playState !== 'running')")


def wait_until_fetched(page, address_end):
    """Wait until the page has received a file whose address ends so (its Resource Timing entry)."""
    page.wait_for_function("end => performance.getEntriesByType('resource')"
                           ".some(entry => entry.name.endsWith(end) && entry.responseEnd > 0)", arg=address_end)
