"""Heading permalinks (the ¶ that `toc: permalink` adds) stay for readers who share a section, but
out of the way: not read as part of the heading's name, not an extra Tab stop, never alone on a line.
Engine-neutral."""

import re

_PERMALINK = re.compile(r'<a class="headerlink"(?![^>]*aria-hidden)([^>]*>[^<]*</a>)')
# A heading ending in "?" or ")" may break before its ¶, leaving it alone on a line: the last word and
# the ¶ are kept together (guide.css, .hp-heading-end). A heading ending in markup keeps the ¶ as it is.
_LAST_WORD = re.compile(r'([^\s<>]+)(<a class="headerlink" aria-hidden="true" tabindex="-1"[^>]*>[^<]*</a>)')


def quiet_permalinks(content_html: str) -> str:
    """Hide each heading's ¶ link from assistive technology and take it out of the Tab order; the
    section's address is still one click (or the table of contents) away."""
    quiet = _PERMALINK.sub(r'<a class="headerlink" aria-hidden="true" tabindex="-1"\1', content_html)
    return _LAST_WORD.sub(r'<span class="hp-heading-end">\1\2</span>', quiet)
