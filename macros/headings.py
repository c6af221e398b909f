"""Heading permalinks (the ¶ that `toc: permalink` adds) stay for readers who share a section, but
out of the way: not read as part of the heading's name, not an extra Tab stop. Engine-neutral."""

import re

_PERMALINK = re.compile(r'<a class="headerlink"(?![^>]*aria-hidden)([^>]*)>')
# U+2060 WORD JOINER: a heading ending in "?" or ")" may otherwise break before its ¶, leaving it alone on a line.
_WORD_JOINER = "\u2060"


def quiet_permalinks(content_html: str) -> str:
    """Hide each heading's ¶ link from assistive technology and take it out of the Tab order; the
    section's address is still one click (or the table of contents) away."""
    return _PERMALINK.sub(rf'<a class="headerlink" aria-hidden="true" tabindex="-1"\1>{_WORD_JOINER}', content_html)
