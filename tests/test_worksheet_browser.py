"""The worksheet on one device and its messages, in Chromium: the hand-over step, the first question
(do you want this at all?) put first in the compare view, the printed agreement (names, withdrawal,
signature lines), messages that are readable, announced and in view, the answer limit, real dates."""

import io
import json

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import ROOT, wait_until_transitions_end
from test_agreement_browser import fill
from test_quick_exit_browser import phone_or_desktop

QUESTIONS = yaml.safe_load((ROOT / "data" / "agreement.yml").read_text(encoding="utf-8"))
KIND = {q["id"]: q["kind"] for q in QUESTIONS}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
LIMIT = 4000  # macros/render.py MAX_ANSWER: the built form says it, the tests check it does

FIRST = {"want-this": "yes", "intention": "Curiosity we have both talked about.", "scope": "Kissing only.",
         "frequency": "once", "pause-phrase": "Red light"}
SECOND = {"want-this": "no", "intention": "I am not looking for this.", "scope": "Nothing.", "frequency": "undecided"}


def visible_text(page) -> str:
    return page.locator("article").inner_text()


def printed(page) -> str:
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    page.emulate_media(media="screen")
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def hand_over(page, name="Hand over to my partner on this device"):
    page.get_by_role("button", name=name).click()


def test_the_form_carries_the_same_limit_as_the_import(site_dir):
    html = (site_dir / "agreement" / "index.html").read_text(encoding="utf-8")
    assert f'data-max-answer="{LIMIT}"' in html


def test_hand_over_hides_the_first_partners_answers_keeps_them_and_starts_a_blank_set(page):
    page.goto("agreement/", wait_until="load")
    expect(page.locator(".hp-agreement__lock")).to_contain_text("not a lock")
    fill(page, FIRST, name="A.B.")
    hand_over(page)
    for question in FIRST:
        if KIND[question] == "choice":
            expect(page.locator(f"input[name='{question}']:checked")).to_have_count(0)
        else:
            expect(page.locator(f"#agreement-{question}")).to_have_value("")
    expect(page.locator("#hp-agreement-name")).to_have_value("")
    assert FIRST["intention"] not in visible_text(page) and "A.B." not in visible_text(page)
    stored = json.loads(page.evaluate("localStorage.getItem('hallpass:v1:agreement')"))
    assert stored["first"]["answers"]["intention"] == FIRST["intention"] and stored["first"]["name"] == "A.B."

    fill(page, SECOND, name="C")
    expect(page.locator(".hp-agreement__compare")).to_be_hidden()
    page.reload(wait_until="load")  # whoever opens the page next sees the second set, not the first
    expect(page.locator("#agreement-intention")).to_have_value(SECOND["intention"])
    assert FIRST["intention"] not in visible_text(page)

    hand_over(page, "Hand back to the first partner")
    expect(page.locator("#agreement-intention")).to_have_value(FIRST["intention"])
    assert SECOND["intention"] not in visible_text(page)
    hand_over(page, "Hand over to the second partner")
    expect(page.locator("#agreement-intention")).to_have_value(SECOND["intention"])

    page.get_by_role("button", name="We have both finished: compare our answers").click()
    compare = page.locator(".hp-agreement__compare")
    expect(compare).to_be_visible()
    expect(compare.locator("thead")).to_contain_text("A.B.")
    expect(compare.locator("thead")).to_contain_text("C")
    row = compare.locator("tbody tr").nth(1)
    expect(row.locator("td").nth(0)).to_have_text(FIRST["intention"])
    expect(row.locator("td").nth(1)).to_have_text(SECOND["intention"])
    page.get_by_role("button", name="Hide the answers again").click()
    expect(compare).to_be_hidden()
    assert page.record.errors == []


def test_a_no_comes_first_in_the_compare_view_with_no_lines_to_sign_on_screen_or_paper(page):
    page.goto("agreement/", wait_until="load")
    fill(page, FIRST, name="A.B.")
    hand_over(page)
    fill(page, SECOND, name="C")
    page.get_by_role("button", name="We have both finished: compare our answers").click()
    compare = page.locator(".hp-agreement__compare")
    first_thing = compare.locator("h2 + *")
    expect(first_thing).to_have_class("hp-agreement__not-yet")
    expect(first_thing).to_be_visible()
    expect(first_thing).to_contain_text("C does not want this.")
    expect(first_thing.locator("a")).to_have_count(2)
    order = page.evaluate("""() => {
        const notYet = document.querySelector('.hp-agreement__not-yet'), table = document.querySelector('.hp-agreement__table');
        return notYet.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING;
    }""")
    assert order, "the no comes before the table"
    text = printed(page)
    assert "C does not want this." in text
    assert "signature" not in text
    assert "withdraw" in text
    assert page.record.errors == []


def test_when_both_want_it_the_print_names_the_partners_keeps_the_lines_with_the_table_and_says_either_can_withdraw(page):
    page.goto("agreement/", wait_until="load")
    fill(page, FIRST, name="A.B.")
    hand_over(page)
    fill(page, {**FIRST, "scope": "Kissing and dancing."}, name="C.D.")
    page.get_by_role("button", name="We have both finished: compare our answers").click()
    expect(page.locator(".hp-agreement__not-yet")).to_be_hidden()
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    page.emulate_media(media="screen")
    pages = [" ".join(p.extract_text().split()) for p in pdf.pages]
    text = " ".join(pages)
    assert "A.B. — signature" in text and "C.D. — signature" in text
    assert "You — signature" not in text and "Your partner" not in text
    assert "Either of you can withdraw from this agreement at any time" in text
    last = pages[-1]
    assert "signature" in last and "Who can each of us talk to" in last, "the lines to sign share a sheet with the table"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_worksheet_message_is_readable_announced_and_in_view(browser, base_url, scheme, tmp_path):
    context = browser.new_context(base_url=base_url, color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto("agreement/", wait_until="load")
    page.evaluate("() => localStorage.setItem('hallpass:v1:checklist:unused', '{}')")  # keeps the page's own state simple
    problems = []

    def check(locator, what):
        expect(locator).to_be_visible()
        assert locator.evaluate("node => !!node.closest('[role=status], [role=alert]')"), what
        # In view, to the pixel: the page scrolls by whole pixels, and a line can end a fraction of one lower.
        assert locator.evaluate("node => { const r = node.getBoundingClientRect(); return r.top > -1 && r.bottom < innerHeight + 1; }"), what
        wait_until_transitions_end(page)  # the button just pressed fades to its focus colours
        found = Axe().run(page, options=WCAG).response["violations"]
        problems.extend((what, v["id"], [n["target"] for n in v["nodes"]]) for v in found)

    message = page.locator(".hp-agreement__message")
    page.set_input_files("#hp-agreement-partner", files=[{"name": "x.json", "mimeType": "application/json", "buffer": b"not json"}])
    expect(message).to_contain_text("That file is not a set of answers")
    check(message, "error: not a file of answers")
    page.get_by_role("button", name="Add check-ins to calendar (.ics)").click()
    expect(message).to_have_text("Enter at least one check-in date first.")
    check(message, "error: no check-in date")

    page.fill("#agreement-scope", "y" * (LIMIT + 1))
    note = page.locator(".hp-question__limit")
    expect(note).to_contain_text("1 character over the 4,000")
    check(note, "limit")
    page.fill("#agreement-scope", "Kissing only.")
    expect(note).to_have_count(0)

    fill(page, {"want-this": "not-sure"}, name="A")
    page.set_input_files("#hp-agreement-partner", files=[{"name": "p.json", "mimeType": "application/json", "buffer": json.dumps(
        {"format": "hall-pass-agreement", "version": 1, "name": "B", "answers": {"want-this": "yes", "scope": "Kissing only."}}).encode()}])
    expect(message).to_have_text("Your partner’s answers are shown beside yours below. They are not stored.")
    check(message, "success: partner loaded")
    expect(page.locator(".hp-agreement__not-yet")).to_contain_text("A is not sure about this.")
    found = Axe().run(page, options=WCAG).response["violations"]
    problems.extend(("not sure, first in compare", v["id"], [n["target"] for n in v["nodes"]]) for v in found)

    page.evaluate("() => localStorage.setItem('hallpass:v1:agreement', '{broken')")
    page.reload(wait_until="load")
    aside = page.locator(".hp-aside")
    aside.scroll_into_view_if_needed()
    expect(aside).to_be_visible()
    # The scroll brings in Material's "Back to top" button, fading in: axe measures it once it has settled.
    wait_until_transitions_end(page)
    found = Axe().run(page, options=WCAG).response["violations"]
    problems.extend(("kept aside", v["id"], [n["target"] for n in v["nodes"]]) for v in found)
    assert problems == [], problems
    context.close()


def test_an_answer_longer_than_the_limit_is_refused_typed_or_loaded(page):
    page.goto("agreement/", wait_until="load")
    page.fill("#agreement-scope", "Kissing only.")
    page.fill("#agreement-scope", "z" * (LIMIT + 2000))
    expect(page.locator("#agreement-scope")).to_have_attribute("aria-invalid", "")
    expect(page.locator(".hp-question__limit")).to_contain_text("2,000 characters over the 4,000")
    stored = json.loads(page.evaluate("localStorage.getItem('hallpass:v1:agreement')"))
    assert stored["first"]["answers"]["scope"] == "Kissing only.", "the long answer is not kept"

    page.fill("#agreement-scope", "z" * LIMIT)
    expect(page.locator(".hp-question__limit")).to_have_count(0)
    long_file = {"format": "hall-pass-agreement", "version": 1, "answers": {"scope": "z" * (LIMIT + 2000)}}
    page.set_input_files("#hp-agreement-partner", files=[{"name": "p.json", "mimeType": "application/json", "buffer": json.dumps(long_file).encode()}])
    expect(page.locator(".hp-agreement__message")).to_contain_text("longer than 4,000 characters")
    expect(page.locator(".hp-agreement__message")).to_contain_text("Nothing was changed.")
    expect(page.locator(".hp-agreement__compare")).to_be_hidden()
    same = {"format": "hall-pass-agreement", "version": 1, "answers": {"scope": "z" * LIMIT}}
    page.set_input_files("#hp-agreement-partner", files=[{"name": "p.json", "mimeType": "application/json", "buffer": json.dumps(same).encode()}])
    scope_row = page.locator(".hp-agreement__table tbody tr").nth(2)
    expect(scope_row).not_to_have_class("hp-differs")


def test_impossible_dates_are_named_never_shown_as_invalid_or_rolled_over(page):
    page.goto("agreement/", wait_until="load")
    partner = {"format": "hall-pass-agreement", "version": 1,
               "answers": {"check-in-before": "2026-02-30", "check-in-after": "2026-02-28", "check-in-week-later": "2026-13-01"}}
    page.set_input_files("#hp-agreement-partner", files=[{"name": "p.json", "mimeType": "application/json", "buffer": json.dumps(partner).encode()}])
    table = page.locator(".hp-agreement__table")
    expect(table).to_contain_text("“2026-02-30” is not a real date")
    expect(table).to_contain_text("“2026-13-01” is not a real date")
    expect(table).to_contain_text("Saturday 28 February 2026")
    assert "Invalid Date" not in table.inner_text() and "March" not in table.inner_text()


# Which questions are rendered now: checkVisibility is false for a question whose rendering is skipped.
RENDERED_QUESTIONS = """() => [...document.querySelectorAll(".hp-question")]
  .filter(q => q.querySelector(".hp-question__text").checkVisibility({contentVisibilityAuto: true}))
  .map(q => q.dataset.question)"""
# guide.css skips these out of view; a question with a text field is drawn at once (Chromium's autofill measures it).
SKIPPED_KINDS = ("choice", "date")


def test_on_a_phone_choice_and_date_questions_are_drawn_when_reached(browser, base_url):
    context = phone_or_desktop(browser, base_url, 375)
    try:
        page = context.new_page()
        page.goto("agreement/", wait_until="load")
        drawn = page.evaluate(RENDERED_QUESTIONS)
        skippable = [question["id"] for question in QUESTIONS if question["kind"] in SKIPPED_KINDS]
        assert {question["id"] for question in QUESTIONS if question["kind"] not in SKIPPED_KINDS} <= set(drawn), drawn
        assert skippable[-1] not in drawn and len(set(skippable) & set(drawn)) < len(skippable) / 2, drawn
        for question in QUESTIONS:
            page.locator(f"#q-{question['id']}").scroll_into_view_if_needed()
            page.wait_for_function(f"() => ({RENDERED_QUESTIONS})().includes({json.dumps(question['id'])})")
    finally:
        context.close()
