"""Accessibility of every built page in real Chromium: axe-core (WCAG 2.x A/AA) in the light and the dark
palette, keyboard focus that is visible, and reflow at 320 CSS px without horizontal scrolling."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import soup, wait_until_transitions_end
from site_pages import built_pages, page_url

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# No rule is excluded: every axe rule with one of these tags runs on every page, in the light palette.
# The dark palette changes only colours: there, the rules about colour run on every page.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_OPTIONS = {
    "light": {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    "dark": {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]},
}
SCHEMES = {"light": "default", "dark": "slate"}  # palette -> Material's scheme


def describe(violations: dict) -> str:
    lines = []
    for page, found in violations.items():
        for v in found:
            targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            lines.append(f"{page}: {v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['help']} -> {targets}")
    return "\n".join(lines)


def _switch_palette_to(page, scheme: str):
    """The palette switch (Material keeps the choice for the next page)."""
    if page.locator("body").get_attribute("data-md-color-scheme") != scheme:
        # A click event without the pointer: a pointer left over the switch would show its tooltip.
        page.locator("form[data-md-component=palette] label:visible").dispatch_event("click")
        page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=scheme)
        # The colours a reader then sees: the few that fade (links, 125 ms) have finished fading
        # (macros/stylesheets.py leaves out Material's rule that stopped every transition meanwhile).
        wait_until_transitions_end(page)


def test_axe_finds_no_wcag_violation_on_any_page_in_either_palette(page, site_dir, base_url):
    """Each page loaded once: every rule in the light palette, then the colour rules in the dark."""
    axe = Axe()
    pages = built_pages(site_dir)
    violations = {scheme: {} for scheme in SCHEMES}
    for relative in pages:
        page.goto(page_url(base_url, relative), wait_until="load")
        for scheme in SCHEMES:
            _switch_palette_to(page, SCHEMES[scheme])
            found = axe.run(page, options=AXE_OPTIONS[scheme]).response["violations"]
            if found:
                violations[scheme][relative] = found
    assert len(pages) > 20
    failing = {scheme: found for scheme, found in violations.items() if found}
    assert not failing, "\n".join(f"{len(found)} of {len(pages)} pages fail axe ({scheme}):\n" + describe(found)
                                   for scheme, found in failing.items())


FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Material's palette switch is a hidden radio button; its label beside it is what shows focus.
  const palette = el.name === "__palette";
  const style = getComputedStyle(palette ? el.nextElementSibling : el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {
    tag: el.tagName.toLowerCase(), type: el.type || "", id: el.id, cls: el.className && String(el.className),
    palette: palette, inChecklist: !!el.closest(".hp-checklist"),
    visible: outline || !!shadow,
  };
}"""


def first_page_with_checklist(site_dir):
    for relative in built_pages(site_dir):
        if soup(site_dir / relative).select_one(".hp-checklist input[type=checkbox]"):
            return relative
    raise AssertionError("no built page has a checklist")


def test_tab_reaches_checkbox_search_and_palette_toggle_with_visible_focus(page, site_dir, base_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page_url(base_url, first_page_with_checklist(site_dir)), wait_until="load")
    reached, invisible = {}, []
    for _ in range(400):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        if not state["visible"]:
            invisible.append(state)
        if state["inChecklist"] and state["type"] == "checkbox":
            reached["checklist checkbox"] = state
        if state["cls"] and "md-search__input" in state["cls"]:
            reached["search"] = state
        if state["palette"]:
            reached["palette toggle"] = state
        if len(reached) == 3:
            break
    assert set(reached) == {"checklist checkbox", "search", "palette toggle"}, reached
    assert not invisible, f"focused without a visible focus indicator: {invisible}"


# A small phone, and 1280x1024 zoomed to 400% (WCAG 1.4.10 reflow): both 320 CSS px wide.
VIEWPORTS_320 = {"phone-320": {"width": 320, "height": 640}, "zoom-400": {"width": 320, "height": 256}}


def test_no_horizontal_scrolling_at_320_css_px(page, site_dir, base_url):
    overflowing = {}
    for relative in built_pages(site_dir):
        page.set_viewport_size(VIEWPORTS_320["phone-320"])
        page.goto(page_url(base_url, relative), wait_until="load")
        for name, viewport in VIEWPORTS_320.items():
            page.set_viewport_size(viewport)
            width = page.evaluate("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
            if width[0] > width[1]:
                overflowing[f"{relative} ({name})"] = width
    assert not overflowing, f"pages wider than the viewport (scrollWidth, clientWidth): {overflowing}"


def test_search_dialog_and_loading_bar_have_accessible_names(site_dir):
    """Material leaves these two unnamed; our overrides name them (axe aria-dialog-name, aria-progressbar-name)."""
    unnamed = []
    for relative in built_pages(site_dir):
        page = soup(site_dir / relative)
        for selector in ('[role="dialog"]', '[role="progressbar"]'):
            unnamed += [f"{relative}: {selector}" for el in page.select(selector) if not el.get("aria-label", "").strip()]
    assert not unnamed, unnamed


@pytest.mark.parametrize("color_scheme", SCHEMES)
def test_axe_finds_no_violation_in_the_note_a_search_that_finds_nothing_shows(page, color_scheme):
    from test_search_browser import _open_search, _search

    page.emulate_media(color_scheme=color_scheme)
    page.goto("", wait_until="load")
    _open_search(page)
    assert _search(page, "zzqx") == []
    page.wait_for_selector(".hp-search-none:not([hidden])")
    found = Axe().run(page, context=".md-search", options=AXE_OPTIONS["light"]).response["violations"]
    assert not found, describe({"search, no results": found})
