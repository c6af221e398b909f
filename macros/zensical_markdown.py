"""Zensical adapter: a Markdown extension that adds the reading aids and glossary tooltips, which
MkDocs adds through its hooks (Zensical runs no hooks). The work is the core's (macros/reading_aids.py)."""

from __future__ import annotations

import functools
from pathlib import Path

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from zensical.extensions.context import ContextPreprocessor

from macros import engine, pages
from macros.content import site_content
from macros.reading_aids import PageIndex, decorate_page, glossary_terms


@functools.lru_cache(maxsize=1)
def _page_index(docs_dir: str, sources: tuple, stamps: tuple) -> PageIndex:
    return PageIndex((src, (Path(docs_dir) / src).read_text(encoding="utf-8")) for src in sources)


def page_index(config) -> PageIndex:
    """Every nav page's front matter, read once per build (again only when a page changes)."""
    docs = engine.docs_dir(config)
    sources = tuple(pages.nav_sources(config["nav"]))
    return _page_index(str(docs), sources, tuple((docs / src).stat().st_mtime_ns for src in sources))


class ReadingAids(Postprocessor):
    """The page's final HTML, decorated as MkDocs' on_page_content hook decorates it."""

    whole_page = False  # set once every tree step ran: the toc runs postprocessors on each heading too

    def run(self, text: str) -> str:
        if not self.whole_page:
            return text
        self.whole_page = False
        context = ContextPreprocessor.from_markdown(self.md)
        config, src = context.config, engine.page_src(context.page)
        return decorate_page(text, src, page_index(config), glossary_terms(site_content(config)),
                             lambda target: engine.link(config, target, src))


class PageTreeDone(Treeprocessor):
    def __init__(self, md, reading_aids: ReadingAids):
        super().__init__(md)
        self.reading_aids = reading_aids

    def run(self, root):
        self.reading_aids.whole_page = True


class ReadingAidsExtension(Extension):
    def extendMarkdown(self, md):
        reading_aids = ReadingAids(md)
        md.treeprocessors.register(PageTreeDone(md, reading_aids), "hall_pass_page_tree_done", -100)
        md.postprocessors.register(reading_aids, "hall_pass_reading_aids", -100)  # last: the HTML is whole


def makeExtension(**kwargs):
    return ReadingAidsExtension(**kwargs)
