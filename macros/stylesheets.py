"""One stylesheet of ours per page, with Material's palette in it.

Material links its palette stylesheet (the light and dark schemes' colours, 2.0 KiB gzipped) as a file of
its own, and our guide.css follows it. Every stylesheet blocks the first paint, and on a slow phone line
each request in flight takes a share of it from Material's script. So the build puts the palette at the
top of guide.css, in the order the browser applied them before, and takes the palette's <link> out of
every page. The palette file stays in the site, unchanged; Material's own code never fetches it.

Only the palette's rules for the colours the site can show are merged: the palette file styles all of
Material's primary and accent colours (about twenty of each), and the guide uses one of each
(mkdocs.yml `theme.palette`: "custom", whose colours guide.css sets). The light and dark schemes' rules
stay whole. That takes the palette from 2.0 to 0.6 KiB gzipped on every page, before its first paint."""

from __future__ import annotations

import re
from pathlib import Path

from macros.minify import CSS_COMMENT, strip_css

GUIDE_CSS = "assets/guide.css"
PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")
# Its <link>, and the preload for it that overrides/main.html puts before the inline scripts.
PALETTE_LINK = re.compile(r'<link rel="(?:stylesheet|preload" as="style)" href="(?:[^"]*/)?' + PALETTE.pattern + r'">\n?')


def palette_file(site_dir: Path) -> Path | None:
    """Material's palette stylesheet in the built site (its name carries a hash of its content)."""
    found = [path for path in (Path(site_dir) / "assets" / "stylesheets").glob("palette.*.min.css")
             if PALETTE.fullmatch(path.relative_to(site_dir).as_posix())]
    return found[0] if len(found) == 1 else None


# The colours a built page can switch to: on its <body> and on each option of the palette toggle.
COLOUR_ATTRIBUTE = re.compile(r'data-md-color-(?:primary|accent)="([\w-]+)"')
COLOUR_SELECTOR = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")


def colours_in_use(site_dir: Path) -> set[str]:
    """The primary and accent colours named on the built home page (the same on every page)."""
    home = Path(site_dir) / "index.html"
    return set(COLOUR_ATTRIBUTE.findall(home.read_text(encoding="utf-8"))) if home.is_file() else set()


def css_blocks(css: str) -> list[tuple[str, str]]:
    """Each top-level rule of a stylesheet as (prelude, body): a selector list or an @-rule, and what its
    braces hold (an @media block's body holds rules of its own). The palette has no braces in strings."""
    blocks, start = [], 0
    while (open_at := css.find("{", start)) >= 0:
        depth, end = 1, open_at + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        blocks.append((css[start:open_at].strip(), css[open_at + 1:end - 1]))
        start = end
    return blocks


def selectors(prelude: str) -> list[str]:
    """A selector list split at its own commas, not at those inside :is(), :not() and the like."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(prelude):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:at])
            start = at + 1
    return [*parts, prelude[start:]]


def without_other_colours(css: str, colours: set[str]) -> str:
    """The stylesheet without the selectors for primary and accent colours not in `colours`, and without
    the rules and @media blocks left empty by that."""
    kept = []
    for prelude, body in css_blocks(css):
        if prelude.startswith("@"):
            inner = without_other_colours(body, colours)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
            continue
        wanted = [s for s in selectors(prelude) if set(COLOUR_SELECTOR.findall(s)) <= colours]
        if wanted:
            kept.append(f"{','.join(wanted)}{{{body}}}")
    return "".join(kept)


def palette_css(site_dir: Path) -> str:
    """The palette as it opens the built guide.css: without its source-map comment, and without the
    colours no page can show; empty without one."""
    palette, colours = palette_file(site_dir), colours_in_use(site_dir)
    if not palette:
        return ""
    css = CSS_COMMENT.sub("", palette.read_text(encoding="utf-8"))
    return strip_css(without_other_colours(css, colours) if colours else css)


def without_palette_link(page_html: str) -> str:
    """The page without the palette's <link> and preload, when it links guide.css, which holds the palette."""
    return PALETTE_LINK.sub("", page_html) if GUIDE_CSS in page_html else page_html


def merge_palette_into_guide_css(site_dir: Path) -> None:
    """Put the palette at the top of the built guide.css, once: a `make serve` rebuild may keep the built
    file as it was."""
    palette, guide = palette_css(site_dir), Path(site_dir) / GUIDE_CSS
    if not palette or not guide.is_file():
        return
    guide.write_text(palette + guide.read_text(encoding="utf-8").removeprefix(palette), encoding="utf-8")


def own_part(site_dir: Path, guide_css: str) -> str:
    """Our own rules in a built guide.css, without the palette merged at its top."""
    return guide_css.removeprefix(palette_css(site_dir))
