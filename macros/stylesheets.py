"""One stylesheet per page: Material's, its palette and ours, in one file.

Every stylesheet blocks the first paint. Plain Material links two (its `main` stylesheet and its
palette), and the guide would add guide.css: three requests in flight as the page starts, beside
Material's script. In Lighthouse's runs (HTTP/1.1), Chromium had two connections ready as the page
arrived; a third request needed a new one, and Material's script, asked for last, waited for it (issue
19: about 150 ms more before the first paint in Lighthouse's simulation). On HTTP/2 it is one request
less. So the build writes Material's main stylesheet and its palette at the top of the built guide.css,
in the order the browser applied them before, and takes their <link>s out of every page. Material's
files stay in the site, unchanged; its own code never fetches them.

Three kinds of Material's rules are left out, each a cost on every page with nothing to show for it:
- the palette's rules for colours the site cannot show: the palette styles all of Material's primary
  and accent colours (about twenty of each), and the guide uses one of each (mkdocs.yml `theme.palette`:
  "custom", whose colours guide.css sets). The light and dark schemes' rules stay whole;
- the palette's rule that stops every transition while `data-md-color-switching` is on <body>. Material
  sets that attribute as it starts and takes it off a moment later, and each time the rule made the
  browser restyle the whole page. Without it, switching light and dark fades the few colours that fade;
- the no-JavaScript rules for tabbed content, when no page has tabs (pymdownx.tabbed is not in
  mkdocs.yml). Their last part names no class, so when Material's start-up takes the `no-js` class off
  <html>, the browser restyles the whole page for them.
And one kind is rewritten: Material styles tables from Markdown as `table:not([class])`. A selector on
the class attribute makes every change of any element's classes restyle everything inside it (Material
changes classes on <html>, the header and the navigation as it starts and as the reader scrolls). The
build marks those tables with an attribute of their own instead (MARKDOWN_TABLE), and the rules select
it; they keep no class, so Material's script still finds them (`table:not([class])`) and wraps them to scroll.
Likewise Material's rules on links select `[href]` (`.md-nav__link[href]:hover`): Material's instant
navigation rewrites every link's address to a full one as it starts, and any rule on the address made
the browser restyle every link then. In the body only <a> has an address, so they select `a` instead.
guide.css keeps no rule on addresses either."""

from __future__ import annotations

import re
from pathlib import Path

from macros.minify import CSS_COMMENT, strip_css

GUIDE_CSS = "assets/guide.css"
MAIN = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")
# Their <link>s, and the preloads for them that overrides/main.html puts before the inline scripts.
MATERIAL_LINK = re.compile(r'<link rel="(?:stylesheet|preload" as="style)" href="(?:[^"]*/)?'
                           rf'(?:{MAIN.pattern}|{PALETTE.pattern})">\n?')
# Material's selector for a table from Markdown, and the attribute the build marks such tables with instead.
UNCLASSED_TABLE = "table:not([class])"
MARKDOWN_TABLE = "data-hp-table"
# A compound selector with [href] (no tag, or none yet), e.g. ".md-nav__link[href]" or ">[href]".
LINK_BY_ADDRESS = re.compile(r"(^|[\s>+~(,])((?:[.#][\w-]+)*)\[href\]")
TABLE_WITHOUT_CLASS = re.compile(r"<table(?=[\s>])(?![^>]*\sclass=)")
# Where our own rules start in the built guide.css, after Material's.
OURS = "/* guide.css */\n"
BRACE = re.compile(r"[{}]")
# @-rules that hold rules (each is filtered inside); any other @-rule is kept as it is.
GROUPING_RULES = ("@media", "@supports", "@container", "@layer")


def material_file(site_dir: Path, name: re.Pattern) -> Path | None:
    """One of Material's stylesheets in the built site (its name carries a hash of its content)."""
    found = [path for path in (Path(site_dir) / "assets" / "stylesheets").glob("*.min.css")
             if name.fullmatch(path.relative_to(site_dir).as_posix())]
    return found[0] if len(found) == 1 else None


def palette_file(site_dir: Path) -> Path | None:
    return material_file(site_dir, PALETTE)


# The colours a built page can switch to: on its <body> and on each option of the palette toggle.
COLOUR_ATTRIBUTE = re.compile(r'data-md-color-(?:primary|accent)="([\w-]+)"')
COLOUR_SELECTOR = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")


def colours_in_use(site_dir: Path) -> set[str]:
    """The primary and accent colours named on the built home page (the same on every page)."""
    home = Path(site_dir) / "index.html"
    return set(COLOUR_ATTRIBUTE.findall(home.read_text(encoding="utf-8"))) if home.is_file() else set()


def css_blocks(css: str) -> list[tuple[str, str]]:
    """Each top-level rule of a stylesheet as (prelude, body): a selector list or an @-rule, and what its
    braces hold (an @media block's body holds rules of its own). Material's stylesheets have no braces
    in strings. A statement such as `@charset "UTF-8";` stays at the front of the prelude after it."""
    blocks, start = [], 0
    while (open_at := css.find("{", start)) >= 0:
        depth, end = 1, open_at + 1
        while depth:  # brace to brace, not character by character: Material's stylesheet is 134 KiB
            brace = BRACE.search(css, end)
            depth += 1 if brace.group() == "{" else -1
            end = brace.end()
        blocks.append((css[start:open_at].strip(), css[open_at + 1:end - 1]))
        start = end
    return blocks


def selectors(prelude: str) -> list[str]:
    """A selector list split at its own commas, not at those inside :is(), :not() and the like."""
    if "(" not in prelude:
        return prelude.split(",")
    parts, depth, start = [], 0, 0
    for at, char in enumerate(prelude):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:at])
            start = at + 1
    return [*parts, prelude[start:]]


def rewritten_rules(css: str, rewrite) -> str:
    """The stylesheet with each selector replaced by rewrite(selector), or left out when that is None,
    and without the rules and @media blocks left empty by that."""
    kept = []
    for prelude, body in css_blocks(css):
        if prelude.startswith("@"):
            if prelude.startswith(GROUPING_RULES):
                inner = rewritten_rules(body, rewrite)
                if inner:
                    kept.append(f"{prelude}{{{inner}}}")
            else:
                kept.append(f"{prelude}{{{body}}}")
            continue
        wanted = [new for new in map(rewrite, selectors(prelude)) if new is not None]
        if wanted:
            kept.append(f"{','.join(wanted)}{{{body}}}")
    return "".join(kept)


def kept_rules(css: str, keep) -> str:
    """The stylesheet with only the selectors for which keep(selector) is true."""
    return rewritten_rules(css, lambda selector: selector if keep(selector) else None)


def without_other_colours(css: str, colours: set[str]) -> str:
    """The palette without the selectors for primary and accent colours not in `colours` (all kept when no
    colour is known), and without the rule that stops transitions while the palette switches."""
    return kept_rules(css, lambda s: (not colours or set(COLOUR_SELECTOR.findall(s)) <= colours)
                      and "[data-md-color-switching]" not in s)


def main_rules(css: str, tabs: bool) -> str:
    """Material's main stylesheet with Markdown tables selected by their mark and links by their tag,
    and without its no-JavaScript rules for tabbed content unless the site has tabs."""
    def rewrite(selector):
        if not tabs and ".no-js " in selector and ".tabbed-" in selector:
            return None
        selector = LINK_BY_ADDRESS.sub(lambda m: f"{m.group(1)}a{m.group(2)}", selector)
        return selector.replace(UNCLASSED_TABLE, f"table[{MARKDOWN_TABLE}]")
    return rewritten_rules(css, rewrite)


def material_css(site_dir: Path, tabs: bool) -> str:
    """Material's main stylesheet and its palette as they open the built guide.css, as the module says;
    empty when either is missing."""
    main, palette = material_file(site_dir, MAIN), palette_file(site_dir)
    if not main or not palette:
        return ""
    main_css = CSS_COMMENT.sub("", main.read_text(encoding="utf-8"))
    palette_css = CSS_COMMENT.sub("", palette.read_text(encoding="utf-8"))
    palette_rules = strip_css(without_other_colours(palette_css, colours_in_use(site_dir)))
    return main_rules(main_css, tabs) + "\n" + palette_rules


def for_one_stylesheet(page_html: str) -> str:
    """The page without the <link>s and preloads of Material's stylesheets, when it links guide.css,
    which holds them; its tables from Markdown marked with the attribute the merged rules select."""
    if GUIDE_CSS not in page_html:
        return page_html
    return TABLE_WITHOUT_CLASS.sub(f"<table {MARKDOWN_TABLE}", MATERIAL_LINK.sub("", page_html))


def own_part(guide_css: str) -> str:
    """Our own rules in a built guide.css, after Material's."""
    return guide_css.split(OURS, 1)[-1]


def merge_material_into_guide_css(site_dir: Path, tabs: bool) -> None:
    """Put Material's stylesheets at the top of the built guide.css, once: a `make serve` rebuild may keep
    the built file as it was."""
    material, guide = material_css(site_dir, tabs), Path(site_dir) / GUIDE_CSS
    if not material or not guide.is_file():
        return
    guide.write_text(material + OURS + own_part(guide.read_text(encoding="utf-8")), encoding="utf-8")
