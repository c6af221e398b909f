"""One stylesheet per page, guide.css, with Material's main stylesheet and its palette at its top
(macros/stylesheets.py): no page links Material's on their own, the merged file holds them once however
often it is built, the palette only for the colours the site uses, and without the rules that made
Material's start-up restyle the whole page; the dark scheme still gets Material's colours."""

import json
import re
import shutil

from conftest import ROOT, html_pages, soup
from macros.minify import CSS_COMMENT, strip_css
from macros.stylesheets import (COLOUR_SELECTOR, GUIDE_CSS, MAIN, MARKDOWN_TABLE, OURS, UNCLASSED_TABLE, css_blocks,
                                for_one_stylesheet, material_file, merge_material_into_guide_css, palette_file,
                                selectors, without_other_colours)


def stylesheets(path):
    return [link["href"].lstrip("./") for link in soup(path).select('link[rel="stylesheet"], link[as="style"]')]


def test_every_page_links_and_preloads_guide_css_only(site_dir):
    for path in [*html_pages(site_dir), site_dir / "404.html"]:
        assert stylesheets(path) == [GUIDE_CSS, GUIDE_CSS], path  # the preload, then the <link>


def style_rules(css):
    """Each rule with selectors, inside @media and @supports blocks too, in order."""
    for prelude, body in css_blocks(css):
        if prelude.startswith(("@media", "@supports")):
            yield from style_rules(body)
        elif not prelude.startswith("@"):
            yield prelude, body


def colours_named(css):
    return set(COLOUR_SELECTOR.findall(css))


def test_guide_css_starts_with_materials_stylesheets_once_then_our_rules(site_dir, tmp_path):
    built = (site_dir / GUIDE_CSS).read_text(encoding="utf-8")
    ours = strip_css((ROOT / "docs" / GUIDE_CSS).read_text(encoding="utf-8"))
    assert built.count(OURS) == 1 and built.endswith(OURS + ours)
    merged = built.removesuffix(OURS + ours)
    assert merged.startswith('@charset "UTF-8";') and "/*" not in merged and ours not in merged

    # Every rule of Material's main stylesheet, in its order, but the tabs' no-JavaScript fallbacks.
    main = CSS_COMMENT.sub("", material_file(site_dir, MAIN).read_text(encoding="utf-8"))
    position, fallbacks = 0, 0
    for prelude, body in style_rules(main):
        kept = [re.sub(r"(?<![\w-])((?:\.[\w-]+)*)\[href\]", r"a\1", s).replace(UNCLASSED_TABLE, f"table[{MARKDOWN_TABLE}]")
                for s in selectors(prelude) if not (".no-js " in s and ".tabbed-" in s)]
        fallbacks += len(selectors(prelude)) - len(kept)
        if kept:
            position = merged.index(f"{','.join(kept)}{{{body}}}", position)
    assert fallbacks >= 19 and ".no-js .md-search{" in merged  # Material's other no-JavaScript rules stay
    assert not re.search(r"\.no-js [^{},]*\.tabbed-", merged)
    # No rule selects on the class attribute but one for a code listing's line numbers, none on an address.
    assert re.findall(r"[^{},]*\[class[^{},]*", merged) == [".highlighttable .linenodiv span[class]"]
    assert "[href" not in built and "a.md-nav__link:hover{" in merged
    assert f".md-typeset table[{MARKDOWN_TABLE}] th{{" in merged
    # Material's @media blocks, keyframes and print settings are there too.
    assert merged.count("@keyframes") == main.count("@keyframes") and "@page" in merged
    assert merged.count("@media") >= main.count("@media")

    # The palette: the dark scheme's colours, whole, as Material sets them; no rule on switching.
    full = strip_css(palette_file(site_dir).read_text(encoding="utf-8"))
    slate = re.search(r"\[data-md-color-scheme=slate\]\{[^}]*\}", full).group(0)
    assert "--md-default-fg-color" in slate and slate in merged
    assert "data-md-color-switching" in full and "data-md-color-switching" not in merged
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
    for sheet in (palette_file(site_dir), material_file(site_dir, MAIN)):
        shutil.copy(sheet, copy / "assets" / "stylesheets")
    shutil.copy(site_dir / "index.html", copy / "index.html")
    shutil.copy(site_dir / GUIDE_CSS, copy / GUIDE_CSS)
    merge_material_into_guide_css(copy, tabs=False)
    assert (copy / GUIDE_CSS).read_text(encoding="utf-8") == built
    # A site with tabs keeps their fallbacks.
    merge_material_into_guide_css(copy, tabs=True)
    assert re.search(r"\.no-js [^{},]*\.tabbed-", (copy / GUIDE_CSS).read_text(encoding="utf-8"))


def test_dropping_a_colour_keeps_the_rest_of_a_rule_and_of_its_media_block():
    css = ("@media screen{[data-md-color-scheme=slate]{color-scheme:dark}"
           "[data-md-color-primary=red],[data-md-color-primary=custom] .a:is(.b,.c){color:red}"
           "[data-md-color-accent=red]{color:blue}}@media print{[data-md-color-primary=red]{color:red}}")
    assert without_other_colours(css, {"custom"}) == (
        "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}"
        "[data-md-color-primary=custom] .a:is(.b,.c){color:red}}")


def test_tables_from_markdown_get_the_mark_materials_table_rules_select_and_no_class(site_dir):
    """No class, so Material's script still finds them (table:not([class])) and wraps them to scroll."""
    for path in html_pages(site_dir):
        for table in soup(path).select("article table"):
            assert bool(table.get("class")) != table.has_attr(MARKDOWN_TABLE), (path, str(table)[:80])
    page = ('<link rel="stylesheet" href="../assets/guide.css"><table>\n<thead><tr><th>A</th></tr></thead>'
            '</table><table class="hp-agreement__table"></table><table\n id="x">')
    assert for_one_stylesheet(page) == (
        f'<link rel="stylesheet" href="../assets/guide.css"><table {MARKDOWN_TABLE}>\n<thead><tr><th>A</th>'
        f'</tr></thead></table><table class="hp-agreement__table"></table><table {MARKDOWN_TABLE}\n id="x">')


def test_the_palette_keeps_no_rule_on_switching_and_keyframes_stay_whole():
    css = ("[data-md-color-switching] *,[data-md-color-switching] :after{transition-duration:0s!important}"
           "@keyframes a{0%{opacity:0}to{opacity:1}}@page{margin:25mm}")
    assert without_other_colours(css, {"custom"}) == "@keyframes a{0%{opacity:0}to{opacity:1}}@page{margin:25mm}"
    # With no colour known (no home page built), every colour stays, and the switching rule still goes.
    assert without_other_colours(css + "[data-md-color-primary=red]{color:red}", set()) == (
        "@keyframes a{0%{opacity:0}to{opacity:1}}@page{margin:25mm}[data-md-color-primary=red]{color:red}")


def test_the_dark_scheme_still_gets_materials_colours(page):
    page.goto("", wait_until="load")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [int(c) for c in re.findall(r"\d+", dark)[:3]]
    assert light != dark and max(channels) < 64, (light, dark)  # slate's dark background, from the palette
    assert page.record.errors == []


# What Material's start-up changes on every page load, each once or twice: (undo it first, the change).
START_UP_CHANGES = {
    "its no-js class off <html>": ("", "document.documentElement.classList.remove('no-js')"),
    "its js class on <html>": ("", "document.documentElement.classList.add('js')"),
    "its focus-visible class on <html>": ("", "document.documentElement.classList.add('js-focus-visible')"),
    "the palette's switching mark on <body>": ("", "document.body.setAttribute('data-md-color-switching', '')"),
    "and off again": ("", "document.body.removeAttribute('data-md-color-switching')"),
    # Instant navigation gives every link a full address (the page has them by now: take them back first).
    "full addresses on every link": (
        "document.querySelectorAll('a[href]').forEach(a => a.setAttribute('href', a.getAttribute('href').replace(location.origin, '')))",
        "document.querySelectorAll('a[href]').forEach(a => { a.href = a.href })"),
}


def test_materials_start_up_changes_restyle_almost_nothing_below_them(page):
    """Each change, on a page already styled, is followed by a style read; Chromium's trace counts the
    elements it restyled. With Material's rules on the class attribute, the tabs' no-JavaScript fallbacks,
    the switching rule or rules on links' addresses, each of these restyled the whole page or every link
    (about 200 elements on the home page)."""
    page.goto("", wait_until="load")
    page.evaluate("document.documentElement.className = 'no-js'")
    browser = page.context.browser
    restyled = {}
    # A change that can be undone is measured three times and the least counted: something else can
    # restyle a couple of elements during one measurement (2 once in CI, with the page loaded and idle),
    # while a rule that the change touches restyles its elements every time.
    for change, (undo, script) in START_UP_CHANGES.items():
        counts = []
        for _ in range(3 if undo else 1):
            page.evaluate(f"{undo}; getComputedStyle(document.body).color")
            links = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
            browser.start_tracing(page=page, categories=["devtools.timeline"])
            page.evaluate(script + "; getComputedStyle(document.body).color")
            events = json.loads(browser.stop_tracing())["traceEvents"]
            counts.append(sum(e.get("args", {}).get("elementCount", 0) for e in events if e["name"] == "UpdateLayoutTree"))
            if undo:  # the change did change something
                assert page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))") != links
        restyled[change] = min(counts)
    everything = page.evaluate("document.querySelectorAll('*').length")
    assert everything > 150 and all(count < 40 for count in restyled.values()), (everything, restyled)
    assert restyled["full addresses on every link"] == 0, restyled  # 34 with a rule on [href], after the page has started
