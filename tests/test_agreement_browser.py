"""The agreement worksheet in Chromium: saving, printing, exchanging and comparing answers, the
calendar file, untrusted partner files, and the quick exit on every page."""

import datetime
import io
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT, SITE_CONFIG, failing_build, html_pages, main_content, soup

QUESTIONS = yaml.safe_load((ROOT / "data" / "agreement.yml").read_text(encoding="utf-8"))
KIND = {q["id"]: q["kind"] for q in QUESTIONS}
CHAPTER = {q["id"]: q["chapter"] for q in QUESTIONS}
LABEL = {(q["id"], c["id"]): c["label"] for q in QUESTIONS for c in q.get("choices") or []}


EXIT_URL = SITE_CONFIG["extra"]["quick_exit_url"]

MINE = {
    "want-this": "yes",
    "intention": "Curiosity about a fantasy we have both talked about for years.",
    "scope": "Kissing and dancing only. Nothing more.",
    "frequency": "once",
    "disclosure": "full",
    "who-with": "stranger",
    "emotional-safeguards": "No photos, no numbers exchanged, no second meeting.",
    "testing-contraception": "Both tested the week before; condoms always.",
    "protection": "always",
    "meeting-place": "public-only",
    "check-in-before": "2027-01-05",
    "check-in-after": "2027-01-09",
    "check-in-week-later": "2027-01-16",
    "pause-phrase": "I need us to stop and talk",
    "deeper-connection": "I am flattered, but I am not looking for anything more.",
    "aftercare": "Breakfast together the next morning, phones off.",
    "support-people": "My sister for me; a counselor for both of us.",
}
# The article's own example of a mismatch: one partner wants to know everything, the other no details.
THEIRS = {
    **MINE,
    "scope": "Kissing only.",
    "disclosure": "partial",
    "meeting-place": "public-first",
    "check-in-week-later": "2027-01-17",
    "aftercare": "",
}
DIFFERENT = {"scope", "disclosure", "meeting-place", "check-in-week-later", "aftercare"}


def answers_file(answers, **fields) -> dict:
    document = {"format": "hall-pass-agreement", "version": 1, "answers": answers, "saved": "2026-11-25T10:00:00Z"}
    document.update(fields)
    return document


def as_upload(content, name="partner.json"):
    data = content if isinstance(content, bytes) else json.dumps(content).encode()
    return {"name": name, "mimeType": "application/json", "buffer": data}


def open_worksheet(page):
    page.goto("agreement/")
    page.wait_for_selector("html.hp-js")
    return page


def fill(page, answers, name=None):
    """Answer the worksheet's questions (and type the partner's name or initials, when given)."""
    if name is not None:
        page.fill("#hp-agreement-name", name)
    for question, value in answers.items():
        if KIND[question] == "choice":
            page.check(f"#agreement-{question}-{value}")
        else:
            page.fill(f"#agreement-{question}", value)


def form_values(page) -> dict:
    return page.evaluate("""() => {
        const form = document.querySelector("[data-agreement]"), values = {};
        for (const item of form.querySelectorAll("[data-question]")) {
            const id = item.dataset.question;
            values[id] = form.elements[id].value;
        }
        return values;
    }""")


def stored_answers(page) -> dict:
    """The answers kept in this browser for the partner on screen (the worksheet's stored format)."""
    stored = page.evaluate("() => { const v = JSON.parse(localStorage.getItem('hallpass:v1:agreement')); return v[v.showing].answers; }")
    return {question: stored.get(question, "") for question in KIND}  # an answer never typed is not stored


def load_partner(page, content):
    page.set_input_files("#hp-agreement-partner", files=[as_upload(content)])


def message(page) -> str:
    locator = page.locator(".hp-agreement__message")
    assert locator.get_attribute("role") in ("status", "alert")
    return locator.inner_text()


def compare_rows(page) -> dict:
    """Question id -> (my answer, partner's answer, marked different, link under the question)."""
    return page.evaluate("""() => {
        const ids = [...document.querySelectorAll("[data-question]")].map(q => q.dataset.question);
        const rows = [...document.querySelectorAll(".hp-agreement__table tbody tr")];
        return Object.fromEntries(rows.map((row, i) => {
            const cells = row.querySelectorAll("td"), link = row.querySelector("th a");
            return [ids[i], [cells[0].textContent, cells[1].textContent,
                             row.classList.contains("hp-differs") && row.textContent.includes("Different"),
                             link ? link.getAttribute("href") : null]];
        }));
    }""")


def fresh_page(browser, base_url):
    """A second browser profile, as the partner's own device: empty storage, other hosts blocked."""
    context = browser.new_context(base_url=base_url, accept_downloads=True)
    host = urlparse(base_url).netloc
    context.route(lambda url: urlparse(url).netloc != host and urlparse(url).scheme in ("http", "https"),
                  lambda route: route.abort())
    return context, context.new_page()


def shown(question, value):
    """An answer as the comparison shows it: a choice by its label, a date in words, a blank as "No answer"."""
    if KIND[question] == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        day = datetime.date.fromisoformat(value)
        return f"{day:%A} {day.day} {day:%B %Y}"
    return LABEL.get((question, value), value) or "No answer"


# --- the page as built: labelled native controls, a link to the chapter, quick exit everywhere ---


def test_every_question_is_a_labelled_native_control_linking_to_its_chapter(site_dir):
    page = main_content(soup(site_dir / "agreement" / "index.html"))
    form = page.select_one("form[data-agreement]")
    assert form is not None and not form.select("[type=submit], button:not([type=button])")
    items = form.select("[data-question]")
    assert [item["data-question"] for item in items] == [q["id"] for q in QUESTIONS]
    assert len(items) >= 8
    for item, question in zip(items, QUESTIONS):
        controls = item.select("input, textarea")
        if question["kind"] == "choice":
            assert item.select_one("fieldset > legend").get_text(strip=True) == question["question"]
            assert [c["value"] for c in controls] == [c["id"] for c in question["choices"]]
            assert all(c["type"] == "radio" and c["name"] == question["id"] for c in controls)
        else:
            assert len(controls) == 1 and controls[0]["name"] == question["id"]
            expected = {"textarea": "textarea", "text": "text", "date": "date"}[question["kind"]]
            assert (controls[0].name if expected == "textarea" else controls[0]["type"]) == expected
        for control in controls:
            label = item.select_one(f'label[for="{control["id"]}"]')
            assert label is not None and label.get_text(strip=True), control
        href = item.select_one(".hp-question__chapter a")["href"]
        path, _, anchor = question["chapter"].partition("#")
        assert href == "../" + path[: -len(".md")] + "/" + (f"#{anchor}" if anchor else "")
    signatures = page.select_one(".hp-agreement__signatures").get_text(" ")
    assert signatures.count("signature") == 2 and signatures.count("Date") == 2


def test_every_page_offers_a_quick_exit_link_without_javascript(site_dir):
    pages = html_pages(site_dir)
    missing = [p for p in pages if not soup(p).select_one(f'a[data-quick-exit][href="{EXIT_URL}"]')]
    assert len(pages) > 30 and not missing, missing


def test_agreement_page_is_in_the_tools_nav(site_dir):
    nav = soup(site_dir / "index.html").select_one(".md-nav--primary")
    assert any(a.get("href") == "agreement/" for a in nav.select("a")), "agreement/ is not in the nav"


# --- in the browser ---


def test_answers_are_kept_as_typed_and_restored_after_a_reload(page):
    open_worksheet(page)
    fill(page, MINE)
    assert stored_answers(page) == MINE
    page.reload()
    page.wait_for_selector("html.hp-js")
    assert form_values(page) == MINE
    assert page.is_checked("#agreement-disclosure-full")
    assert page.record.errors == [] and page.record.foreign_requests() == []


def test_leaving_and_coming_back_restores_my_answers_and_never_stores_the_partners(page):
    open_worksheet(page)
    fill(page, MINE)
    load_partner(page, answers_file(THEIRS))
    page.wait_for_selector(".hp-agreement__compare:not([hidden])")
    stored = page.evaluate("() => Object.keys(localStorage).filter(key => key.startsWith('hallpass:'))")
    assert stored == ["hallpass:v1:agreement"]
    assert "Kissing only." not in page.evaluate("() => JSON.stringify({...localStorage})")
    page.locator("article p a", has_text="Privacy").click()
    page.wait_for_url("**/privacy/")
    page.go_back()
    page.wait_for_url("**/agreement/")
    page.wait_for_selector("html.hp-js")
    assert form_values(page) == MINE
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.click("[data-action=download]")
    page.wait_for_timeout(500)
    assert len(downloads) == 1  # one listener per page view, however often the reader came back


def test_erase_button_and_erase_everything_clear_the_answers(page):
    open_worksheet(page)
    fill(page, MINE)
    page.click("[data-action=erase]")
    page.get_by_role("button", name="Yes, erase my answers").click()
    assert set(form_values(page).values()) == {""}
    assert page.evaluate("() => localStorage.getItem('hallpass:v1:agreement')") is None
    assert "erased" in page.inner_text(".hp-confirm [role=status]")
    fill(page, MINE)
    load_partner(page, answers_file(THEIRS))
    page.wait_for_selector(".hp-agreement__compare:not([hidden])")
    page.evaluate("() => hallPass.eraseAll()")
    assert set(form_values(page).values()) == {""}
    assert page.is_hidden(".hp-agreement__compare")
    page.reload()
    assert set(form_values(page).values()) == {""}


def test_download_then_compare_on_the_partners_device(browser, base_url, page):
    open_worksheet(page)
    fill(page, MINE)
    with page.expect_download() as download_info:
        page.click("[data-action=download]")
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert exported["format"] == "hall-pass-agreement" and exported["version"] == 1
    assert exported["answers"] == MINE
    assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", exported["saved"])

    context, partner_page = fresh_page(browser, base_url)
    try:
        open_worksheet(partner_page)
        assert set(form_values(partner_page).values()) == {""}
        fill(partner_page, THEIRS)
        partner_page.set_input_files("#hp-agreement-partner", download.path())
        partner_page.wait_for_selector(".hp-agreement__compare:not([hidden])")
        rows = compare_rows(partner_page)
        assert list(rows) == [q["id"] for q in QUESTIONS]
        for question, (theirs_shown, mine_shown, differs, link) in rows.items():
            # On the partner's device "my answer" is THEIRS and the loaded file is MINE.
            assert theirs_shown == shown(question, THEIRS[question])
            assert mine_shown == shown(question, MINE[question])
            assert differs == (question in DIFFERENT), question
            if differs:
                path, _, anchor = CHAPTER[question].partition("#")
                assert link and link.split("#")[0].endswith("/" + path[: -len(".md")] + "/")
                assert link.endswith(f"#{anchor}") if anchor else True
            else:
                assert link is None
        summary = partner_page.inner_text(".hp-agreement__summary")
        assert f"differ on {len(DIFFERENT)} of {len(QUESTIONS)}" in summary
        assert partner_page.is_visible("text=Everything (full disclosure)")
        # The partner's own answers are untouched by the comparison.
        assert form_values(partner_page) == THEIRS
        assert stored_answers(partner_page) == THEIRS
    finally:
        context.close()


def test_a_partner_file_cannot_run_script(page):
    payload = "<img src=x onerror=window.__pwned=1>"
    open_worksheet(page)
    fill(page, MINE)
    load_partner(page, answers_file({**THEIRS, "scope": payload, "disclosure": payload, "check-in-before": payload}))
    page.wait_for_selector(".hp-agreement__compare:not([hidden])")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".hp-agreement__compare img").count() == 0
    rows = compare_rows(page)
    assert rows["scope"][1] == payload and rows["disclosure"][1] == payload
    assert rows["check-in-before"][1] == f"“{payload}” is not a real date"  # named, as text
    assert page.record.errors == []


@pytest.mark.parametrize("content, reason", [
    (b"{ this is not json", "not json"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (answers_file(THEIRS, format="another-app"), "foreign format"),
    (answers_file(THEIRS, version="1"), "version as text"),
    (answers_file(["scope"]), "answers not a mapping"),
    ([1, 2, 3], "not an object"),
])
def test_a_junk_file_shows_a_message_and_changes_nothing(page, content, reason):
    open_worksheet(page)
    fill(page, MINE)
    load_partner(page, answers_file(THEIRS))
    page.wait_for_selector(".hp-agreement__compare:not([hidden])")
    before = compare_rows(page)
    load_partner(page, content)
    page.wait_for_function("() => document.querySelector('.hp-agreement__message').textContent.includes('Nothing was changed')")
    assert "not a set of answers saved from this worksheet" in message(page), reason
    assert compare_rows(page) == before
    assert form_values(page) == MINE
    assert stored_answers(page) == MINE


def test_a_file_from_a_newer_version_is_refused(page):
    open_worksheet(page)
    fill(page, MINE)
    load_partner(page, answers_file(THEIRS, version=2))
    page.wait_for_function("() => document.querySelector('.hp-agreement__message').textContent.includes('Nothing was changed')")
    assert "newer version" in message(page)
    assert page.is_hidden(".hp-agreement__compare")
    assert form_values(page) == MINE


def _pdf_text(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_compared_agreement_prints_on_two_pages_with_signature_lines(page, paper):
    open_worksheet(page)
    fill(page, MINE)
    load_partner(page, answers_file(THEIRS))
    page.wait_for_selector(".hp-agreement__compare:not([hidden])")
    pages, text = _pdf_text(page.pdf(format=paper, margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"}))
    flat = re.sub(r"\s+", " ", text)
    print(f"{paper}: {pages} page(s)")
    assert pages <= 2
    for answer in ("Kissing and dancing only.", "Kissing only.", "Everything (full disclosure)",
                   "no details (partial disclosure)", "I need us to stop and talk", "Sunday 17 January 2027"):
        assert answer in flat, answer
    assert flat.count("signature") == 2 and flat.count("Date:") == 2
    assert "Different" in flat
    # No site chrome on paper: no header, navigation, quick exit, or page controls.
    for chrome in ("Quick exit", "Start here", "Download my answers", "Erase my answers"):
        assert chrome not in flat, chrome


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_one_partners_agreement_prints_with_a_column_for_the_other(page, paper):
    open_worksheet(page)
    fill(page, MINE)
    pages, text = _pdf_text(page.pdf(format=paper, margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"}))
    flat = re.sub(r"\s+", " ", text)
    assert pages <= 2
    assert "Kissing and dancing only." in flat and "Partner 2" in flat
    assert flat.count("signature") == 2


def test_check_in_dates_download_as_a_calendar_file(page):
    open_worksheet(page)
    page.click("[data-action=calendar]")
    assert "at least one check-in date" in message(page)
    fill(page, {"check-in-before": "2027-01-05", "check-in-week-later": "2027-12-31"})
    with page.expect_download() as download_info:
        page.click("[data-action=calendar]")
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    raw = Path(download.path()).read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.decode("utf-8").split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    assert [e["DTSTART;VALUE=DATE"] for e in events] == ["20270105", "20271231"]
    assert [e["DTEND;VALUE=DATE"] for e in events] == ["20270106", "20280101"]
    assert len({e["UID"] for e in events}) == 2
    # Each event says which check-in it is, in neutral words (a calendar is often seen by others).
    titles = {q["id"]: q["calendar"] for q in QUESTIONS if q.get("calendar")}
    assert [e["SUMMARY"] for e in events] == [titles["check-in-before"], titles["check-in-week-later"]]
    assert len(set(titles.values())) == len(titles) == 3
    for event in events:
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
        assert event["SUMMARY"] and not re.search(r"hall|pass|sex|affair|agreement", event["SUMMARY"], re.I)


def test_worksheet_and_comparison_pass_axe(page):
    from axe_playwright_python.sync_playwright import Axe

    open_worksheet(page)
    fill(page, MINE)
    load_partner(page, answers_file(THEIRS))
    page.wait_for_selector(".hp-agreement__compare:not([hidden])")
    # The worksheet's own parts; links inside the chapter prose follow the site-wide link style.
    parts = ["form[data-agreement]", ".hp-agreement__tools", ".hp-agreement__message", ".hp-agreement__compare", ".hp-quick-exit"]
    results = Axe().run(page, context={"include": [[part] for part in parts]})
    problems = [(v["id"], node["target"], node["failureSummary"]) for v in results.response["violations"] for node in v["nodes"]]
    assert problems == [], "\n".join(map(str, problems))


def test_without_javascript_the_form_fills_and_prints_and_quick_exit_is_a_link(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("agreement/")
        assert page.is_hidden(".hp-agreement__tools") and page.is_hidden(".hp-agreement__compare")
        fill(page, MINE)
        assert page.input_value("#agreement-scope") == MINE["scope"]
        pages, text = _pdf_text(page.pdf(format="A4", margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"}))
        flat = re.sub(r"\s+", " ", text)
        print(f"without JavaScript: {pages} page(s)")
        assert pages <= 2
        assert flat.count("signature") == 2
        for question in QUESTIONS:  # every one, none left out on paper
            assert " ".join(question["question"].split()) in flat, question["id"]
        assert "Couples often imagine different rules" not in flat  # the introduction stays on screen
        assert page.get_attribute("a[data-quick-exit]", "href") == EXIT_URL
    finally:
        context.close()


# --- quick exit ---


@pytest.fixture
def exit_stub(context):
    """Answer the exit site with a stub page, so the test sees the navigation without the network.
    The exit site must not learn where the reader came from: no Referer header."""
    seen = []
    target = urlparse(EXIT_URL)

    def answer(route):
        assert "referer" not in route.request.headers, route.request.headers["referer"]
        seen.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>stub")

    context.route(lambda url: urlparse(url).netloc == target.netloc, answer)
    return seen


def test_quick_exit_button_leaves_the_site_without_a_history_entry(page, exit_stub):
    page.goto("")
    page.goto("understand/cons/")
    length = page.evaluate("() => history.length")
    page.click("a[data-quick-exit]")
    page.wait_for_url(EXIT_URL)
    assert exit_stub == [EXIT_URL]
    assert page.evaluate("() => history.length") == length
    page.go_back()
    assert page.url.endswith("/") and "understand/cons" not in page.url


@pytest.mark.parametrize("how", ["button", "Shift three times"])
def test_quick_exit_works_before_any_of_our_scripts_has_arrived(page, exit_stub, how):
    """Our scripts are fetched once the page is parsed; Quick exit (inline in <head>) does not wait for them."""
    held = []
    page.route("**/assets/*.js", lambda route: held.append(route))  # ours; Material's is under javascripts/
    page.goto("", wait_until="domcontentloaded")  # "load" would wait for the held scripts
    with page.expect_request("**/assets/*quick-exit*.js"):  # in the page's one file
        page.goto("understand/cons/", wait_until="domcontentloaded")
    assert page.evaluate("() => typeof window.hallPass") == "undefined", "one of our scripts ran"
    length = page.evaluate("() => history.length")
    if how == "button":
        page.click("a[data-quick-exit]")
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    assert exit_stub == [EXIT_URL]
    assert page.evaluate("() => history.length") == length, "the guide's page stayed in the Back button"


def test_shift_three_times_leaves_the_site(page, exit_stub):
    open_worksheet(page)
    page.click("#agreement-scope")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.type("a")  # typing in between starts the count again
    page.keyboard.press("Shift")
    page.wait_for_timeout(1100)  # too slow: the earlier presses no longer count
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(200)
    assert "/agreement/" in page.url and exit_stub == []
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    assert exit_stub == [EXIT_URL]


# --- the data is checked at build time ---


def test_a_bad_agreement_question_fails_the_build_naming_the_field(project_copy, tmp_path):
    data = project_copy / "data" / "agreement.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("kind: textarea", "kind: slider", 1), encoding="utf-8")
    log = failing_build(project_copy, tmp_path / "out")
    line = data.read_text(encoding="utf-8").splitlines().index("  kind: slider") + 1
    assert f'data/agreement.yml, line {line}, question "intention", field "kind": is "slider"; expected one of: text, textarea, date, choice' in log


def test_a_choice_question_without_choices_fails_the_build(project_copy, tmp_path):
    data = project_copy / "data" / "agreement.yml"
    questions = yaml.safe_load(data.read_text(encoding="utf-8"))
    del questions[3]["choices"]
    questions[1]["calendar"] = "Check-in"
    data.write_text(yaml.safe_dump(questions, allow_unicode=True), encoding="utf-8")
    log = failing_build(project_copy, tmp_path / "out")
    assert f'question "{questions[3]["id"]}", field "choices": is missing' in log
    assert 'question "intention", field "calendar": only fits kind "date"' in log


def test_a_chapter_section_that_does_not_exist_fails_the_build(project_copy, tmp_path):
    data = project_copy / "data" / "agreement.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("#1-set-the-intention-first", "#no-such-section", 1), encoding="utf-8")
    log = failing_build(project_copy, tmp_path / "out")
    assert 'question "intention", field "chapter"' in log and "#no-such-section" in log


# --- the worksheet on a 320 px phone ---


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 640})
    tab = context.new_page()
    yield tab
    context.close()


def test_every_choice_is_a_big_target_with_its_label_beside_it_at_320_px(phone):
    open_worksheet(phone)
    choices = phone.evaluate("""() => [...document.querySelectorAll('.hp-question__choice')].map(row => {
        const box = row.querySelector('input').getBoundingClientRect();
        const label = row.querySelector('label');
        const lines = [...label.getClientRects()];
        const range = document.createRange();
        range.selectNodeContents(label);
        const textLines = [...range.getClientRects()].filter(r => r.width > 0);
        return {id: row.querySelector('input').id, width: box.width, height: box.height, right: box.right,
                row: row.getBoundingClientRect().height, labelLeft: lines[0].left,
                textLefts: textLines.map(r => Math.round(r.left)), labelHeight: lines[0].height};
    })""")
    assert len(choices) == sum(len(q.get("choices") or []) for q in QUESTIONS)
    print("tap targets at 320 px (w x h, row):", sorted({(round(c["width"]), round(c["height"]), round(c["row"])) for c in choices}))
    for choice in choices:
        assert choice["width"] >= 24 and choice["height"] >= 24, choice
        assert choice["row"] >= 44, choice
        assert choice["labelLeft"] >= choice["right"], choice
        # Wrapped lines start where the first line starts: beside the button, never under it.
        assert len(set(choice["textLefts"])) == 1 and choice["textLefts"][0] >= choice["right"], choice
    assert any(len(c["textLefts"]) > 1 for c in choices), "some label should wrap at 320 px"
    # A tap on the label chooses it.
    phone.locator("label[for='agreement-disclosure-partial']").click()
    assert phone.is_checked("#agreement-disclosure-partial")


def test_compare_view_at_320_px_stacks_both_partners_without_sideways_scrolling(phone):
    open_worksheet(phone)
    fill(phone, MINE)
    phone.evaluate("window.scrollTo(0, 0)")
    load_partner(phone, answers_file(THEIRS))
    phone.wait_for_selector(".hp-agreement__compare:not([hidden])")
    phone.wait_for_timeout(300)
    # The view scrolled to its heading, which sits below the sticky header, not under it.
    heading = phone.locator("#hp-agreement-compare-title").bounding_box()
    header = phone.locator(".md-header").bounding_box()
    assert heading["y"] >= header["y"] + header["height"], (heading, header)
    assert heading["y"] < 640
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    assert phone.locator(".hp-agreement__table caption").inner_text().strip()
    rows = phone.evaluate("""() => [...document.querySelectorAll('.hp-agreement__table tbody tr')].map(row => {
        const [question, you, partner] = [row.querySelector('th'), ...row.querySelectorAll('td')].map(c => c.getBoundingClientRect());
        const label = cell => getComputedStyle(cell, '::before').content;
        const [a, b] = row.querySelectorAll('td');
        return {stacked: question.bottom <= you.top + 1 && you.bottom <= partner.top + 1,
                right: Math.max(question.right, you.right, partner.right), labels: [label(a), label(b)]};
    })""")
    assert len(rows) == len(QUESTIONS)
    for row in rows:
        assert row["stacked"] and row["right"] <= 320, row
        assert row["labels"] == ['"Partner 1"', '"Partner 2"'], row  # no names typed
    # Wide screens keep the table's columns.
    phone.set_viewport_size({"width": 1280, "height": 800})
    assert phone.evaluate("getComputedStyle(document.querySelector('.hp-agreement__table thead')).display") != "none"


def test_printed_compare_names_both_partners_the_same_way_throughout(page):
    open_worksheet(page)
    fill(page, MINE)
    load_partner(page, answers_file(THEIRS))
    page.wait_for_selector(".hp-agreement__compare:not([hidden])")
    _, text = _pdf_text(page.pdf(format="A4"))
    flat = re.sub(r"\s+", " ", text)
    assert "Partner 1 — signature" in flat and "Partner 2 — signature" in flat
    for other_name in ("You —", "Your partner", "Partner A", "Partner B", "My answer", "My partner", "partner’s answer"):
        assert other_name not in flat, other_name
    # Dates read as words, never as 2027-01-05.
    assert "Tuesday 5 January 2027" in flat and "Saturday 16 January 2027" in flat
    assert not re.search(r"\d{4}-\d{2}-\d{2}", flat)
