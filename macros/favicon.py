"""The favicon inside every page, as a data: address, instead of a file of its own.

As a page starts, the browser asks for its icon beside the stylesheet and Material's script. On a
connection opened for the page (HTTP/1.1, and Lighthouse's simulation of it), that request took the
second ready connection, and Material's script, asked for next, waited for a new one (issue 19). The
icon is a 0.3 KiB SVG, so every page carries it (0.2 KiB gzipped)."""

from __future__ import annotations

import re
from urllib.parse import quote

# Material's <link> for theme.favicon (mkdocs.yml), when it is an SVG file.
ICON_LINK = re.compile(r'<link rel="icon" href="[^"]+\.svg">')


def favicon_data_url(svg: str) -> str:
    """The SVG as a data: address: one line, single quotes (so it fits in a double-quoted attribute),
    and percent-encoded as a URL needs."""
    return "data:image/svg+xml," + quote(" ".join(svg.split()).replace('"', "'"), safe=":/=',;()")


def with_inline_favicon(page_html: str, svg: str | None) -> str:
    """The page with its favicon <link> pointing at the SVG itself."""
    if not svg:
        return page_html
    return ICON_LINK.sub(f'<link rel="icon" href="{favicon_data_url(svg)}">', page_html, count=1)
