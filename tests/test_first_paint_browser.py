"""The first paint shows the page's own text: Chromium holds painting until the end of the content
(overrides/main.html, rel=expect), instead of painting the header, then the navigation, then the text."""

import pytest

# Every paint and every largest-contentful-paint candidate, with where its element is.
WATCH_PAINTS = """
window.paints = [];
new PerformanceObserver(list => list.getEntries().forEach(e => window.paints.push({
  kind: e.entryType, name: e.name, time: e.startTime,
}))).observe({type: "largest-contentful-paint", buffered: true});
new PerformanceObserver(list => list.getEntries().forEach(e => window.paints.push({kind: e.entryType, name: e.name, time: e.startTime})))
  .observe({type: "paint", buffered: true});
"""


@pytest.mark.parametrize("path", ["", "agreement/", "prepare/practical-steps/"])
def test_the_first_paint_already_shows_the_pages_text(context, page, path):
    context.add_init_script(WATCH_PAINTS)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(path, wait_until="load")
    page.wait_for_function("() => window.paints.some(p => p.kind === 'largest-contentful-paint')")
    paints = page.evaluate("window.paints")
    first = min(p["time"] for p in paints if p["name"] == "first-contentful-paint")
    candidates = [p for p in paints if p["kind"] == "largest-contentful-paint"]
    # One paint: nothing larger appears after the first (before, the text came two or three paints later).
    assert candidates and all(c["time"] == first for c in candidates), paints
    assert page.evaluate("() => document.querySelector('main + #hp-content-end') !== null")
