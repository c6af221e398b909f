"""The favicon travels inside every page (macros/favicon.py): a data: address holding the SVG in
docs/assets, so the browser asks for no icon file as the page starts."""

from urllib.parse import unquote

from conftest import ROOT, html_pages, soup

SVG = ROOT / "docs" / "assets" / "favicon.svg"


def test_every_page_carries_the_favicon_svg_itself(site_dir):
    source = " ".join(SVG.read_text(encoding="utf-8").split())
    for path in [*html_pages(site_dir), site_dir / "404.html"]:
        icons = soup(path).select('link[rel="icon"]')
        assert len(icons) == 1, path
        href = icons[0]["href"]
        assert href.startswith("data:image/svg+xml,") and not any(c in href for c in ' "<>#'), (path, href[:80])
        assert unquote(href.removeprefix("data:image/svg+xml,")) == source.replace('"', "'"), path


def test_the_browser_shows_the_icon_without_asking_for_a_file(page):
    page.goto("", wait_until="load")
    icon = page.evaluate("document.querySelector('link[rel=icon]').href")
    assert icon.startswith("data:image/svg+xml,")
    # The SVG is valid: it loads as an image, at its own size.
    size = page.evaluate("""(src) => new Promise((done) => {
        const img = new Image(); img.onload = () => done([img.naturalWidth, img.naturalHeight]);
        img.onerror = () => done(null); img.src = src; })""", icon)
    assert size and size[0] > 0 and size[1] > 0, size
    assert not [url for url in page.record.requests if "favicon" in url], page.record.requests
    assert page.record.errors == []
