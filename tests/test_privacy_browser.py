"""Privacy of every built page in real Chromium: nothing is fetched from another host, no cookie is
set, the console stays free of errors and no page breaks its Content-Security-Policy. Each page is
given time for late (idle-time) requests. One walk over every page checks all four."""

from site_pages import built_pages, page_url
from test_security_browser import violations  # noqa: F401 (fixture: policy violations, reported to the test)

IDLE_MS = 250  # after network idle, a short wait for timers and lazy loaders that start late


def visit(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 10000)  # scroll to the foot, where lazy content would start loading
    page.wait_for_timeout(IDLE_MS)


def test_every_page_talks_only_to_its_own_host_sets_no_cookie_logs_no_error_and_breaks_no_policy(
        page, context, violations, site_dir, base_url):
    pages = built_pages(site_dir)
    foreign, errors, cookies = {}, {}, {}
    for relative in pages:
        seen_requests, seen_errors = len(page.record.requests), len(page.record.errors)
        visit(page, page_url(base_url, relative))
        own_requests = page.record.requests[seen_requests:]
        assert own_requests, f"{relative}: no request recorded, so the recorder is not working"
        others = [url for url in page.record.foreign_requests() if url in own_requests]
        if others:
            foreign[relative] = others
        if page.record.errors[seen_errors:]:
            errors[relative] = page.record.errors[seen_errors:]
        if context.cookies() or page.evaluate("document.cookie"):
            cookies[relative] = context.cookies()
    assert len(pages) > 20
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not cookies, f"cookies set: {cookies}"
    assert not errors, f"console errors: {errors}"
    assert violations == []
