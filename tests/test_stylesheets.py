"""One stylesheet of ours per page, with Material's palette at its top (macros/stylesheets.py): no page
links the palette on its own, the merged file holds it once however often it is built, only for the
colours the site uses, and the dark scheme still gets Material's colours."""

import re
import shutil

from conftest import ROOT, html_pages, soup
from macros.minify import strip_css
from macros.stylesheets import COLOUR_SELECTOR, GUIDE_CSS, merge_palette_into_guide_css, palette_file, without_other_colours


def stylesheets(path):
    return [link["href"].lstrip("./") for link in soup(path).select('link[rel="stylesheet"]')]


def test_every_page_links_materials_main_stylesheet_and_guide_css_only(site_dir):
    for path in [*html_pages(site_dir), site_dir / "404.html"]:
        sheets = stylesheets(path)
        assert len(sheets) == 2 and re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", sheets[0]), (path, sheets)
        assert sheets[1] == GUIDE_CSS, (path, sheets)


def colours_named(css):
    return set(COLOUR_SELECTOR.findall(css))


def test_guide_css_starts_with_the_palette_for_the_sites_colours_once_then_our_rules(site_dir, tmp_path):
    built = (site_dir / GUIDE_CSS).read_text(encoding="utf-8")
    ours = strip_css((ROOT / "docs" / GUIDE_CSS).read_text(encoding="utf-8"))
    full = strip_css(palette_file(site_dir).read_text(encoding="utf-8"))
    assert built.endswith(ours)
    merged = built.removesuffix(ours)
    assert "--md-default-bg-color" in merged and ours not in merged
    # The dark scheme's colours, whole, as Material's palette sets them.
    slate = re.search(r"\[data-md-color-scheme=slate\]\{[^}]*\}", full).group(0)
    assert "--md-default-fg-color" in slate and slate in merged
    # Of Material's twenty-odd primary and accent colours, only those a page can switch to: on <body>
    # and on the options of the palette toggle.
    home = soup(site_dir / "index.html")
    on_pages = {element[attribute] for attribute in ("data-md-color-primary", "data-md-color-accent")
                for element in home.select(f"[{attribute}]")}
    assert len(colours_named(full)) > 15 and on_pages
    assert colours_named(merged) <= on_pages
    # `make serve` rebuilds into the same folder and may keep the built file: merging again changes nothing.
    copy = tmp_path / "site"
    (copy / "assets" / "stylesheets").mkdir(parents=True)
    shutil.copy(palette_file(site_dir), copy / "assets" / "stylesheets")
    shutil.copy(site_dir / "index.html", copy / "index.html")
    shutil.copy(site_dir / GUIDE_CSS, copy / GUIDE_CSS)
    merge_palette_into_guide_css(copy)
    assert (copy / GUIDE_CSS).read_text(encoding="utf-8") == built


def test_dropping_a_colour_keeps_the_rest_of_a_rule_and_of_its_media_block():
    css = ("@media screen{[data-md-color-scheme=slate]{color-scheme:dark}"
           "[data-md-color-primary=red],[data-md-color-primary=custom] .a:is(.b,.c){color:red}"
           "[data-md-color-accent=red]{color:blue}}@media print{[data-md-color-primary=red]{color:red}}")
    assert without_other_colours(css, {"custom"}) == (
        "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}"
        "[data-md-color-primary=custom] .a:is(.b,.c){color:red}}")


def test_the_dark_scheme_still_gets_materials_colours(page):
    page.goto("", wait_until="load")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [int(c) for c in re.findall(r"\d+", dark)[:3]]
    assert light != dark and max(channels) < 64, (light, dark)  # slate's dark background, from the palette
    assert page.record.errors == []
