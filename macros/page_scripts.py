"""Which of our scripts a page loads, and when.

mkdocs.yml's `extra_javascript` lists every script, in load order, and Material puts all of them on every
page as script tags. After a page is rendered, `keep_page_scripts` takes our tags out: the page names the
scripts it needs (its components' scripts, and those every page needs) on its <article>
(`data-hp-scripts`), and a small loader in overrides/main.html fetches them once the page has been
parsed. Material's script and stylesheets, which the page needs first, then have the connection to
themselves. What must work from the first moment (Quick exit, and noting what the reader changes before
a script arrives) is inline in overrides/main.html. Instant navigation swaps the article but never loads
a new page's scripts, so the same loader loads those the reader has not loaded yet on this visit.

To add a script that only some pages need, add a row to ON_PAGES_WITH. A script without a row loads on
every page (storage.js and quick-exit.js: every page has the Quick exit bar and its settings;
search.js: every page has the search box)."""

from __future__ import annotations

import re

# Script (as in extra_javascript) -> markers in the page's article, any of which means the page needs it.
ON_PAGES_WITH: dict[str, tuple[str, ...]] = {
    "assets/cards.js": ('data-action="copy"',),                           # script cards' Copy buttons
    "assets/checklists.js": ("hp-checklist__item", 'data-action="erase-all"'),  # checklists; the privacy page's erase
    "assets/agreement.js": ("data-agreement",),                             # the worksheet
}
# Scripts that others call: a page loading the caller loads these too (before it, in list order).
NEEDED_BY: dict[str, tuple[str, ...]] = {
    "assets/confirm.js": ("assets/checklists.js", "assets/agreement.js"),  # hallPass.askFirst, before erasing
}

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*"', re.IGNORECASE)
ARTICLE_END = "</article>"


def needed_scripts(article_html: str, scripts: list[str]) -> list[str]:
    """The scripts (of `scripts`, in their order) that a page with this article needs."""
    wanted = {script for script in scripts
              if script not in ON_PAGES_WITH and script not in NEEDED_BY
              or any(marker in article_html for marker in ON_PAGES_WITH.get(script, ()))}
    wanted |= {script for script, callers in NEEDED_BY.items() if wanted.intersection(callers)}
    return [script for script in scripts if script in wanted]


def keep_page_scripts(page_html: str, scripts: list[str]) -> str:
    """The page without our script tags (and their preload links), and with the scripts it needs named on
    its article, for the loader. A page without Material's article keeps them all as tags."""
    start = ARTICLE.search(page_html)
    end = page_html.find(ARTICLE_END, start.end()) if start else -1
    if not start or end < 0:
        return page_html
    listed = needed_scripts(page_html[start.end():end], scripts)
    for script in scripts:
        address = r'="(?:\.\./)*' + re.escape(script) + '"'
        page_html = re.sub(r'<link rel="preload" as="script" href' + address + r'>\n?', "", page_html, count=1)
        page_html = re.sub(r'<script\b[^>]*\bsrc' + address + r'[^>]*></script>\n?', "", page_html, count=1)
    if listed:
        page_html = page_html.replace(start.group(0), f'{start.group(0)} data-hp-scripts="{" ".join(listed)}"', 1)
    return page_html
