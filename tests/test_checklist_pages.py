"""Checklists around the guide: each checklist's own page leads back to its chapter and on to its next
step; a chapter does not say a checklist's purpose twice; steps for one reader erase quietly; and the
data fields behind them (write_in, next) stop the build with file, entry and field when mistyped."""

import io
import posixpath
import re
import shutil

import pytest
import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import ROOT, heading_text, soup
from test_data import problems_after
from macros.content import load_content
from macros.engine import page_url

CHECKLISTS = yaml.safe_load((ROOT / "data" / "checklists.yml").read_text(encoding="utf-8"))


def squeeze(text):
    return re.sub(r"\s+", "", text)


def address_of(src):
    """The site address of a Markdown page (with any #anchor), from the site's root."""
    return "/" + page_url(src)


def followed(from_address, href):
    """The site address a relative link leads to, with its #anchor."""
    path, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(from_address, path)) + ("/" if path.endswith("/") else "")
    return target + (f"#{anchor}" if anchor else "")


def built(site_dir, address):
    return soup(site_dir / address.lstrip("/") / "index.html")


def test_each_checklist_page_links_back_to_its_chapter_and_on_to_its_next_step(site_dir):
    for checklist in CHECKLISTS:
        here = address_of(f"checklists/{checklist['id']}.md")
        journey = built(site_dir, here).select_one(".hp-checklist__journey")
        assert journey is not None, checklist["id"]
        back, *rest = journey.select("a")
        chapter = address_of(checklist["chapter"])
        assert followed(here, back["href"]) == chapter, checklist["id"]
        assert back.get_text(strip=True) == heading_text(built(site_dir, chapter).select_one("article h1"))

        # The next step: the checklist's own `next`, or else where the chapter's "Next" link in the footer goes.
        if checklist.get("next"):
            wanted = address_of(checklist["next"])
        else:
            footer_next = built(site_dir, chapter).select_one("a.md-footer__link--next")
            wanted = followed(chapter, footer_next["href"])
        [forward] = rest
        assert "Next step" in forward.parent.get_text(), checklist["id"]
        assert followed(here, forward["href"]) == wanted, checklist["id"]
        target, _, anchor = wanted.partition("#")
        target_page = built(site_dir, target)
        heading = target_page.find(id=anchor) if anchor else target_page.select_one("article h1")
        assert heading is not None and forward.get_text(strip=True) == re.sub(r"^\d+\.\s*", "", heading_text(heading))


def test_a_checklist_in_its_chapter_does_not_repeat_the_sentence_before_it(page):
    """Its purpose shows on its own page, and on paper when printed alone (test_checklists_browser.py),
    not in the chapter, on screen or printed whole."""
    for chapter in sorted({c["chapter"] for c in CHECKLISTS}):
        page.goto(address_of(chapter).lstrip("/"))
        text = page.locator("article").inner_text()
        on_paper = squeeze("".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages))
        for checklist in (c for c in CHECKLISTS if c["chapter"] == chapter):
            expect(page.locator(f'[data-checklist="{checklist["id"]}"] legend')).to_be_visible()
            assert checklist["purpose"] not in text, (chapter, checklist["id"])
            assert squeeze(checklist["purpose"]) not in on_paper, f"{chapter} printed whole repeats {checklist['id']}'s purpose"
    for checklist in CHECKLISTS:
        page.goto(f"checklists/{checklist['id']}/")
        assert checklist["purpose"] in page.locator("article").inner_text(), checklist["id"]
    assert page.record.errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_personal_steps_offer_erasing_quietly_at_the_end(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    personal = [c["id"] for c in CHECKLISTS if c.get("kind") == "personal"]
    assert "partner-hurt" in personal
    for checklist_id in personal:
        for address in (f"checklists/{checklist_id}/",
                        address_of(next(c["chapter"] for c in CHECKLISTS if c["id"] == checklist_id)).lstrip("/")):
            page.goto(address)
            section = page.locator(f'.hp-checklist[data-checklist="{checklist_id}"]')
            erase = section.get_by_role("button", name="Erase my answers")
            printing = section.get_by_role("button", name="Print this checklist")
            expect(erase).to_be_visible()
            look = erase.evaluate("""button => {
                const style = getComputedStyle(button), controls = [...button.closest(".hp-checklist").querySelectorAll("a, button")];
                return {background: style.backgroundColor, size: parseFloat(style.fontSize), last: controls.at(-1) === button,
                        height: button.getBoundingClientRect().height};
            }""")
            assert look["background"] == "rgba(0, 0, 0, 0)", (address, look)
            assert look["size"] < float(printing.evaluate("b => getComputedStyle(b).fontSize").removesuffix("px")), address
            assert look["last"], f"{address}: erasing is not the checklist's last control"
            assert look["height"] >= 24, f"{address}: the target is smaller than 24 px"
            erase_box, print_box = erase.bounding_box(), printing.bounding_box()
            assert erase_box["width"] * erase_box["height"] < print_box["width"] * print_box["height"]
            expect(section.locator(".hp-button--warning")).to_have_count(0)
            if checklist_id == "partner-hurt":  # the hurt partner's page has no red button at all
                expect(page.locator("article .hp-button--warning:visible")).to_have_count(0)
            # Still asks first.
            erase.click()
            expect(page.get_by_role("group", name="Erase your ticks on this checklist?")).to_be_focused()
    assert page.record.errors == []


@pytest.fixture
def data_copy(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def problems_with(data_dir, change):
    path = data_dir / "checklists.yml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change({c["id"]: c for c in content})
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return problems_after(data_dir)


def test_write_in_is_off_unless_set_and_must_be_true_or_false(data_copy):
    content = {c["id"]: c for c in load_content(ROOT / "data", ROOT / "docs")["checklists.yml"]}
    assert content["rules"]["write_in"] is True and content["decision"]["write_in"] is False
    assert problems_with(data_copy, lambda c: c["rules"].update(write_in="lines")) == [
        'data/checklists.yml, checklist "rules", field "write_in": should be true or false, found text'
    ]


def test_next_must_name_a_chapter_and_section_that_exist(data_copy):
    [problem] = problems_with(data_copy, lambda c: c["rules"].update(next="prepare/nowhere.md"))
    assert problem == 'data/checklists.yml, checklist "rules", field "next": links to "prepare/nowhere.md", but there is no chapter docs/prepare/nowhere.md'
    def both(content):  # the first mistake stays in the copy; a section that is not there is a second
        content["repair-immediate"].update(next="repair/repair.md#no-such-part")
    [_, problem] = problems_with(data_copy, both)
    assert problem.startswith('data/checklists.yml, checklist "repair-immediate", field "next": links to "repair/repair.md#no-such-part", but docs/repair/repair.md has no section')
