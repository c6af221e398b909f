"""The guide's three readers: the partner who was asked, the couple deciding, the partner who was hurt.
Data and built-HTML checks; the browser checks are in tests/test_reader_paths_browser.py."""

import re

from conftest import ROOT, SITE_CONFIG, main_content, soup
from macros.content import load_content

# The situations the partner who was asked needs words for (issue 16, section 2).
ASKED_SITUATIONS = ("saying-no", "asking-for-time", "naming-pressure", "taking-back-a-yes")
ASKED_CHAPTER = "decide/if-your-partner-asked.md"


def _content():
    return load_content(ROOT / "data", ROOT / "docs")


def test_the_partner_who_was_asked_has_script_cards_for_no_not_yet_pressure_and_taking_back_a_yes():
    situations = {s["id"]: s for s in _content()["scripts.yml"]}
    missing = [s for s in ASKED_SITUATIONS if s not in situations]
    assert not missing, missing
    for situation_id in ASKED_SITUATIONS:
        situation = situations[situation_id]
        assert situation["chapter"].partition("#")[0] == ASKED_CHAPTER, situation_id
        assert situation["cards"], situation_id
    assert sum(len(situations[s]["cards"]) for s in ASKED_SITUATIONS) >= 6


def test_new_script_cards_are_in_their_chapter_and_on_the_cards_page(site_dir):
    situations = {s["id"]: s for s in _content()["scripts.yml"]}
    chapter = main_content(soup(site_dir / "decide" / "if-your-partner-asked" / "index.html"))
    cards_page = main_content(soup(site_dir / "scripts" / "index.html"))
    for situation_id in ASKED_SITUATIONS:
        for card in situations[situation_id]["cards"]:
            for page in (chapter, cards_page):
                shown = page.select_one(f'[data-card="{card["id"]}"] .hp-card__words')
                assert shown is not None and card["words"] in shown.get_text(), card["id"]


def test_the_asked_chapter_says_no_and_not_yet_are_answers_and_links_to_get_help(site_dir):
    chapter = main_content(soup(site_dir / "decide" / "if-your-partner-asked" / "index.html"))
    text = " ".join(chapter.get_text(" ").split()).lower()
    for words in ("no is a complete answer", "not yet is an answer", "change your mind at any time", "is not consent"):
        assert words in text, words
    assert chapter.select('a[href^="../../help/"]')


def test_consent_items_and_how_to_decide_link_to_the_asked_chapter_in_their_own_words(site_dir):
    wanted = "if-your-partner-asked/"  # relative: ../../decide/if-your-partner-asked/ or ../if-your-partner-asked/
    consent = {("safety-before", "consent"), ("checkpoints", "before")}
    for checklist in _content()["checklists.yml"]:
        for item in checklist["items"]:
            if (checklist["id"], item["id"]) in consent:
                assert item["read"]["chapter"] == ASKED_CHAPTER, item["id"]
    safety = main_content(soup(site_dir / "prepare" / "safety-checklist" / "index.html"))
    link = safety.select_one(f'[data-item="consent"] a[href$="{wanted}"]')
    assert link is not None and link.get_text(strip=True)
    decide = main_content(soup(site_dir / "decide" / "how-to-decide" / "index.html"))
    assert decide.select_one(f'a[href$="{wanted}"]') is not None


def test_no_script_card_or_checklist_item_apologises_for_the_other_persons_feelings():
    content = _content()
    # "sorry you feel", "sorry if you were hurt", "sorry that you're upset": sorrow aimed at the hearer's feelings.
    non_apology = re.compile(r"sorry (?:that |if )?you(?:’re|'re| are| feel| were| got)", re.I)
    words = [card["words"] for s in content["scripts.yml"] for card in s["cards"]]
    words += [item["text"] for c in content["checklists.yml"] for item in c["items"]]
    assert len(words) > 50
    assert [w for w in words if non_apology.search(w)] == []
    repair = {card["id"]: card for s in content["scripts.yml"] for card in s["cards"]}["empathy-validation"]
    assert re.search(r"sorry for what I did", repair["words"])


def test_the_hurt_partners_chapter_covers_the_first_days_broken_rules_testing_and_support(site_dir):
    chapter = main_content(soup(site_dir / "repair" / "partner-who-feels-hurt" / "index.html"))
    headings = [" ".join(h.get_text(" ").replace("¶", "").split()) for h in chapter.select("h2")]
    for heading in ("The first days", "If the agreed rules were broken", "Getting tested yourself", "When to get support"):
        assert heading in headings, headings
    text = chapter.get_text(" ").lower()
    for words in ("sleep", "food", "who to tell", "no big decisions tonight"):
        assert words in text, words
    hrefs = [a["href"] for a in chapter.select("a[href]")]
    assert "../../help/#sexual-health" in hrefs
    assert "../professional-help/" in hrefs
    related = [a.get_text(strip=True) for a in chapter.select(".hp-related a")]
    assert related and "Conclusion" not in related, related


def _part_chapters():
    """Chapters the nav lists directly under a part (Understand, Decide, ...), except the short Start here paths."""
    for section in SITE_CONFIG["nav"]:
        if not isinstance(section, dict):
            continue
        for entries in section.values():
            for entry in entries if isinstance(entries, list) else []:
                src = next(iter(entry.values())) if isinstance(entry, dict) else entry
                if isinstance(src, str) and "/" in src and not src.startswith("start/"):
                    yield src


def test_every_chapter_in_a_part_reads_at_least_two_minutes(site_dir):
    """No chapter is a "1 min read" fragment: each stands on its own for a reader who lands on it (issue 16, section 6)."""
    chapters = list(_part_chapters())
    assert len(chapters) >= 20, chapters
    short = {}
    for src in chapters:
        page = site_dir / src.removesuffix(".md") / "index.html"
        meta = main_content(soup(page)).select_one(".hp-page-meta")
        found = re.search(r"(\d+) min read", meta.get_text(" ") if meta else "")
        assert found, src
        if int(found.group(1)) < 2:
            short[src] = found.group(0)
    assert not short, short

