"""The built site as a reader meets it: every chapter, every sentence, every link."""

from pathlib import Path

import yaml

from article import is_call_to_action, normalize, sections
from conftest import ROOT, SITE_CONFIG, broken_links, build, failing_build, heading_text, html_pages, main_content, soup


def test_every_internal_link_and_anchor_resolves(site_dir):
    checked, broken = broken_links(site_dir)
    print(f"internal links checked: {checked}, broken: {len(broken)}")
    assert checked > 500
    assert not broken, "\n".join(broken)


def _all_main_text(site: Path) -> str:
    return " \n ".join(normalize(main_content(soup(p)).get_text(" ")) for p in html_pages(site) if main_content(soup(p)))


# The one list of light edits (data/light-edits.yml): what differs from the article, and why.
LIGHT_EDITS = yaml.safe_load((ROOT / "data" / "light-edits.yml").read_text(encoding="utf-8"))


def _edits(kind: str) -> dict:
    return {edit["article"]: edit for edit in LIGHT_EDITS if edit["kind"] == kind}


def test_every_sentence_of_the_article_is_on_the_site(site_dir):
    text = _all_main_text(site_dir)
    sentences = [s for section in sections() for s in section.sentences if not is_call_to_action(s)]
    edited = _edits("sentence")
    assert set(edited) <= set(sentences), "a listed edit names a sentence the article does not have"
    missing = [s for s in sentences if s not in edited and normalize(s) not in text]
    print(f"article sentences found word for word: {len(sentences) - len(missing) - len(edited)} of {len(sentences)}; "
          f"lightly edited: {len(edited)}")
    assert len(sentences) > 200
    assert not missing, "\n".join(missing)
    # Each listed edit is on the site as listed, and the article's wording is gone (the list is current).
    for sentence, edit in edited.items():
        assert normalize(edit["site"]) in text, edit["id"]
        assert normalize(sentence) not in text, f'{edit["id"]}: the article\'s wording is still on the site'
        chapter = main_content(soup(site_dir / edit["chapter"].removesuffix(".md") / "index.html"))
        assert normalize(edit["site"]) in normalize(chapter.get_text(" ")), edit["id"]


def test_no_call_to_action_ships_without_a_configured_link(site_dir):
    text = _all_main_text(site_dir)
    promos = [s for section in sections() for s in section.sentences if is_call_to_action(s)]
    assert promos
    assert not [s for s in promos if normalize(s) in text]
    assert not any(main_content(soup(p)).select(".hp-community") for p in html_pages(site_dir) if main_content(soup(p)))


def test_every_section_heading_and_subheading_is_a_heading(site_dir):
    headings = set()
    for path in html_pages(site_dir):
        for tag in soup(path).select("article h1, article h2, article h3, article h4"):
            headings.add(normalize(tag.get_text(" ")))
    wanted = [h for s in sections() for h in [s.title, *s.subheadings]]
    assert len(wanted) == 75
    missing = [h for h in wanted if normalize(h) not in headings]
    assert not missing, missing


def test_each_article_section_is_a_chapter_title_or_a_listed_heading(site_dir):
    titles = {normalize(soup(p).select_one("article h1").get_text(" ")) for p in html_pages(site_dir) if soup(p).select_one("article h1")}
    moved = _edits("heading")
    assert [s.title for s in sections() if s.title not in moved and normalize(s.title) not in titles] == []
    for title, edit in moved.items():
        chapter = main_content(soup(site_dir / edit["chapter"].removesuffix(".md") / "index.html"))
        assert normalize(edit["site"]) in {normalize(h.get_text(" ")) for h in chapter.select("h2, h3")}, edit["id"]


def test_every_page_has_a_unique_title_and_a_description(site_dir):
    titles, problems = {}, []
    for path in html_pages(site_dir):
        page = soup(path)
        title = page.title.get_text(strip=True) if page.title else ""
        description = page.find("meta", attrs={"name": "description"})
        if not title:
            problems.append(f"{path}: no <title>")
        if title in titles:
            problems.append(f"{path}: same <title> as {titles[title]}: {title}")
        titles[title] = path
        if not description or len(description.get("content", "").strip()) < 40:
            problems.append(f"{path}: no meta description")
    print(f"pages: {len(titles)}")
    assert not problems, "\n".join(problems)


def test_home_page_offers_the_three_ways_and_every_part(site_dir):
    home = main_content(soup(site_dir / "index.html"))
    text = home.get_text(" ").lower()
    # The short answer is said once, in the introduction; the home page points to it.
    assert "short answer" in text and "harmful for others" not in text
    pointer = home.select_one('a[href="start/introduction/#short-answer"]')
    assert pointer is not None
    intro = main_content(soup(site_dir / "start" / "introduction" / "index.html"))
    assert "harmful for others" in intro.select_one("#short-answer").get_text(" ")
    # Each part of the guide is a card with a real heading.
    card_headings = [heading_text(h) for h in home.select(".grid.cards > ul > li > h3")]
    assert len(card_headings) == len(home.select(".grid.cards > ul > li")) >= 8, card_headings
    for way in ("read it", "search it", "print a checklist"):
        assert way in text
    nav_parts = [label.get_text(strip=True) for label in soup(site_dir / "index.html").select(".md-nav--primary > .md-nav__list > .md-nav__item--section > label")]
    linked = {a.get("href") for a in home.select(".grid.cards a")}
    assert len(linked) >= 8, linked
    assert {"Understand", "Decide", "Prepare", "Navigate", "Repair and support", "Closing"} <= set(nav_parts), nav_parts


def test_community_block_appears_only_with_a_configured_link(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace('newsletter: ""', 'newsletter: "https://example.org/letters"'))
    result = build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    block = soup(tmp_path / "out" / "repair" / "friends-and-community" / "index.html").select_one(".hp-community")
    assert block is not None
    assert [a["href"] for a in block.select("a")] == ["https://example.org/letters"]


def test_a_broken_link_fails_the_build(project_copy, tmp_path):
    chapter = project_copy / "docs" / "closing" / "conclusion.md"
    chapter.write_text(chapter.read_text() + "\nSee [the missing chapter](../nowhere.md).\n")
    assert "nowhere.md" in failing_build(project_copy, tmp_path / "out")


def test_a_broken_anchor_fails_the_build(project_copy, tmp_path):
    chapter = project_copy / "docs" / "closing" / "conclusion.md"
    chapter.write_text(chapter.read_text() + "\nSee [repair](../repair/repair.md#no-such-heading).\n")
    assert "no-such-heading" in failing_build(project_copy, tmp_path / "out")
