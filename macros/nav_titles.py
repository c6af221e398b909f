"""Titles in the navigation and the table of contents without Material's ellipsis mark.

Material puts each of those titles in `<span class="md-ellipsis">`. As a page starts, in the
DOMContentLoaded task (the one Lighthouse counts as blocking, issue 19), its script watches every such
span until it comes into view, to give a title cut short by "…" a tooltip with the whole title: about
80 watches on a chapter (the navigation, and the table of contents twice). Our titles are never cut:
the navigation lets them wrap onto a second line (Material cuts only text kept on one line), so the
watches found nothing to do. Without the mark that task took 17.0 ms instead of 24.7 ms at full speed
(longest chapter, median of 16 alternating loads, 1 December); the pages look the same.
The header's and the footer's titles keep the mark: they are kept on one line and cut."""

from __future__ import annotations

import re

# A navigation or table-of-contents link (an <a>, or a section's <label>), then the title's span.
NAV_TITLE = re.compile(r'(<(?:a|label)\s[^>]*class="md-nav__link[^"]*"[^>]*>\s*)<span class="md-ellipsis">')


def without_nav_ellipsis(page_html: str) -> str:
    """The page with its navigation and table-of-contents titles in plain spans."""
    return NAV_TITLE.sub(r"\1<span>", page_html)
