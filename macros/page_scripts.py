"""Which of our scripts a page loads, and when.

mkdocs.yml's `extra_javascript` lists every script, in load order, and Material puts all of them on every
page as script tags. After a page is rendered, `keep_page_scripts` takes our tags out: the page names the
scripts it needs (its components' scripts, and those every page needs) on its <article>
(`data-hp-scripts`), and a small loader in overrides/main.html fetches them once the page has been
parsed. Material's script and stylesheets, which the page needs first, then have the connection to
themselves. What must work from the first moment (Quick exit, and noting what the reader changes before
a script arrives) is inline in overrides/main.html. Instant navigation swaps the article but never loads
a new page's scripts, so the same loader loads those the reader has not loaded yet on this visit.

A page's own scripts also come in one file (`data-hp-scripts-file`, written by `write_script_files` once
the build has minified them): the loader fetches that file when none of them is loaded yet, as a page
starts, and the separate files when some are, after instant navigation, so none runs twice. Each script
the loader adds costs about a millisecond in Material's DOMContentLoaded task, the one Lighthouse counts
as blocking (issue 19): on a checklist, one file instead of five took that task from 12.8 to 9.9 ms at
full speed (12 alternating loads).

To add a script that only some pages need, add a row to ON_PAGES_WITH. A script without a row loads on
every page (storage.js and quick-exit.js: every page has the Quick exit bar and its settings;
search.js: every page has the search box)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

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

SCRIPTS_FILE = "data-hp-scripts-file"
LISTED = re.compile(r'\sdata-hp-scripts="([^"]*)"')
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
        together = f' {SCRIPTS_FILE}="{one_file(listed)}"' if len(listed) > 1 else ""
        named = f'{start.group(0)} data-hp-scripts="{" ".join(listed)}"{together}'
        page_html = page_html.replace(start.group(0), named, 1)
    return page_html


def one_file(listed: list[str]) -> str:
    """The file that holds these scripts, in order, beside them: assets/storage+quick-exit+search.js."""
    names = "+".join(posixpath.basename(script).removesuffix(".js") for script in listed)
    return posixpath.join(posixpath.dirname(listed[0]), names + ".js")


def scripts_named(page_html: str) -> tuple[str, ...]:
    """The scripts a built page names for the loader."""
    found = LISTED.search(page_html)
    return tuple(found.group(1).split()) if found else ()


def write_script_files(site_dir: Path, script_lists) -> None:
    """For each list of scripts that pages name, the file holding them: each built (minified) script in
    turn, each after a `;` so that none runs into the one before."""
    for listed in script_lists:
        if len(listed) > 1:
            parts = [(Path(site_dir) / name).read_text(encoding="utf-8") for name in listed]
            together = "".join(";" + part + "\n" for part in parts)
            (Path(site_dir) / one_file(list(listed))).write_text(together, encoding="utf-8")
