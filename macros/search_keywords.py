"""Front-matter `keywords:` feed search only: readers find a chapter by the words they use, and never
see the list. Plain Python, engine-neutral: MkDocs calls it from a hook (macros/reading_aids.py), and
any other engine's build can call it on its own search index."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.render import page_url

FIELD = "keywords"
# Between the running text (1) and a title (1000): a keyword names what the whole chapter is about, so it
# outweighs a passing mention, but a section whose title says the words still comes first.
BOOST = 50


def front_matter(text: str) -> dict:
    """The YAML between the opening `---` lines of a Markdown file, or {}."""
    if not text.startswith("---\n"):
        return {}
    head, sep, _ = text[4:].partition("\n---")
    return (yaml.safe_load(head) or {}) if sep else {}


def page_keywords(docs_dir: Path, directory_urls: bool = True) -> dict[str, list[str]]:
    """{a page's location in the search index: its keywords}, for every page under docs_dir that has some."""
    found = {}
    for path in sorted(docs_dir.rglob("*.md")):
        keywords = front_matter(path.read_text(encoding="utf-8")).get(FIELD)
        if keywords:
            found[page_url(path.relative_to(docs_dir).as_posix(), directory_urls)] = [str(k) for k in keywords]
    return found


def add_keywords(index: dict, keywords: dict[str, list[str]]) -> dict:
    """A search index ({"config": {"fields": ...}, "docs": [{"location": ...}]}) with each page's keywords
    in a field of their own, indexed but never shown in a result."""
    index.setdefault("config", {}).setdefault("fields", {})[FIELD] = {"boost": BOOST}
    for doc in index["docs"]:
        if doc["location"] in keywords:  # the page's own entry, not its sections (location#anchor)
            doc[FIELD] = keywords[doc["location"]]
    return index
