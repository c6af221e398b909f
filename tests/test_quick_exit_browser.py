"""Quick exit above everything, in Chromium: in full view and working over Material's open search, the
navigation drawer and the worksheet's confirmation panel, at phone and desktop widths; the first Tab
stop after "Skip to content", with no invisible Tab stop before the text; and a first-visit note that
speaks of Shift only where there is a keyboard."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import SITE_CONFIG
from test_agreement_browser import MINE, fill, open_worksheet
from test_search_browser import _open_search, _search

EXIT_URL = SITE_CONFIG["extra"]["quick_exit_url"]

# Is every part of Quick exit the top thing on the screen (so a tap anywhere on it reaches it)? Nine
# points across the button, each hit-tested; the names of what covers any of them.
EXIT_COVERED_BY = """() => {
  const exit = document.querySelector(".hp-quick-exit"), box = exit.getBoundingClientRect(), covered = [];
  if (box.width < 44 || box.height < 44 || box.top < 0 || box.right > innerWidth) return ["too small or off screen"];
  for (const fx of [0.05, 0.5, 0.95]) for (const fy of [0.05, 0.5, 0.95]) {
    const top = document.elementFromPoint(box.left + box.width * fx, box.top + box.height * fy);
    if (!top || !exit.contains(top)) covered.push(top ? top.className || top.tagName : "nothing");
  }
  return covered;
}"""


def phone_or_desktop(browser, base_url, width):
    return browser.new_context(base_url=base_url, viewport={"width": width, "height": 640},
                               has_touch=width < 1000, is_mobile=width < 1000)


def leaves_with_quick_exit(page):
    """Quick exit, clicked where it shows, takes the reader to the everyday site."""
    target = urlparse(EXIT_URL)
    page.context.route(lambda url: urlparse(url).netloc == target.netloc,
                       lambda route: route.fulfill(status=200, content_type="text/html", body="weather"))
    page.locator(".hp-quick-exit").click(trial=True)  # Playwright's own check: nothing else takes the click
    page.locator(".hp-quick-exit").click()
    page.wait_for_url(EXIT_URL)


@pytest.mark.parametrize("width", [320, 375, 768, 1280])
def test_quick_exit_shows_and_works_over_the_open_search(browser, base_url, width):
    context = phone_or_desktop(browser, base_url, width)
    try:
        page = context.new_page()
        page.goto("understand/cons/", wait_until="load")
        _open_search(page)
        assert _search(page, "jealousy"), "no results to cover the page with"
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        assert page.evaluate(EXIT_COVERED_BY) == []
        # The search box is still in full view below the bar.
        box = page.locator(".md-search__input").bounding_box()
        bar = page.locator(".hp-safety-bar").bounding_box()
        assert box["y"] >= bar["y"] + bar["height"] - 1, (box, bar)
        leaves_with_quick_exit(page)
    finally:
        context.close()


# How many of the open drawer's links in the window are the element found at their centre: drawn, and
# reached by a tap there (the links a nested level slides over are not).
DRAWN_LINKS = """drawer => {
  const shown = [...drawer.querySelectorAll("a")].filter(a => {
    const r = a.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight;
  });
  const drawn = shown.filter(a => {
    const r = a.getBoundingClientRect();
    return a.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
  });
  return drawn.length;
}"""


@pytest.mark.parametrize("width", [320, 375, 768, 1024])  # the drawer is there below 1220 px
def test_quick_exit_shows_and_works_over_the_open_navigation_drawer(browser, base_url, width):
    context = phone_or_desktop(browser, base_url, width)
    try:
        page = context.new_page()
        page.goto("understand/cons/", wait_until="load")
        page.locator("label.md-header__button[for='__drawer']").click()
        drawer = page.locator(".md-sidebar--primary")
        page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
        expect(drawer.get_by_role("link", name="Home")).to_be_visible()
        # The closed drawer skips rendering (content-visibility, guide.css); open, the links it shows are
        # drawn and take taps.
        assert drawer.evaluate(DRAWN_LINKS) >= 3
        assert page.evaluate(EXIT_COVERED_BY) == []
        leaves_with_quick_exit(page)
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_quick_exit_shows_over_the_worksheets_confirmation_panel(browser, base_url, width):
    context = phone_or_desktop(browser, base_url, width)
    try:
        page = context.new_page()
        open_worksheet(page)
        fill(page, MINE)
        page.get_by_role("button", name="Erase my answers").click()
        confirm = page.locator(".hp-confirm")
        expect(confirm).to_be_visible()
        # The panel scrolled up to where the bar is: the bar stays on top of it.
        top = confirm.evaluate("el => el.getBoundingClientRect().top + scrollY")
        page.evaluate("y => window.scrollTo(0, y)", top)
        assert page.evaluate(EXIT_COVERED_BY) == []
        leaves_with_quick_exit(page)
    finally:
        context.close()


# The focused element, and whether a reader can see it: a box on the screen, not hidden. An input drawn
# by a label counts as seen when that label is: the palette switch is a radio button whose focus ring
# Material draws on the label right after it.
FOCUSED = """() => {
  const el = document.activeElement;
  const next = el.nextElementSibling && el.nextElementSibling.tagName === "LABEL" ? [el.nextElementSibling] : [];
  const seen = node => {
    const box = node.getBoundingClientRect(), style = getComputedStyle(node);
    return box.width > 0 && box.height > 0 && style.visibility === "visible" &&
      box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight;
  };
  return {name: (el.getAttribute("aria-label") || el.textContent || el.className || el.tagName).trim().slice(0, 40),
          exit: el.matches(".hp-quick-exit"), skip: el.matches(".md-skip"),
          seen: [el, ...(el.labels || []), ...next].some(seen), inText: Boolean(el.closest("article"))};
}"""


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_quick_exit_is_the_first_tab_stop_and_no_tab_stop_is_invisible(browser, base_url, width):
    context = phone_or_desktop(browser, base_url, width)
    try:
        page = context.new_page()
        page.goto("understand/cons/", wait_until="load")
        stops = []
        for _ in range(100):  # every stop before the page's text (the side navigation too, on a wide screen)
            page.keyboard.press("Tab")
            stop = page.evaluate(FOCUSED)
            if stop["inText"]:
                break
            stops.append(stop)
        assert stops[0]["skip"] and stops[1]["exit"], [stop["name"] for stop in stops[:3]]
        assert [stop["name"] for stop in stops if not stop["seen"]] == []
        assert len(stops) < 100, "Tab never reached the page's text"
    finally:
        context.close()


@pytest.mark.parametrize("touch", [True, False])
def test_first_visit_note_says_tap_on_a_touch_screen_and_shift_only_with_a_keyboard(browser, base_url, touch):
    context = browser.new_context(base_url=base_url, viewport={"width": 375 if touch else 1280, "height": 640},
                                  has_touch=touch, is_mobile=touch)
    try:
        page = context.new_page()
        page.goto("", wait_until="load")
        note = page.locator(".hp-exit-note")
        expect(note).to_be_visible()
        shown = note.inner_text()  # the text as drawn: hidden parts left out
        if touch:
            assert "Tap it" in shown and "Shift" not in shown, shown
        else:
            assert "Shift three times" in shown and "Tap" not in shown, shown
        # A screen reader hears of the shortcut only where it can be used.
        expect(page.get_by_role("link", name=re.compile(r"^Quick exit"))).to_have_count(1)
        expect(page.get_by_role("link", name=re.compile(r"^Quick exit.*Shift key three times"))).to_have_count(0 if touch else 1)
    finally:
        context.close()
