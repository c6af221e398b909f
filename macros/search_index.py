"""What goes into the search index: the text a reader reads, plus each chapter's front-matter
`keywords:`, which feed search only (readers find a chapter by the words they use, and never see the
list). Plain Python, engine-neutral: MkDocs calls it from hooks (macros/hooks.py, macros/reading_aids.py),
and any other engine's build can call it on its own pages and search index."""

from __future__ import annotations

import html
import re
from pathlib import Path

from macros.content import front_matter
from macros.render import page_url
from macros.search_words import inflected_forms, separator


def keyword_terms(keywords: list) -> list[str]:
    """A chapter's keywords as the search index holds them: each keyword as written, then the inflected
    forms of its words that it does not already hold."""
    terms = [str(word) for word in keywords]
    seen = {word.lower() for word in re.split(separator(), " ".join(terms)) if word}
    extra = sorted({form for word in seen for form in inflected_forms(word)} - seen)
    return terms + extra


FIELD = "keywords"
# Between the running text (1) and a title (1000): a keyword names what the whole chapter is about, so it
# outweighs a passing mention, but a section whose title says the words still comes first.
BOOST = 50


def page_front_matter(docs_dir: Path, directory_urls: bool = True) -> dict[str, dict]:
    """{a page's location in the search index: its front matter}, for every page under docs_dir."""
    return {page_url(path.relative_to(docs_dir).as_posix(), directory_urls): front_matter(path.read_text(encoding="utf-8"))[1]
            for path in sorted(docs_dir.rglob("*.md"))}


def _own_entries(entries: list[dict], pages: dict[str, dict]):
    """Each page's own entry (not its sections, location#anchor) with the page's front matter. A page
    whose own entry has no text (it opens straight into its first section) shows its description instead."""
    for doc in entries:
        meta = pages.get(doc["location"])
        if not meta:
            continue
        if not doc.get("text", "").strip() and meta.get("description"):
            doc["text"] = f"<p>{html.escape(str(meta['description']))}</p>"
        yield doc, meta


def add_keywords(index: dict, pages: dict[str, dict]) -> dict:
    """A search index ({"config": {"fields": ...}, "docs": [{"location", "text", ...}]}) with each page's
    keywords in a field of their own, indexed but never shown in a result."""
    index.setdefault("config", {}).setdefault("fields", {})[FIELD] = {"boost": BOOST}
    for doc, meta in _own_entries(index["docs"], pages):
        if meta.get(FIELD):
            doc[FIELD] = keyword_terms(meta[FIELD])
    return index


def add_keywords_as_text(index: dict, pages: dict[str, dict]) -> dict:
    """The same for a search that reads only each entry's title, text and place ({"items": [...]},
    Zensical's): the keywords end the page's own entry's text, so search finds them, and a result
    found through one shows them."""
    for doc, meta in _own_entries(index["items"], pages):
        if meta.get(FIELD):
            doc["text"] += f"<p>Related words: {html.escape(', '.join(str(word) for word in meta[FIELD]))}</p>"
    return index


# Start tags of what a reader never reads as the page's text: controls, words only a screen reader
# hears beside a control, decoration hidden from assistive technology, and what shows only without
# JavaScript (search itself needs JavaScript).
_NOT_TEXT = re.compile(
    r"<(?:button\b|noscript\b|[a-z][a-z0-9]*\b(?=[^>]*(?:class=\"[^\"]*\b(?:md-button|hp-visually-hidden)\b|aria-hidden=\"true\")))"
    r"(?![^>]*data-search-exclude)"
)


def exclude_controls(content_html: str) -> str:
    """Mark buttons, button-like labels, screen-reader-only, aria-hidden and <noscript> elements `data-search-exclude`,
    so a result's text never repeats a button's words ("Copy" and the words it copies)."""
    return _NOT_TEXT.sub(lambda match: match.group(0) + " data-search-exclude", content_html)
