"""The navigation drawer on phones and tablets, in Chromium. Closed, its links are not rendered at all
(guide.css skips the closed drawer's content), so Material's start-up, which restyles the whole page
several times, does not restyle the navigation with it. Open, its links are drawn and take taps;
closed again, they are skipped once the drawer has slid away. On a wide screen the navigation is a
sidebar and always drawn."""

import pytest
from playwright.sync_api import expect

from test_quick_exit_browser import DRAWN_LINKS, phone_or_desktop

# How many of the navigation's links are rendered (checkVisibility: false inside skipped content).
RENDERED_LINKS = """() => [...document.querySelectorAll(".md-sidebar--primary a")].filter(a => a.checkVisibility()).length"""
DRAWER_OPEN = "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
DRAWER_CLOSED = "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().right <= 0"


@pytest.mark.parametrize("width", [320, 768])
def test_the_closed_drawer_is_not_rendered_and_the_open_drawer_is(browser, base_url, width):
    context = phone_or_desktop(browser, base_url, width)
    try:
        page = context.new_page()
        page.goto("understand/cons/", wait_until="load")
        assert page.locator(".md-sidebar--primary a").count() > 20
        assert page.evaluate(RENDERED_LINKS) == 0

        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_function(DRAWER_OPEN)
        rendered = page.evaluate(RENDERED_LINKS)
        assert rendered > 20
        expect(page.locator(".md-sidebar--primary").get_by_role("link", name="Home")).to_be_visible()
        assert page.locator(".md-sidebar--primary").evaluate(DRAWN_LINKS) >= 3

        page.locator("label.md-overlay").click(position={"x": width - 20, "y": 300})  # the shade beside it
        # While the drawer slides away its links stay drawn; once it is off the screen they are skipped.
        assert page.evaluate(RENDERED_LINKS) == rendered
        page.wait_for_function(DRAWER_CLOSED)
        page.wait_for_function(f"() => ({RENDERED_LINKS})() === 0")
    finally:
        context.close()


def test_the_sidebar_on_a_wide_screen_is_rendered(browser, base_url):
    context = phone_or_desktop(browser, base_url, 1280)
    try:
        page = context.new_page()
        page.goto("understand/cons/", wait_until="load")
        assert page.evaluate(RENDERED_LINKS) > 20
        expect(page.locator(".md-sidebar--primary").get_by_role("link", name="Home")).to_be_visible()
    finally:
        context.close()


# Titles in the navigation and the table of contents that are wider than their link (cut), and how many
# of those links there are. Checked on drawn links only: a skipped link measures nothing.
CUT_TITLES = """() => {
  const links = [...document.querySelectorAll(".md-nav .md-nav__link")].filter(l => l.checkVisibility());
  return {links: links.length, cut: links.filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent.trim())};
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_navigation_titles_wrap_whole_without_the_ellipsis_mark(browser, base_url, width):
    """The navigation's and the table of contents' titles carry no `md-ellipsis` (macros/nav_titles.py),
    so Material's start-up does not watch them; none is wider than its link, so none needed it. The
    longest chapter, with the most entries in its table of contents; on a phone, in the open drawer."""
    context = phone_or_desktop(browser, base_url, width)
    try:
        page = context.new_page()
        page.goto("decide/if-your-partner-asked/", wait_until="load")
        assert page.locator(".md-nav .md-nav__link").count() > 40
        assert page.locator(".md-nav .md-ellipsis").count() == 0
        assert page.locator(".md-header .md-ellipsis").count() == 2  # the header's titles keep it
        if width < 1220:
            page.locator("label.md-header__button[for='__drawer']").click()
            page.wait_for_function(DRAWER_OPEN)
            page.locator(".md-sidebar--primary label.md-nav__link[for='__toc']").click()  # the page's contents, nested
            page.wait_for_timeout(400)
        found = page.evaluate(CUT_TITLES)
        assert found["links"] > (8 if width < 1220 else 40), found
        assert found["cut"] == [], found
    finally:
        context.close()
