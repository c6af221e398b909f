"""Reading aids on each chapter and glossary tooltips, computed from a page's HTML (either engine).

A chapter is a page whose front matter has `last_reviewed:`. It gets, under its title, one quiet line:
reading time, review date and topics (its `tags:`). Its `keywords:` go into the search index only
(macros/search_index.py), so readers find a chapter by the words they use; at its end, related chapters
(front-matter `related:` first, then chapters sharing the most tags). On every page, the first use
of each term in data/glossary.yml becomes an <abbr> carrying its definition.
"""

import datetime
import html
import math
import re


from macros import engine
from macros.content import GuideError, front_matter
from macros.headings import quiet_permalinks
from macros.render import TEMPLATE_ENV
from macros.search_index import exclude_controls

WORDS_PER_MINUTE = 200
RELATED_LIMIT = 3
# Text inside these elements never gets a tooltip: headings, links, code, form controls, the tooltip itself.
NO_TOOLTIP_INSIDE = {"a", "abbr", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "label", "legend", "pre",
                     "script", "style", "summary", "svg", "textarea", "time"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

def _title_of(markdown: str, meta: dict, fallback: str) -> str:
    if meta.get("title"):
        return str(meta["title"])
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def _check_meta(src: str, meta: dict):
    """Front-matter mistakes stop the build naming the page and the field."""
    where = f"docs/{src}: front matter"
    reviewed = meta.get("last_reviewed")
    if not isinstance(reviewed, datetime.date):
        raise GuideError(f'{where} field "last_reviewed" should be a date like 2026-11-25, found {reviewed!r}')
    for name in ("tags", "keywords", "related"):
        value = meta.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise GuideError(f'{where} field "{name}" should be a list of words, found {value!r}')


class PageIndex:
    """Every page's front matter, in reading order, read once per build before any page is written,
    so any chapter can list the others as related."""

    def __init__(self, pages):
        """`pages`: (Markdown path, Markdown source) of every page in the nav, in reading order."""
        self.meta, self.chapters = {}, {}
        for order, (src, text) in enumerate(pages):
            markdown, meta = front_matter(text)
            self.meta[src] = meta
            if "last_reviewed" not in meta:
                continue
            _check_meta(src, meta)
            self.chapters[src] = {"title": _title_of(markdown, meta, src), "tags": meta.get("tags", []),
                                  "related": meta.get("related", []), "order": order}
        for src, chapter in self.chapters.items():
            for other in chapter["related"]:
                if other not in self.chapters:
                    raise GuideError(f'docs/{src}: front matter field "related" names "{other}", which is not a chapter in the nav')

    def related_chapters(self, src: str) -> list[str]:
        """Chosen chapters first, then those sharing the most tags (ties: the nearest in reading order)."""
        chapters = self.chapters
        chapter = chapters[src]
        chosen = [other for other in chapter["related"] if other != src]
        shared = {other: len(set(chapter["tags"]) & set(data["tags"])) for other, data in chapters.items()}
        by_tags = sorted((o for o in chapters if o != src and o not in chosen and shared[o]),
                         key=lambda o: (-shared[o], abs(chapters[o]["order"] - chapter["order"])))
        return (chosen + by_tags)[:RELATED_LIMIT]


def reading_minutes(content_html: str) -> int:
    text = html.unescape(re.sub(r"<[^>]+>", " ", content_html))
    return max(1, math.ceil(len(re.findall(r"[\w’']+", text)) / WORDS_PER_MINUTE))


# --- Glossary tooltips ---


def _term_pattern(words: list[str]) -> re.Pattern:
    """Any of the words, whole, with an optional plural ending; acronyms (STI) match their case only."""
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        body = r"\s+".join(re.escape(part) for part in word.split())
        alternatives.append(body if word.isupper() else f"(?i:{body})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?:s|es)?(?![\w-])")


_terms: dict = {}  # the glossary with a compiled pattern per term, made once per validated content


def glossary_terms(content: dict) -> list[dict]:
    """data/glossary.yml, each term with the pattern that finds it in running text."""
    key = id(content["glossary.yml"])
    if key not in _terms:
        _terms.clear()
        _terms[key] = [{**entry, "pattern": _term_pattern([entry["term"], *(entry["aliases"] or [])])}
                       for entry in content["glossary.yml"]]
    return _terms[key]


def _mark_text(text: str, remaining: list) -> str:
    """Wrap the earliest match of any remaining term in this text, then look again after it."""
    out = []
    while remaining:
        best = None
        for entry in remaining:
            match = entry["pattern"].search(text)
            if match and (best is None or match.start() < best[1].start()):
                best = (entry, match)
        if best is None:
            break
        entry, match = best
        out.append(text[: match.start()])
        out.append(TEMPLATE_ENV.get_template("glossary-term.html").render(
            words=html.unescape(match.group(0)), entry=entry
        ).strip())
        text = text[match.end():]
        remaining.remove(entry)
    out.append(text)
    return "".join(out)


def add_tooltips(content_html: str, terms: list) -> str:
    """The first use of each glossary term in the page's running text becomes an <abbr>."""
    remaining = list(terms)
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
        if not NO_TOOLTIP_INSIDE.intersection(open_tags):
            parts[index] = _mark_text(part, remaining)
    return "".join(parts)


# --- A page, decorated ---


def decorate_page(content_html: str, src: str, index: PageIndex, terms: list, link) -> str:
    """A page's HTML as readers get it: controls kept out of the search index, quiet heading
    permalinks, glossary tooltips and, on a chapter, its reading aids. `link(src)` is the href of
    another page from this one."""
    content_html = exclude_controls(quiet_permalinks(content_html))
    if index.meta.get(src, {}).get("glossary_tooltips", True):
        content_html = add_tooltips(content_html, terms)
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

