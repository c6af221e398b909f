"""Heading permalinks (the ¶ that `toc: permalink` adds) stay for readers who share a section, but
out of the way: not read as part of the heading's name, not an extra Tab stop. Engine-neutral."""

import re

_PERMALINK = re.compile(r'<a class="headerlink"(?![^>]*aria-hidden)')


def quiet_permalinks(content_html: str) -> str:
    """Hide each heading's ¶ link from assistive technology and take it out of the Tab order; the
    section's address is still one click (or the table of contents) away."""
    return _PERMALINK.sub('<a class="headerlink" aria-hidden="true" tabindex="-1"', content_html)
