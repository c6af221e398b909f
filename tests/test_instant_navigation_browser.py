"""Every page reached by Material's instant navigation (the page swapped in place, no full load), in
Chromium: no console error, no uncaught exception, no Content-Security-Policy violation. The FAQ also
navigates to itself, which once re-ran its structured data as a script ("Unexpected token ':'")."""

from conftest import instant_navigation_ready, serve_sitemap_for_this_host
from site_pages import built_pages, page_url

# Violations as the document reports them, kept across instant navigations (the document stays the same).
WATCH_VIOLATIONS = """() => {
  window.violations = [];
  window.sameDocument = true;
  document.addEventListener("securitypolicyviolation",
    event => window.violations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`));
}"""
# Follow a link as a reader does: a link in the page, clicked (Material intercepts it).
FOLLOW = """address => {
  const link = document.createElement("a");
  link.href = address;
  link.textContent = "next";
  document.querySelector("article").append(link);
  link.click();
}"""


def test_every_page_reached_by_instant_navigation_logs_no_error_and_breaks_no_policy(page, site_dir, base_url):
    serve_sitemap_for_this_host(page, base_url)
    pages = [relative for relative in built_pages(site_dir) if relative != "404.html"]
    faq = next(relative for relative in pages if relative.startswith("faq/"))
    route = [*pages, faq, faq]  # the FAQ twice in a row: it navigates to itself
    page.goto(base_url, wait_until="load")
    instant_navigation_ready(page)
    page.evaluate(WATCH_VIOLATIONS)
    errors = {}
    for relative in route:
        address = page_url(base_url, relative)
        seen = len(page.record.errors)
        page.evaluate(FOLLOW, address)
        page.wait_for_url(address)
        page.wait_for_function("address => location.href === address && document.querySelector('article h1')", arg=address)
        page.wait_for_load_state("networkidle")
        if page.record.errors[seen:]:
            errors[relative] = page.record.errors[seen:]
        assert page.evaluate("window.sameDocument === true"), f"{relative} was fully loaded, not instantly"
    assert len(route) > 20
    assert not errors, f"console errors: {errors}"
    assert page.evaluate("window.violations") == []
    assert page.record.foreign_requests() == []


def test_the_sitemap_waits_for_the_readers_first_move(page, base_url):
    """Material asks for sitemap.xml as it starts; the guide holds it until the reader moves, taps or types,
    so it does not share the connection with the first paint. Instant navigation works from then on."""
    serve_sitemap_for_this_host(page, base_url)
    asked = lambda: [address for address in page.record.requests if address.endswith("/sitemap.xml")]  # noqa: E731
    page.goto("", wait_until="networkidle")
    page.evaluate("window.sameDocument = true")
    assert asked() == [], "asked for before the reader did anything"
    with page.expect_request("**/sitemap.xml"):
        page.mouse.move(5, 5)
    instant_navigation_ready(page)
    page.locator(".hp-doors li > a").first.click()
    page.wait_for_url("**/start/path-asked/")
    assert page.evaluate("window.sameDocument === true"), "the link did not open by instant navigation"
    assert len(asked()) == 1
