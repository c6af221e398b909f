"""One stylesheet of ours per page, with Material's palette in it.

Material links its palette stylesheet (the light and dark schemes' colours, 2.3 KiB gzipped) as a file of
its own, and our guide.css follows it. Every stylesheet blocks the first paint, and on a slow phone line
each request in flight takes a share of it from Material's script. So the build puts the palette at the
top of guide.css, in the order the browser applied them before, and takes the palette's <link> out of
every page. The palette file stays in the site, unchanged; Material's own code never fetches it."""

from __future__ import annotations

import re
from pathlib import Path

from macros.minify import strip_css

GUIDE_CSS = "assets/guide.css"
PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")
# Its <link>, and the preload for it that overrides/main.html puts before the inline scripts.
PALETTE_LINK = re.compile(r'<link rel="(?:stylesheet|preload" as="style)" href="(?:[^"]*/)?' + PALETTE.pattern + r'">\n?')


def palette_file(site_dir: Path) -> Path | None:
    """Material's palette stylesheet in the built site (its name carries a hash of its content)."""
    found = [path for path in (Path(site_dir) / "assets" / "stylesheets").glob("palette.*.min.css")
             if PALETTE.fullmatch(path.relative_to(site_dir).as_posix())]
    return found[0] if len(found) == 1 else None


def palette_css(site_dir: Path) -> str:
    """The palette as it opens the built guide.css (without its source-map comment); empty without one."""
    palette = palette_file(site_dir)
    return strip_css(palette.read_text(encoding="utf-8")) if palette else ""


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
