"""Reading aids on each chapter and glossary tooltips, computed from a page's HTML (either engine).

A chapter is a page whose front matter has `last_reviewed:`. It gets, under its title, one quiet line:
reading time, review date and topics (its `tags:`). Its `keywords:` go into the search index only
(macros/search_index.py), so readers find a chapter by the words they use; at its end, related chapters
(front-matter `related:` first, then chapters sharing the most tags). On every page, the first use
of each term in data/glossary.yml becomes an <abbr> carrying its definition.
"""

import collections
import datetime
import heapq
import html
import math
import re


from macros import engine
from macros.content import front_matter, page_meta_problems, page_title
from macros.errors import GuideError
from macros.headings import quiet_permalinks
from macros.render import TEMPLATE_ENV
from macros.search_index import exclude_controls

WORDS_PER_MINUTE = 200
RELATED_LIMIT = 3
# Text inside these elements never gets a tooltip: headings, links, code, form controls, the tooltip itself.
NO_TOOLTIP_INSIDE = {"a", "abbr", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "label", "legend", "pre",
                     "script", "style", "summary", "svg", "textarea", "time"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

class PageIndex:
    """Every page's front matter, in reading order, read once per build before any page is written,
    so any chapter can list the others as related."""

    def __init__(self, pages, allowed_tags=None):
        """`pages`: (Markdown path, Markdown source) of every page in the nav, in reading order;
        `allowed_tags`: the tags plugin's tags_allowed. Every front-matter mistake stops the build,
        all of them in one message."""
        self.meta, self.chapters, problems = {}, {}, []
        for order, (src, text) in enumerate(pages):
            try:
                markdown, meta = front_matter(text, src)
            except GuideError as error:
                problems.append(str(error))
                continue
            self.meta[src] = meta
            problems += page_meta_problems(src, meta, allowed_tags)
            if not isinstance(meta.get("last_reviewed"), datetime.date):
                continue
            self.chapters[src] = {"title": page_title(markdown, meta, src), "tags": meta.get("tags", []),
                                  "related": meta.get("related", []), "order": order}
        self.index_by_tag()
        for src, chapter in self.chapters.items():
            for other in chapter["related"]:
                if other not in self.chapters:
                    problems.append(f'docs/{src}, front matter, field "related": names "{other}", which is not a chapter in the nav')
        if problems:
            raise GuideError(f"{len(problems)} problem(s) in the chapters' front matter:\n  - " + "\n  - ".join(problems))

    def index_by_tag(self):
        """Chapters listed under each of their tags, so related chapters are looked for among those sharing one."""
        self.by_tag = {}
        for src, chapter in self.chapters.items():
            for tag in set(chapter["tags"]):
                self.by_tag.setdefault(tag, []).append(src)

    def related_chapters(self, src: str) -> list[str]:
        """Chosen chapters first, then those sharing the most tags (ties: the nearest in reading order, then the earlier)."""
        chapters = self.chapters
        chapter = chapters[src]
        chosen = [other for other in chapter["related"] if other != src]
        shared = collections.Counter(other for tag in set(chapter["tags"]) for other in self.by_tag[tag])
        by_tags = heapq.nsmallest(
            RELATED_LIMIT, (o for o in shared if o != src and o not in chosen),
            key=lambda o: (-shared[o], abs(chapters[o]["order"] - chapter["order"]), chapters[o]["order"]))
        return (chosen + by_tags)[:RELATED_LIMIT]


def reading_minutes(content_html: str) -> int:
    text = html.unescape(re.sub(r"<[^>]+>", " ", content_html))
    return max(1, math.ceil(len(re.findall(r"[\w’']+", text)) / WORDS_PER_MINUTE))


# --- Glossary tooltips ---


def _term_alternatives(words: list[str]) -> str:
    """Any of the words, whole; acronyms (STI) match their case only, other words any case."""
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        body = r"\s+".join(re.escape(part) for part in word.split())
        alternatives.append(body if word.isupper() else f"(?i:{body})")
    return "|".join(alternatives)


def _whole(alternatives: str) -> re.Pattern:
    """Alternatives as whole words (not inside a word or a hyphenated word), with an optional plural ending."""
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?:s|es)?(?![\w-])")


# Where a term may start: a run of word characters not inside a word or a hyphenated word.
WORD_START = re.compile(r"(?<![\w-])\w+")


class Glossary:
    """The glossary's terms, found with one scan of each text: every word start is looked up by its word
    (as it is for acronyms, in lower case for the rest, with or without a plural ending) among the terms
    that begin with that word, and only those few terms' own patterns are tried there. The work per text
    does not grow with the number of terms."""

    def __init__(self, entries: list[dict]):
        self.entries = entries
        self._words = [[e["term"], *(e["aliases"] or [])] for e in entries]
        self._patterns: dict[int, re.Pattern] = {}
        self._by_first_word: dict[str, list[int]] = {}
        self._candidates: dict[str, list[int]] = {}
        for index, words in enumerate(self._words):
            for word in words:
                first = re.match(r"\w+", word)
                if first is None:
                    raise ValueError(f'data/glossary.yml, term "{entries[index]["id"]}": "{word}" should start with a letter or digit')
                key = first.group(0) if word.isupper() else first.group(0).lower()
                if index not in self._by_first_word.setdefault(key, []):
                    self._by_first_word[key].append(index)
        # Any text without one of these first words (any case, any ending) has no term: skipped unscanned.
        firsts = sorted(self._by_first_word, key=len, reverse=True)
        self.may_contain = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, firsts)) + ")", re.IGNORECASE).search

    def pattern(self, index: int) -> re.Pattern:
        """A term's own pattern, compiled the first time the term could be there."""
        if index not in self._patterns:
            self._patterns[index] = _whole(_term_alternatives(self._words[index]))
        return self._patterns[index]

    def candidates(self, word: str) -> list[int]:
        """The terms that may start with this word of the text, in glossary order (remembered per word:
        running text repeats its words)."""
        if word not in self._candidates:
            keys = {word, word.lower()}
            keys |= {k[:-len(end)] for k in list(keys) for end in ("s", "es") if k.endswith(end)}
            self._candidates[word] = sorted({i for key in keys for i in self._by_first_word.get(key, ())})
        return self._candidates[word]


_glossaries: dict = {}  # the Glossary of the validated content, made once per build


def glossary_terms(content: dict) -> Glossary:
    """data/glossary.yml, ready to find its terms in running text."""
    key = id(content["glossary.yml"])
    if key not in _glossaries:
        try:
            glossary = Glossary(content["glossary.yml"])
        except ValueError as error:
            raise GuideError(str(error)) from error
        _glossaries.clear()
        _glossaries[key] = glossary
    return _glossaries[key]


def _mark_text(text: str, remaining: set, glossary: Glossary) -> str:
    """Wrap the earliest use of any remaining term in this text (where two start together, the first in
    the glossary), then look on after it: one scan over the text."""
    out, done, position = [], 0, 0
    while remaining:
        word = WORD_START.search(text, position)
        if word is None:
            break
        index, match = next(((i, m) for i in glossary.candidates(word.group(0))
                             if i in remaining and (m := glossary.pattern(i).match(text, word.start()))), (None, None))
        if match is None:
            position = word.end()
            continue
        out.append(text[done: match.start()])
        out.append(TEMPLATE_ENV.get_template("glossary-term.html").render(
            words=html.unescape(match.group(0)), entry=glossary.entries[index]
        ).strip())
        done = position = match.end()
        remaining.discard(index)
    out.append(text[done:])
    return "".join(out)


def add_tooltips(content_html: str, glossary: Glossary) -> str:
    """The first use of each glossary term in the page's running text becomes an <abbr>."""
    remaining = set(range(len(glossary.entries)))
    parts = re.split(r"(<[^>]*>)", content_html)
    open_tags: list[str] = []
    for index, part in enumerate(parts):
        if not part or not remaining:
            continue
        tag = re.match(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)", part)
        if part.startswith("<"):
            if tag is None or tag.group(2).lower() in VOID or part.endswith("/>"):
                continue
            name = tag.group(2).lower()
            if not tag.group(1):
                open_tags.append(name)
            elif name in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
            continue
        if not NO_TOOLTIP_INSIDE.intersection(open_tags) and glossary.may_contain(part):
            parts[index] = _mark_text(part, remaining, glossary)
    return "".join(parts)


# --- A page, decorated ---


def decorate_page(content_html: str, src: str, index: PageIndex, glossary: Glossary, link) -> str:
    """A page's HTML as readers get it: controls kept out of the search index, quiet heading
    permalinks, glossary tooltips and, on a chapter, its reading aids. `link(src)` is the href of
    another page from this one."""
    content_html = exclude_controls(quiet_permalinks(content_html))
    if index.meta.get(src, {}).get("glossary_tooltips", True):
        content_html = add_tooltips(content_html, glossary)
    if src not in index.chapters:
        return content_html
    meta = index.meta[src]
    reviewed = meta["last_reviewed"]
    topics = link("topics.md")
    top = TEMPLATE_ENV.get_template("reading-aids.html").render(
        part="top", minutes=reading_minutes(content_html), reviewed=reviewed,
        reviewed_text=f"{reviewed.day} {reviewed:%B %Y}",
        topics=[{"name": tag, "href": f"{topics}#{engine.topic_anchor(tag)}"} for tag in meta.get("tags", [])],
    )
    related = [{"title": index.chapters[o]["title"], "href": link(o)} for o in index.related_chapters(src)]
    end = TEMPLATE_ENV.get_template("reading-aids.html").render(part="end", related=related)
    head, h1_end, body = content_html.partition("</h1>")
    if not h1_end:
        raise GuideError(f"docs/{src}: a chapter needs a # title for its reading time and review date")
    return head + h1_end + top + body + end

