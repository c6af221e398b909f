"""Reading aids that grow linearly with the guide (macros/reading_aids.py), with the same output as the
first versions: the glossary pass marks what the term-by-term version marked, on every built page and on
text written to catch the edge cases, scanning each text node once; related chapters are the ones the
compare-every-chapter version chose."""

import html
import random
import re

import pytest

from conftest import ROOT, html_pages
from macros import reading_aids
from macros.content import load_content
from macros.render import TEMPLATE_ENV

ENTRIES = load_content(ROOT / "data", ROOT / "docs")["glossary.yml"]


# --- The first version, kept here as the reference: every term's pattern searched again after each match. ---

def reference_pattern(words):
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        body = r"\s+".join(re.escape(part) for part in word.split())
        alternatives.append(body if word.isupper() else f"(?i:{body})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?:s|es)?(?![\w-])")


def reference_mark_text(text, remaining):
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
            words=html.unescape(match.group(0)), entry=entry).strip())
        text = text[match.end():]
        remaining.remove(entry)
    out.append(text)
    return "".join(out)


def reference_add_tooltips(content_html, entries):
    remaining = [{**e, "pattern": reference_pattern([e["term"], *(e["aliases"] or [])])} for e in entries]
    parts = re.split(r"(<[^>]*>)", content_html)
    open_tags = []
    for index, part in enumerate(parts):
        if not part or not remaining:
            continue
        tag = re.match(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)", part)
        if part.startswith("<"):
            if tag is None or tag.group(2).lower() in reading_aids.VOID or part.endswith("/>"):
                continue
            name = tag.group(2).lower()
            if not tag.group(1):
                open_tags.append(name)
            elif name in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
            continue
        if not reading_aids.NO_TOOLTIP_INSIDE.intersection(open_tags):
            parts[index] = reference_mark_text(part, remaining)
    return "".join(parts)


# --- The comparison ---

SAMPLES = [
    # acronyms match their own case only; words any case; plural endings
    "<p>An sti is not an STI. Get STIs tested; Check-Ins and check-ins; Boundaries, boundary.</p>",
    # no tooltip inside headings, links, code, labels ...; the first use outside them gets it
    "<h2>Consent</h2><p><a href='#'>consent</a> <code>consent</code> <label>consent</label> then consent.</p>",
    # a used term overlapping a remaining one at the same place, and terms back to back
    "<p>monogamy</p><p>ethical non-monogamy, then non-monogamy and monogamous and consensual non-monogamy.</p>",
    "<p>hall pass free pass hall-pass halls pass Hall  Pass</p><p>a hall\npass</p>",
    # words inside longer words or joined by hyphens are not terms
    "<p>non-consent consenting pre-debrief debriefing debriefs slippery-slope slippery slopes</p>",
    # void and self-closing tags do not open anything; nested inline tags do
    "<p>aftercare<br>aftercare <img src=x.png> <em>libido <strong>confidant</strong></em> libido</p>",
    "<p>&lt;STI&gt; &amp; contraception&apos;s contraceptives &#39;facilitator&#39;</p>",
]


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_glossary_pass_marks_what_the_first_version_marked(sample):
    assert reading_aids.add_tooltips(sample, reading_aids.Glossary(ENTRIES)) == reference_add_tooltips(sample, ENTRIES)


def test_the_glossary_pass_marks_every_built_page_as_the_first_version_did(site_dir):
    glossary = reading_aids.Glossary(ENTRIES)
    compared = 0
    for path in html_pages(site_dir):
        article = re.search(r"<article\b.*?</article>", path.read_text(encoding="utf-8"), re.DOTALL).group(0)
        # The page as it was before the pass: each tooltip back to its plain words.
        plain = re.sub(r'<abbr class="hp-term"[^>]*>(.*?)</abbr>', r"\1", article)
        compared += plain != article
        assert reading_aids.add_tooltips(plain, glossary) == reference_add_tooltips(plain, ENTRIES), path
    assert compared > 10  # pages that had tooltips: the comparison saw real marks


def test_the_work_per_text_does_not_grow_with_the_number_of_terms(monkeypatch):
    """Only terms that begin with a word of the text are ever tried, so unused terms cost nothing."""
    unused = [{**e, "id": f"{e['id']}-{n}", "term": f"zz{n} {e['term']}", "aliases": None}
              for n in range(20) for e in ENTRIES]
    text = "<p>" + "Nothing to explain here. " * 50 + "</p><p>consent and boundaries, then STIs</p>"
    tried = {}
    for name, entries in (("glossary", ENTRIES), ("glossary with 20 times as many terms", ENTRIES + unused)):
        glossary = reading_aids.Glossary(entries)
        calls = []
        real = glossary.pattern
        monkeypatch.setattr(glossary, "pattern", lambda index: calls.append(index) or real(index))
        marked = reading_aids.add_tooltips(text, glossary)
        tried[name] = len(calls)
        assert marked.count("<abbr") == 3
    assert tried["glossary"] == tried["glossary with 20 times as many terms"] == 3


def test_a_term_that_does_not_start_with_a_letter_is_refused():
    with pytest.raises(ValueError, match='term "odd": "#tag" should start with a letter or digit'):
        reading_aids.Glossary([{"id": "odd", "term": "#tag", "aliases": None}])


# --- Related chapters ---

def reference_related(chapters, src, limit=3):
    chapter = chapters[src]
    chosen = [other for other in chapter["related"] if other != src]
    shared = {other: len(set(chapter["tags"]) & set(data["tags"])) for other, data in chapters.items()}
    by_tags = sorted((o for o in chapters if o != src and o not in chosen and shared[o]),
                     key=lambda o: (-shared[o], abs(chapters[o]["order"] - chapter["order"])))
    return (chosen + by_tags)[:limit]


def test_related_chapters_are_the_ones_comparing_every_chapter_chose():
    tags = ["Basics", "Trust", "Repair", "Jealousy", "Support", "Deciding"]
    rng = random.Random(12)
    chapters = {}
    for order in range(200):
        src = f"part-{order % 7}/chapter-{order}.md"
        chapters[src] = {"title": src, "order": order, "tags": rng.sample(tags, rng.randint(0, 3)), "related": []}
    sources = list(chapters)
    for src in rng.sample(sources, 20):
        chapters[src]["related"] = rng.sample(sources, rng.randint(1, 2))
    index = reading_aids.PageIndex([])
    index.chapters = chapters
    index.index_by_tag()
    for src in chapters:
        assert index.related_chapters(src) == reference_related(chapters, src), src
