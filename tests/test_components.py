"""The HTML the macros render from data/: semantic, labelled, and carrying the ids from the data."""

import html
import json
import re

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, heading_text, html_pages, main_content, soup

DATA = {name: yaml.safe_load((ROOT / "data" / name).read_text()) for name in ("checklists.yml", "scripts.yml", "outcomes.yml")}


def test_every_checkbox_has_its_own_label(site_dir):
    checked = 0
    for path in html_pages(site_dir):
        page = soup(path)
        ids = [tag["id"] for tag in page.find_all(id=True)]
        assert len(ids) == len(set(ids)), f"duplicate ids in {path}"
        for box in page.select('input[type="checkbox"]'):
            if box.find_parent(class_="md-header") or box.find_parent(class_="md-container") is None or "md-toggle" in box.get("class", []):
                continue  # Material's own drawer and search toggles
            labels = page.select(f'label[for="{box["id"]}"]')
            assert len(labels) == 1 and labels[0].get_text(strip=True), f"{path}: {box}"
            checked += 1
    assert checked > 100


def test_checklists_carry_the_ids_from_the_data(site_dir):
    for checklist in DATA["checklists.yml"]:
        page = soup(site_dir / "checklists" / checklist["id"] / "index.html")
        rendered = page.select_one(f'[data-checklist="{checklist["id"]}"]')
        assert rendered is not None
        assert [li["data-item"] for li in rendered.select("[data-item]")] == [item["id"] for item in checklist["items"]]
        assert rendered.select_one("legend").get_text(strip=True) == checklist["title"]
        chapter = soup(site_dir / checklist["chapter"].replace(".md", "/index.html"))
        assert chapter.select_one(f'[data-checklist="{checklist["id"]}"]') is not None, f"{checklist['id']} not in its chapter"


def test_checklist_items_are_written_once_in_data_not_in_docs():
    sources = " ".join(path.read_text() for path in (ROOT / "docs").rglob("*.md"))
    for checklist in DATA["checklists.yml"]:
        for item in checklist["items"]:
            written = f"{item['label']}: {item['text']}" if item.get("label") else item["text"]
            assert written not in sources, written


def test_script_cards_page_groups_every_card_by_situation(site_dir):
    page = main_content(soup(site_dir / "scripts" / "index.html"))
    headings = [heading_text(h) for h in page.select("h2") if not h.find_parent(class_="hp-related")]
    assert headings == [situation["situation"] for situation in DATA["scripts.yml"]]
    for situation in DATA["scripts.yml"]:
        group = page.select_one(f'[data-situation="{situation["id"]}"]')
        assert [card["data-card"] for card in group.select("[data-card]")] == [card["id"] for card in situation["cards"]]
        for card in situation["cards"]:
            rendered = group.select_one(f'[data-card="{card["id"]}"]')
            assert card["words"] in rendered.select_one(".hp-card__words").get_text()
            assert rendered.select_one('button[data-action="copy"]') is not None


def test_outcomes_and_stories_point_to_the_chapter_that_helps_next(site_dir):
    page = main_content(soup(site_dir / "navigate" / "realistic-outcomes" / "index.html"))
    for outcome in DATA["outcomes.yml"]["outcomes"]:
        column = page.select_one(f'[data-outcome="{outcome["id"]}"]')
        assert heading_text(column.select_one("h2")) == outcome["heading"]
        assert column.select_one(".hp-next a")["href"].startswith("../../" + outcome["next"].replace(".md", "/"))
    stories = main_content(soup(site_dir / "navigate" / "realistic-outcomes" / "index.html"))
    for story in DATA["outcomes.yml"]["stories"]:
        card = stories.select_one(f'[data-story="{story["id"]}"]')
        assert card.select_one(".hp-next a")["href"].startswith("../../" + story["next"].split("#")[0].replace(".md", "/"))


def test_headings_on_every_page_go_down_one_level_at_a_time(site_dir):
    for path in html_pages(site_dir):
        article = main_content(soup(path))
        if article is None:
            continue
        levels = [int(h.name[1]) for h in article.select("h1, h2, h3, h4, h5, h6")]
        assert levels and levels[0] == 1, path
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"{path}: {levels}"


# Text a reader never reads as part of the page: controls, print-only lines, screen-reader-only words,
# and what shows only without JavaScript (search needs JavaScript).
NOT_READ_AS_TEXT = (
    "button, .hp-visually-hidden, .hp-print-foot, .hp-blank-heads, .hp-blank-boxes, .hp-agreement__signatures, "
    "[aria-hidden=true], .hp-checklist__progress, noscript"
)


def _normalised(text: str) -> str:
    """Text with its whitespace normalised: one space between words, none before punctuation (taking
    a page's text apart at its tags puts one there, e.g. after a glossary <abbr> before a comma)."""
    return re.sub(r" ([,.;:!?)])", r"\1", " ".join(text.split()))


def _plain(markup: str) -> str:
    return _normalised(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def _search_docs(site_dir) -> list[dict]:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_index_holds_only_the_text_a_reader_sees_and_each_result_once(site_dir):
    docs = _search_docs(site_dir)
    indexed = {}  # page location -> all its indexed text
    for doc in docs:
        page = doc["location"].split("#")[0]
        indexed[page] = indexed.get(page, "") + " " + _plain(doc["title"] + " " + doc["text"])
    checked = 0
    for path in html_pages(site_dir):
        location = path.relative_to(site_dir).parent.as_posix().removeprefix(".") + "/"
        location = location.lstrip("/")
        if location not in indexed:
            continue  # excluded from search
        content = BeautifulSoup(str(main_content(soup(path))), "html.parser")
        hidden = [_normalised(tag.get_text(" ")) for tag in content.select(NOT_READ_AS_TEXT)]
        for tag in content.select(NOT_READ_AS_TEXT):
            tag.decompose()
        visible = _normalised(content.get_text(" "))
        for text in hidden:
            if len(text) > 3 and text not in visible:
                assert text not in indexed[location], f"{location}: {text!r} is in the search index"
                checked += 1
    assert checked > 50
    # No page, and no passage, is a search result twice.
    locations = [doc["location"] for doc in docs]
    assert len(locations) == len(set(locations))
    found_on = {}
    for doc in docs:
        for passage in re.split(r"<[^>]+>", doc["text"]):
            passage = _plain(passage)
            if len(passage) > 40:
                found_on.setdefault(passage, set()).add(doc["location"].split("#")[0])
    twice = {passage: pages for passage, pages in found_on.items() if len(pages) > 1}
    assert not twice, twice


def test_each_checklist_is_found_by_its_words_in_its_chapter(site_dir):
    docs = _search_docs(site_dir)
    for checklist in DATA["checklists.yml"]:
        chapter = checklist["chapter"].split("#")[0].removesuffix(".md") + "/"
        holders = {d["location"].split("#")[0] for d in docs
                   if all(item["text"] in d["text"] for item in checklist["items"])}
        assert chapter in holders and not [h for h in holders if h.startswith("checklists/")], (checklist["id"], holders)
        for entry in (d for d in docs if d["location"].startswith(chapter)):
            # Whole words: "Partner A" (a print-only column head), not the "Partner Asked" of a chapter title.
            for print_or_control_text in ("Partner A", "Printed from", "Erase my answers", "ticked"):
                assert not re.search(rf"\b{print_or_control_text}\b", entry["text"]), entry["text"]