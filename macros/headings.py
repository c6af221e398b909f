"""Heading permalinks (the ¶ that `toc: permalink` adds) stay for readers who share a section, but
out of the way: not read as part of the heading's name, not an extra Tab stop, never alone on a line.
Engine-neutral."""

import re

_PERMALINK = re.compile(r'<a class="headerlink"(?![^>]*aria-hidden)([^>]*>[^<]*</a>)')
QUIET = '<a class="headerlink" aria-hidden="true" tabindex="-1"'
_TITLE = re.compile(r'\stitle="[^"]*"')
# A heading ending in "?" or ")" may break before its ¶, leaving it alone on a line: the last word and
# the ¶ are kept together (guide.css, .hp-heading-end). A heading ending in markup keeps the ¶ as it is.
_LAST_WORD = re.compile(r"[^\s<>]+$")
HEADING_END = '<span class="hp-heading-end">'


def quiet_permalinks(content_html: str) -> str:
    """Hide each heading's ¶ link from assistive technology and take it out of the Tab order; the
    section's address is still one click (or the table of contents) away. Its title goes too: it was
    only a hover tip, and Material (`content.tooltips`) sets up a tooltip of its own for every title in
    the page as it starts, in the task that already blocks the page just after it first shows."""
    pieces = _PERMALINK.sub(lambda link: QUIET + _TITLE.sub("", link.group(1)), content_html).split(QUIET)
    for i in range(1, len(pieces)):
        before, link_end = pieces[i - 1], pieces[i].index("</a>") + len("</a>")
        word = _LAST_WORD.search(before[-200:])
        start = len(before) - len(word.group(0)) if word else 0
        if word and not before[:start].endswith(HEADING_END):  # not twice
            pieces[i - 1] = before[:start] + HEADING_END + word.group(0)
            pieces[i] = pieces[i][:link_end] + "</span>" + pieces[i][link_end:]
    return QUIET.join(pieces)
