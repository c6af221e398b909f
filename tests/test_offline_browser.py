"""The offline copy (`make offline`): opened from file:// in Chromium with the network cut off, chapters
open, search finds results, saved answers survive a reload, and nothing is requested from any host."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import ROOT, broken_links

LOCAL_SCHEMES = ("file", "data", "blob", "about")


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The site built as `make offline` builds it (OFFLINE=true, strict), into a temporary folder."""
    out = tmp_path_factory.mktemp("offline")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "WARNING" not in log, log
    return out


@pytest.fixture
def offline_page(browser):
    """A fresh profile with every network request blocked; `tab.network` lists what was attempted."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = ctx.new_page()
    tab.network, tab.errors = [], []
    tab.on("request", lambda request: urlparse(request.url).scheme not in LOCAL_SCHEMES
           and tab.network.append(request.url))
    tab.on("console", lambda msg: msg.type == "error" and tab.errors.append(msg.text))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    ctx.route(lambda url: urlparse(url).scheme not in LOCAL_SCHEMES, lambda route: route.abort())
    yield tab
    ctx.close()


def test_offline_build_references_no_host_for_anything_it_loads(offline_site):
    for path in offline_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "unpkg.com" not in html, path
    shim = offline_site / "assets" / "javascripts" / "iframe-worker" / "shim.js"
    assert shim.is_file() and "IFrameWorker" in shim.read_text(encoding="utf-8")
    assert (offline_site / "search" / "search_index.js").is_file()


def test_every_internal_link_resolves_in_the_offline_copy(offline_site):
    """Links our macros and hooks write (related chapters, checklist links) lead to .html files here."""
    checked, broken = broken_links(offline_site)
    assert checked > 500
    assert not broken, "\n".join(broken)


def test_offline_copy_opens_chapters_and_searches_without_network(offline_page, offline_site):
    page = offline_page
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    assert page.locator("h1").first.inner_text().strip()

    # A chapter opens from a link in the page, as a plain file.
    chapter = page.locator("article a[href$='.html']").first
    target = chapter.evaluate("a => a.href")
    with page.expect_navigation(wait_until="load"):
        chapter.click()
    assert page.url.startswith("file://") and page.url == target
    assert page.locator("article h1").first.inner_text().strip()

    # Search runs in the page (iframe worker) from the inlined index.
    page.locator(".md-search__input").click()  # the header's search box (wide screen)
    page.keyboard.type("jealousy", delay=30)  # Material searches on key presses, as a reader types
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10000)
    assert results.count() > 0
    assert "jealousy" in results.first.inner_text().lower()

    assert page.network == [], f"requests left the machine: {page.network}"
    assert page.errors == [], f"console errors: {page.errors}"


def test_offline_copy_remembers_ticks_after_reload(offline_page, offline_site):
    page = offline_page
    checklist_page = next(p for p in sorted((offline_site / "checklists").glob("*.html"))
                          if 'type="checkbox"' in p.read_text(encoding="utf-8"))
    page.goto(checklist_page.as_uri(), wait_until="load")
    box = page.locator(".hp-checklist input[type=checkbox]").first
    box.check()
    page.wait_for_function("() => Object.keys(localStorage).some(key => key.startsWith('hallpass:v1:checklist:'))")
    page.reload(wait_until="load")
    expect(page.locator(".hp-checklist input[type=checkbox]").first).to_be_checked()
    assert page.network == [], f"requests left the machine: {page.network}"


def test_offline_copy_has_its_policy_and_it_stops_an_injected_script(offline_page, offline_site):
    page = offline_page
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "script-src 'self' 'sha256-" in policy and "'unsafe-inline'" not in policy
    page.wait_for_selector("html.hp-js")  # the page's own inline scripts ran
    injected = page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = true";
        document.head.append(script);
        return window.__injected === true;
    }""")
    assert injected is False
    assert any("Content Security Policy" in error for error in page.errors), page.errors
