"""Topics, glossary and reading aids: in the built HTML, in Chromium and on paper."""

import io
import json
import math
import re
from pathlib import Path

import pypdf
import yaml
from mkdocs.utils.meta import get_data

from conftest import ROOT, SITE_CONFIG, failing_build, heading_text, html_pages, main_content, soup

CONFIG = SITE_CONFIG
GLOSSARY = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
ALLOWED_TAGS = next(p["tags"] for p in CONFIG["plugins"] if isinstance(p, dict) and "tags" in p)["tags_allowed"]
NO_TOOLTIP_INSIDE = {"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "label", "button", "summary", "time"}
READING_AIDS = {"hp-page-meta", "hp-related"}


def _chapters() -> list[str]:
    """Every page under the nav's parts (the sections of the reader's journey, not Tools), and the FAQ."""
    pages = []
    for entry in CONFIG["nav"]:
        (name, value), = entry.items()
        if isinstance(value, list) and name != "Tools" or name == "FAQ":
            pages.extend(value if isinstance(value, list) else [value])
    # The three reader paths (start/path-*.md) are lists of chapters, not chapters: no reading aids.
    return [page for page in pages if not page.startswith("start/path-")]


CHAPTERS = _chapters()


def _meta(src: str) -> dict:
    return get_data((ROOT / "docs" / src).read_text(encoding="utf-8"))[1]


def _built(site: Path, src: str) -> Path:
    return site / src.removesuffix(".md") / "index.html"


def _url(src: str) -> str:
    return "/" + src.removesuffix(".md") + "/"


# --- Topics ---


def test_every_chapter_has_topics_from_the_allowed_list():
    assert len(CHAPTERS) == 22, CHAPTERS
    problems = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        tags = _meta(str(path.relative_to(ROOT / "docs"))).get("tags", [])
        problems += [f"{path.name}: {tag}" for tag in tags if tag not in ALLOWED_TAGS]
    assert not problems, problems
    assert not [src for src in CHAPTERS if not _meta(src).get("tags")]


def test_topics_page_lists_each_topic_and_links_to_every_chapter(site_dir):
    topics = main_content(soup(site_dir / "topics" / "index.html"))
    headings = [heading_text(h) for h in topics.select("h2")]
    used = {tag for src in CHAPTERS for tag in _meta(src)["tags"]}
    assert sorted(headings) == sorted(used), headings
    linked = {re.sub(r"^(\.\./)+", "/", a["href"]).split("#")[0] for a in topics.select("a[href]")}
    linked = {"/" + href.lstrip("/") for href in linked}
    missing = [src for src in CHAPTERS if _url(src) not in linked]
    assert not missing, missing
    # Each chapter names its topics in the quiet line under its title, linking to their place on the
    # topics page (ids the tags plugin gave them); no chips above the title.
    jealousy = soup(_built(site_dir, "navigate/jealousy.md"))
    assert not jealousy.select(".md-tags")
    links = main_content(jealousy).select("p.hp-page-meta a[href]")
    assert [a.get_text(strip=True) for a in links] == _meta("navigate/jealousy.md")["tags"]
    ids = {tag["id"] for tag in topics.select("[id^='tag:']")}
    assert all(a["href"].startswith("../../topics/#") and a["href"].split("#")[1] in ids for a in links), links


def test_topics_and_glossary_are_in_the_nav(site_dir):
    nav = soup(site_dir / "index.html").select_one(".md-nav--primary")
    hrefs = {a["href"] for a in nav.select("a.md-nav__link[href]")}
    assert {"topics/", "glossary/"} <= hrefs, hrefs


def test_an_unknown_topic_fails_the_build(project_copy, tmp_path):
    chapter = project_copy / "docs" / "navigate" / "jealousy.md"
    chapter.write_text(chapter.read_text().replace("tags: [Jealousy, Trust]", "tags: [Jealousy, Astrology]"))
    assert "Astrology" in failing_build(project_copy, tmp_path / "out")


# --- Glossary ---


def test_glossary_page_defines_every_term(site_dir):
    page = main_content(soup(site_dir / "glossary" / "index.html"))
    assert len(GLOSSARY) >= 15
    for entry in GLOSSARY:
        term = page.find("dt", id=entry["id"])
        assert term is not None and term.get_text(" ").startswith(entry["term"]), entry["id"]
        assert term.find_next_sibling("dd").p.get_text(strip=True) == entry["definition"]
    assert not page.select("abbr"), "the glossary itself needs no tooltips"


def _words_of(entry) -> list[str]:
    return [entry["term"], *(entry.get("aliases") or [])]


def _running_text(string) -> bool:
    """Text a tooltip may mark: not in headings, links, code or controls, nor in the reading aids."""
    return not any(p.name in NO_TOOLTIP_INSIDE or READING_AIDS & set(p.get("class", [])) for p in string.parents)


def _uses(text: str, entry) -> bool:
    for word in _words_of(entry):
        flags = 0 if word.isupper() else re.IGNORECASE
        if re.search(r"(?<![\w-])" + r"\s+".join(map(re.escape, word.split())) + r"(?:s|es)?(?![\w-])", text, flags):
            return True
    return False


def test_first_use_of_each_term_on_a_page_carries_its_definition(site_dir):
    definitions = {entry["definition"]: entry for entry in GLOSSARY}
    checked = 0
    for path in html_pages(site_dir):
        content = main_content(soup(path))
        if content is None or path.parent.name in ("glossary", "topics"):
            continue
        terms = content.select("abbr.hp-term")
        titles = [abbr.get("title") for abbr in terms]
        assert len(titles) == len(set(titles)), f"{path}: a term marked twice"
        for abbr in terms:
            entry = definitions.get(abbr.get("title"))
            assert entry is not None, f"{path}: {abbr}"
            assert abbr.get("tabindex") == "0", f"{path}: {abbr} cannot be reached by keyboard"
            word = abbr.get_text().lower()
            assert any(word.startswith(w.lower()) for w in _words_of(entry)), f"{path}: {abbr}"
            assert not abbr.find_parent(["a", "h1", "h2", "h3", "h4", "h5", "h6", "label", "button", "code"])
            checked += 1
        # A term used in the running text but never marked would be a miss.
        text = " ".join(s for s in content.find_all(string=True) if _running_text(s))
        for entry in GLOSSARY:
            if entry["definition"] not in titles and _uses(text, entry):
                raise AssertionError(f'{path}: uses "{entry["term"]}" but has no tooltip for it')
    assert checked > 40, checked
    structures = main_content(soup(_built(site_dir, "decide/relationship-structures.md")))
    assert {a.get_text().lower() for a in structures.select("abbr.hp-term")} >= {"ethical non-monogamy", "monogamy"}


def test_tooltip_shows_the_definition_on_keyboard_focus(page):
    page.goto("repair/professional-help/")
    term = page.locator("abbr.hp-term", has_text="facilitator")
    definition = next(e["definition"] for e in GLOSSARY if e["id"] == "facilitator")
    term.focus()
    tooltip = page.get_by_role("tooltip").filter(has_text=definition)
    tooltip.wait_for(state="visible")
    assert not page.record.errors, page.record.errors


def test_bad_glossary_entry_stops_the_build_naming_it(project_copy, tmp_path):
    data = project_copy / "data" / "glossary.yml"
    data.write_text(data.read_text().replace("  definition: Sexual desire, or sex drive. Partners' libidos often differ.\n", ""))
    line = [line.strip() for line in data.read_text().splitlines()].index("- id: libido") + 1
    assert f'data/glossary.yml, line {line}, term "libido", field "definition": is missing' in failing_build(project_copy, tmp_path / "out")


# --- Reading aids ---


def test_every_chapter_shows_reading_time_and_last_reviewed_under_its_title(site_dir):
    for src in CHAPTERS:
        content = main_content(soup(_built(site_dir, src)))
        meta_line = content.h1.find_next_sibling()
        assert "hp-page-meta" in meta_line.get("class", []), src
        minutes = int(re.match(r"(\d+) min read", meta_line.get_text(" ", strip=True)).group(1))
        words = len(re.findall(r"[\w’']+", content.get_text(" ")))
        assert abs(minutes - math.ceil(words / 200)) <= 1, (src, minutes, words)
        reviewed = _meta(src)["last_reviewed"]
        assert meta_line.time["datetime"] == reviewed.isoformat(), src
        assert f"Last reviewed {reviewed.day} {reviewed:%B %Y}" in meta_line.get_text(" ", strip=True)


def test_every_chapter_ends_with_related_chapters(site_dir):
    for src in CHAPTERS:
        content = main_content(soup(_built(site_dir, src)))
        related = content.select_one("nav.hp-related")
        assert related is not None and related is content.find_all(recursive=False)[-1], src
        links = related.select("a[href]")
        assert 1 <= len(links) <= 3, src
        targets = {(_built(site_dir, src).parent / a["href"] / "index.html").resolve() for a in links}
        assert _built(site_dir, src).resolve() not in targets
        assert all(t.is_file() for t in targets), src


def test_keywords_feed_search_but_are_never_shown(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: doc for doc in index["docs"]}
    assert "min read" not in json.dumps(index), "reading aids stay out of the search index"
    assert "keywords" in index["config"]["fields"]
    for src in CHAPTERS:
        keywords = _meta(src).get("keywords", [])
        page = soup(_built(site_dir, src))
        shown = main_content(page).get_text(" ", strip=True)
        assert "Related words" not in shown, src
        # As written, first; then the other endings of their words (macros/search_words.py).
        indexed = entries[_url(src).lstrip("/")].get("keywords")
        assert (indexed[:len(keywords)] if indexed else None) == (keywords or None), src
        assert not keywords or ", ".join(keywords) not in shown, src
    # Some keywords are words the text never uses: the index is the only way a reader finds them.
    unseen = [(src, word) for src in CHAPTERS for word in _meta(src).get("keywords", [])
              if word.lower() not in main_content(soup(_built(site_dir, src))).get_text(" ").lower()]
    assert len(unseen) >= 10, unseen


def test_a_malformed_review_date_stops_the_build_naming_the_page(project_copy, tmp_path):
    chapter = project_copy / "docs" / "navigate" / "common-mistakes.md"
    chapter.write_text(chapter.read_text().replace("last_reviewed: 2026-11-25", "last_reviewed: last autumn"))
    assert ('docs/navigate/common-mistakes.md, front matter, field "last_reviewed": should be a date like 2026-11-25, found "last autumn"'
            in failing_build(project_copy, tmp_path / "out"))


def test_last_reviewed_date_is_printed(page):
    page.goto("navigate/jealousy/")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    reviewed = _meta("navigate/jealousy.md")["last_reviewed"]
    assert f"Last reviewed {reviewed.day} {reviewed:%B %Y}" in " ".join(text.split())
    assert "min read" in text
