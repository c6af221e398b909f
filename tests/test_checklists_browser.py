"""Checklists in a real Chromium against the built site: ticks kept in this browser (and only there),
erased on request, working without storage or JavaScript, and printed on exactly one sheet."""

import io
import json
import re

import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import ROOT, SITE_CONFIG, instant_navigation_ready, serve_sitemap_for_this_host

CHECKLISTS = yaml.safe_load((ROOT / "data" / "checklists.yml").read_text(encoding="utf-8"))
BY_ID = {checklist["id"]: checklist for checklist in CHECKLISTS}
SITE_URL = SITE_CONFIG["site_url"]
PAPER = ("A4", "Letter")
TICK = "✓"


def _nav_labels(entries):
    """Section labels of the site navigation (mkdocs.yml), as the sidebar shows them."""
    for entry in entries:
        if isinstance(entry, dict):
            for label, value in entry.items():
                if isinstance(value, list):
                    yield label
                    yield from _nav_labels(value)


CHROME_TEXT = [*_nav_labels(SITE_CONFIG["nav"]),
               "Search", "The Hall Pass Guide", "Print this checklist", "Erase my answers", "ticked"]


def key(checklist_id):
    return f"hallpass:v1:checklist:{checklist_id}"


def url(checklist_id):
    return f"checklists/{checklist_id}/"


def chapter_url(checklist_id):
    return BY_ID[checklist_id]["chapter"][: -len(".md")] + "/"


def box(page, checklist_id, item_id):
    return page.locator(f'.hp-checklist[data-checklist="{checklist_id}"] [data-item="{item_id}"] input')


def item_ids(checklist_id):
    return [item["id"] for item in BY_ID[checklist_id]["items"]]


def stored(page, checklist_id):
    return page.evaluate("name => localStorage.getItem(name)", key(checklist_id))


def printed(page, paper):
    """The page printed to PDF: (number of sheets, text of each sheet)."""
    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    return len(reader.pages), [sheet.extract_text() for sheet in reader.pages]


def squeeze(text):
    """Text without any whitespace: PDF text breaks lines where the printer wrapped them."""
    return re.sub(r"\s+", "", text)


def chrome_text(page):
    """Site chrome and control labels that must stay off paper, leaving out words the page's own text uses."""
    own = page.evaluate("""() => {
        const article = document.querySelector("article").cloneNode(true);
        article.querySelectorAll(".hp-needs-js").forEach(control => control.remove());
        return article.textContent;
    }""")
    return [words for words in CHROME_TEXT if not re.search(rf"\b{words}\b", own)]


def fake_print(page):
    """Count window.print() calls instead of opening a dialog; the test prints with page.pdf()."""
    page.evaluate("() => { window.print = () => { window.printCalls = (window.printCalls || 0) + 1; }; }")


def test_a_tick_survives_reload_navigation_and_shows_on_its_chapter(page, base_url):
    serve_sitemap_for_this_host(page, base_url)
    checklist_id = "decision"
    first, second = item_ids(checklist_id)[:2]
    total = len(item_ids(checklist_id))
    page.goto(url(checklist_id))
    instant_navigation_ready(page)
    progress = page.locator(".hp-checklist__progress")
    expect(progress).to_have_attribute("aria-live", "polite")
    expect(progress).to_have_text(f"0 of {total} ticked")
    box(page, checklist_id, first).check()
    expect(progress).to_have_text(f"1 of {total} ticked")
    assert json.loads(stored(page, checklist_id)) == {"items": {first: True}}, "keyed by item id only"

    page.reload()
    expect(box(page, checklist_id, first)).to_be_checked()
    expect(box(page, checklist_id, second)).not_to_be_checked()
    expect(progress).to_have_text(f"1 of {total} ticked")

    # Instant navigation: the page is swapped, not reloaded, so the marker stays.
    page.evaluate("window.sameDocument = true")
    box(page, checklist_id, second).check()
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(lambda address: url(checklist_id) not in address)
    page.go_back()
    page.wait_for_url(f"**/{url(checklist_id)}")
    expect(box(page, checklist_id, first)).to_be_checked()
    expect(box(page, checklist_id, second)).to_be_checked()
    expect(progress).to_have_text(f"2 of {total} ticked")
    assert page.evaluate("window.sameDocument === true"), "navigation was not instant"

    page.goto(chapter_url(checklist_id))
    expect(box(page, checklist_id, first)).to_be_checked()
    expect(box(page, checklist_id, item_ids(checklist_id)[2])).not_to_be_checked()
    expect(page.locator(f'[data-checklist="{checklist_id}"] .hp-checklist__progress')).to_have_text(f"2 of {total} ticked")
    expect(page.locator('.hp-checklist:not([data-checklist="decision"]) input:checked')).to_have_count(0)
    assert page.record.errors == []


def test_restoring_ticks_shifts_no_layout(page):
    checklist_id = "safety-before"
    geometry = """() => {
        const section = document.querySelector(".hp-checklist");
        return [section.offsetHeight, ...[...section.querySelectorAll("li, .hp-checklist__tools")].map(e => e.offsetTop)];
    }"""
    page.goto(url(checklist_id))
    unticked = page.evaluate(geometry)
    for item_id in item_ids(checklist_id)[:3]:
        box(page, checklist_id, item_id).check()
    page.reload()
    expect(page.locator(".hp-checklist__progress")).to_have_text(f"3 of {len(item_ids(checklist_id))} ticked")
    assert page.evaluate(geometry) == unticked
    # Material's own footer settles once its script runs; nothing in or after the checklist may move.
    moved = page.evaluate("""() => new Promise(resolve => {
        new PerformanceObserver(list => resolve(list.getEntries().flatMap(entry => entry.sources)
            .map(source => source.node && (source.node.nodeType === 1 ? source.node : source.node.parentElement))
            .filter(node => node && node.closest(".hp-checklist")).map(node => node.outerHTML)))
            .observe({type: "layout-shift", buffered: true});
        setTimeout(() => resolve([]), 500);
    })""")
    assert moved == []


def test_corrupt_wrong_shaped_and_old_values_are_replaced_without_an_error(page):
    checklist_id, other_id, old_id = "rules", "debrief", "checkpoints"
    page.goto(url(checklist_id))
    page.evaluate("""([broken, wrong, old]) => {
        localStorage.setItem(broken, "{not json");
        localStorage.setItem(wrong, JSON.stringify({items: ["scope", "frequency"]}));
        localStorage.setItem(old, JSON.stringify({scope: true}));
    }""", [key(checklist_id), key(other_id), key(old_id).replace(":v1:", ":v0:")])
    page.reload()
    expect(page.locator(".hp-checklist input:checked")).to_have_count(0)
    assert stored(page, checklist_id) is None, "the corrupt value is removed"
    first = item_ids(checklist_id)[0]
    box(page, checklist_id, first).check()
    assert json.loads(stored(page, checklist_id)) == {"items": {first: True}}

    page.goto(url(other_id))
    expect(page.locator(".hp-checklist input:checked")).to_have_count(0)
    assert stored(page, other_id) is None, "a value of the wrong shape is removed"
    page.goto(url(old_id))
    expect(page.locator(".hp-checklist input:checked")).to_have_count(0)
    assert page.record.errors == []


def test_ticking_works_for_the_visit_when_storage_throws(page):
    page.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
    checklist_id = "debrief"
    first = item_ids(checklist_id)[0]
    page.goto(url(checklist_id))
    box(page, checklist_id, first).check()
    expect(box(page, checklist_id, first)).to_be_checked()
    expect(page.locator(".hp-checklist__progress")).to_contain_text(f"1 of {len(item_ids(checklist_id))} ticked")
    expect(page.locator(".hp-checklist__progress")).to_contain_text("this change is not being kept")
    # Material's scripts see a stand-in (overrides/main.html); the browser's own storage holds nothing.
    assert page.evaluate("(localStorage.hallPassReal || localStorage).length") == 0
    assert page.record.errors == []


def test_ticking_works_for_the_visit_when_storage_is_blocked(page):
    # As when a reader blocks site data: merely reading window.localStorage throws.
    page.add_init_script(
        "for (const name of ['localStorage', 'sessionStorage']) Object.defineProperty(window, name, "
        "{get() { throw new DOMException('blocked', 'SecurityError'); }, configurable: true});"
    )
    checklist_id = "decision"
    first = item_ids(checklist_id)[0]
    page.goto(url(checklist_id))
    box(page, checklist_id, first).check()
    expect(page.locator(".hp-checklist__progress")).to_contain_text(f"1 of {len(item_ids(checklist_id))} ticked")
    expect(page.locator(".hp-checklist__progress")).to_contain_text("kept until you leave or reload this page")
    page.locator(".md-header [data-md-component=palette] label").first.click()  # Material writes its palette choice
    assert page.record.errors == []


def test_erase_clears_one_checklist_and_privacy_erases_everything(page):
    kept, erased = "jealousy-practices", "debrief"
    for checklist_id in (kept, erased):
        page.goto(url(checklist_id))
        for item_id in item_ids(checklist_id)[:2]:
            box(page, checklist_id, item_id).check()
    page.get_by_role("button", name="Erase my answers").click()
    page.get_by_role("button", name="Yes, erase my ticks").click()
    expect(page.locator(".hp-checklist__progress")).to_have_text(f"0 of {len(item_ids(erased))} ticked")
    page.reload()
    expect(page.locator(".hp-checklist input:checked")).to_have_count(0)
    assert stored(page, erased) is None
    assert stored(page, kept) is not None, "erasing one checklist leaves the others"

    page.goto("privacy/")
    page.evaluate("localStorage.setItem('hallpass:v0:checklist:rules', '{}')")
    page.get_by_role("button", name="Erase everything this site kept").click()
    page.get_by_role("button", name="Yes, erase everything").click()
    expect(page.get_by_role("status")).to_contain_text("erased")
    assert page.evaluate("Object.keys(localStorage).filter(name => name.startsWith('hallpass:'))") == []
    page.goto(url(kept))
    expect(page.locator(".hp-checklist input:checked")).to_have_count(0)
    assert page.record.errors == []


def test_without_javascript_every_item_shows_with_its_checkbox_and_no_tools(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("checklists/print-all/")
        for checklist in CHECKLISTS:
            for item in checklist["items"]:
                row = page.locator(f'.hp-checklist[data-checklist="{checklist["id"]}"] [data-item="{item["id"]}"]')
                expect(row.locator("input[type=checkbox]")).to_be_visible()
                expect(row.locator("label")).to_be_visible()
        expect(page.locator(".hp-checklist__tools").first).to_be_hidden()
        assert page.locator(".hp-checklist__tools:visible").count() == 0
    finally:
        context.close()


def test_every_checklist_page_prints_on_one_sheet_of_a4_and_letter_also_blank_for_two(page):
    problems = []
    for checklist in CHECKLISTS:
        page.goto(url(checklist["id"]))
        fake_print(page)
        chrome = chrome_text(page)
        quotes = page.locator("q").all_text_contents()
        wanted = [checklist["title"], checklist["purpose"], f"Printed from {SITE_URL}{url(checklist['id'])}",
                  *[f"{item['label']}: {item['text']}" if item.get("label") else item["text"] for item in checklist["items"]],
                  *quotes]
        for paper in PAPER:
            for blank in (False, True) if checklist.get("kind", "shared") == "shared" else (False,):
                if blank:
                    page.get_by_role("button", name="Print a blank copy for two").click()
                sheets, texts = printed(page, paper)
                text = "\n".join(texts)
                where = f"{checklist['id']} on {paper}" + (" (blank for two)" if blank else "")
                if sheets != 1:
                    problems.append(f"{where}: {sheets} sheets")
                problems += [f"{where}: missing {part!r}" for part in wanted if squeeze(part) not in squeeze(text)]
                problems += [f"{where}: shows {words!r}" for words in chrome if re.search(rf"\b{words}\b", text)]
                if TICK in text:
                    problems.append(f"{where}: a tick on an unticked sheet")
                if blank != ("Partner A" in text and "Partner B" in text):
                    problems.append(f"{where}: partner columns {'missing' if blank else 'shown'}")
                print(f"{where}: {sheets} sheet(s)")
    assert problems == []
    assert page.record.errors == []


def test_a_ticked_item_prints_ticked_and_the_copy_for_two_prints_blank(page):
    checklist_id = "health-safety"
    ticked, unticked = item_ids(checklist_id)[:2]
    page.goto(url(checklist_id))
    box(page, checklist_id, ticked).check()
    _, (text,) = printed(page, "A4")
    lines = [line for line in text.splitlines() if TICK in line]
    assert len(lines) == 1 and squeeze(BY_ID[checklist_id]["items"][0]["text"])[:20] in squeeze(lines[0]), text
    assert "Partner A" not in text

    fake_print(page)
    page.get_by_role("button", name="Print a blank copy for two").click()
    assert page.evaluate("window.printCalls") == 1
    sheets, (text,) = printed(page, "Letter")
    assert sheets == 1
    assert "Partner A" in text and "Partner B" in text
    assert TICK not in text, "a blank copy shows no ticks"
    # Printing fires "afterprint", which puts the page back: the next print shows the ticks again.
    assert page.evaluate("document.documentElement.classList.contains('hp-print-blank')") is False
    _, (text,) = printed(page, "A4")
    assert TICK in text and "Partner A" not in text
    expect(box(page, checklist_id, ticked)).to_be_checked()
    expect(box(page, checklist_id, unticked)).not_to_be_checked()
    assert page.record.errors == []


def test_printing_one_checklist_from_its_chapter_prints_only_that_checklist(page):
    checklist_id = "checkpoints"
    others = [c for c in CHECKLISTS if c["chapter"] == BY_ID[checklist_id]["chapter"] and c["id"] != checklist_id]
    assert others, "the chapter should hold more than this checklist"
    page.goto(chapter_url(checklist_id))
    fake_print(page)
    for count, paper in enumerate(PAPER, start=1):
        page.locator(f'[data-checklist="{checklist_id}"] [data-action="print"]').click()
        assert page.evaluate("window.printCalls") == count
        sheets, (text, *_) = printed(page, paper)
        assert sheets == 1
        assert all(squeeze(item["text"]) in squeeze(text) for item in BY_ID[checklist_id]["items"])
        assert not any(squeeze(item["text"]) in squeeze(text) for other in others for item in other["items"])
        assert f"Printed from {SITE_URL}{url(checklist_id)}" in text

    # The same from the booklet: one sheet, this checklist only.
    page.goto("checklists/print-all/")
    fake_print(page)
    page.locator(f'[data-checklist="{checklist_id}"] [data-action="print"]').click()
    sheets, (text, *_) = printed(page, "A4")
    assert sheets == 1
    assert [c["title"] for c in CHECKLISTS if c["title"] in text] == [BY_ID[checklist_id]["title"]]
    assert page.record.errors == []


def test_chapters_and_the_booklet_print_without_site_chrome_or_a_blank_last_sheet(page):
    problems = []
    for address in sorted({chapter_url(c["id"]) for c in CHECKLISTS}) + ["checklists/print-all/"]:
        page.goto(address)
        for paper in PAPER:
            _, texts = printed(page, paper)
            if not texts[-1].strip():
                problems.append(f"{address} on {paper}: blank last sheet")
            problems += [f"{address} on {paper}: shows {chrome!r}" for chrome in chrome_text(page)
                         if any(re.search(rf"\b{chrome}\b", text) for text in texts)]
    assert problems == []


def test_a_checklist_printed_from_a_chapter_with_script_cards_prints_alone_on_one_sheet(page):
    """"The rules to define" shares its chapter with script cards and other checklists: its print holds
    that checklist's words and nothing else of the chapter."""
    checklist = BY_ID["rules"]
    page.goto(chapter_url("rules"))
    assert page.locator("article .hp-cards").count(), "the chapter should hold script cards"
    fake_print(page)
    quotes = page.locator('[data-checklist="rules"] q').all_text_contents()
    own = [checklist["title"], checklist["purpose"], f"Printed from {SITE_URL}{url('rules')}",
           *[f"{item['label']}: {item['text']}" if item.get("label") else item["text"] for item in checklist["items"]],
           *quotes, *["What we decided:"] * len(checklist["items"] if checklist.get("write_in") else [])]
    for paper in PAPER:
        page.locator('[data-checklist="rules"] [data-action="print"]').click()
        sheets, texts = printed(page, paper)
        rest = squeeze("".join(texts))
        for part in own:
            assert squeeze(part) in rest, (paper, part)
            rest = rest.replace(squeeze(part), "", 1)
        print(f"rules from its chapter on {paper}: {sheets} sheet(s)")
        assert sheets == 1, paper
        assert re.fullmatch(r"[·]?Date:_+", rest), f"{paper}: more than the checklist printed: {rest[:200]!r}"
    assert page.record.errors == []


def test_personal_steps_have_a_private_tick_but_no_score_and_no_copy_for_two(page):
    personal = [c for c in CHECKLISTS if c.get("kind") == "personal"]
    assert "partner-hurt" in [c["id"] for c in personal]
    for checklist in personal:
        for address in (url(checklist["id"]), chapter_url(checklist["id"])):
            page.goto(address)
            section = page.locator(f'.hp-checklist[data-checklist="{checklist["id"]}"]')
            expect(section.get_by_role("button", name="Print a blank copy for two")).to_have_count(0)
            expect(section.locator(".hp-blank-heads, .hp-blank-boxes")).to_have_count(0)
            first = item_ids(checklist["id"])[0]
            box(page, checklist["id"], first).check()
            expect(box(page, checklist["id"], first)).to_be_checked()
            assert "ticked" not in section.inner_text() and " of " not in section.locator(".hp-checklist__progress").inner_text()
            box(page, checklist["id"], first).uncheck()
        # Printed, the steps are there and no partner columns.
        page.goto(url(checklist["id"]))
        sheets, (text, *_) = printed(page, "A4")
        assert sheets == 1 and "Partner A" not in text, checklist["id"]
    # A shared plan still counts and offers the copy for two.
    page.goto(url("rules"))
    expect(page.get_by_role("button", name="Print a blank copy for two")).to_have_count(1)
    expect(page.locator(".hp-checklist__progress")).to_have_text(f"0 of {len(item_ids('rules'))} ticked")
    assert page.record.errors == []


# --- the print-all booklet: a cover with the contents, numbered sheets, checklists packed but never split ---


def item_words(item):
    return f"{item['label']}: {item['text']}" if item.get("label") else item["text"]


def booklet_problems(texts, where):
    """What is wrong with a printed booklet: a cover listing every checklist, each sheet numbered, and
    each checklist whole on one sheet (title, purpose and every item), some sheets holding more than one."""
    problems = []
    cover, *rest = texts
    titles_in_order = [squeeze(c["title"]) for c in CHECKLISTS]
    positions = [squeeze(cover).find(title) for title in titles_in_order]
    if "Contents" not in cover or -1 in positions or positions != sorted(positions):
        problems.append(f"{where}: the cover does not list every checklist in order: {cover[:300]!r}")
    if any(squeeze(item_words(item)) in squeeze(cover) for c in CHECKLISTS for item in c["items"]):
        problems.append(f"{where}: the cover holds checklist items")
    for number, text in enumerate(texts, start=1):
        if f"Page {number} of {len(texts)}" not in text:
            problems.append(f"{where}: sheet {number} has no page number")
    per_sheet = [0] * len(rest)
    for checklist in CHECKLISTS:
        holders = [n for n, text in enumerate(rest) if squeeze(checklist["title"]) in squeeze(text)]
        if len(holders) != 1:
            problems.append(f"{where}: {checklist['id']} titled on sheets {[n + 2 for n in holders]}")
            continue
        per_sheet[holders[0]] += 1
        sheet = squeeze(rest[holders[0]])
        problems += [f"{where}: {checklist['id']} split: {part[:40]!r} is not on sheet {holders[0] + 2}"
                     for part in (checklist["purpose"], *map(item_words, checklist["items"])) if squeeze(part) not in sheet]
    if len(rest) >= len(CHECKLISTS) or max(per_sheet, default=0) < 2:
        problems.append(f"{where}: short checklists are not packed together ({per_sheet} checklists a sheet)")
    return problems


def test_the_booklet_has_a_cover_numbered_sheets_and_every_checklist_whole_on_one_sheet(page):
    page.goto("checklists/print-all/")
    problems = []
    for paper in PAPER:
        sheets, texts = printed(page, paper)
        problems += booklet_problems(texts, f"booklet on {paper}")
        print(f"booklet on {paper}: {sheets} sheets (a cover and {sheets - 1} for {len(CHECKLISTS)} checklists)")
    assert problems == []
    assert page.record.errors == []


def test_the_blank_booklet_prints_no_ticks_and_the_next_print_has_them_again(page):
    ticked = [("decision", item_ids("decision")[0]), ("partner-hurt", item_ids("partner-hurt")[1])]
    page.goto("checklists/print-all/")
    for checklist_id, item_id in ticked:
        box(page, checklist_id, item_id).check()
    _, texts = printed(page, "A4")
    assert "".join(texts).count(TICK) == len(ticked), "the booklet prints the reader's ticks"

    fake_print(page)
    page.get_by_role("button", name="Print a blank booklet").click()
    assert page.evaluate("window.printCalls") == 1
    problems = []
    for paper in PAPER:
        sheets, texts = printed(page, paper)
        text = "".join(texts)
        problems += booklet_problems(texts, f"blank booklet on {paper}")
        if TICK in text:
            problems.append(f"blank booklet on {paper}: {text.count(TICK)} tick(s)")
        if "Partner A" not in text or "Partner B" not in text:
            problems.append(f"blank booklet on {paper}: no column for each partner")
        print(f"blank booklet on {paper}: {sheets} sheets")
        page.get_by_role("button", name="Print a blank booklet").click()  # printing put the page back
    assert problems == []

    # Printing put the page back: the next booklet has the ticks again, which are still kept.
    page.get_by_role("button", name="Print the booklet").click()
    _, texts = printed(page, "Letter")
    assert "".join(texts).count(TICK) == len(ticked) and "Partner A" not in "".join(texts)
    for checklist_id, item_id in ticked:
        expect(box(page, checklist_id, item_id)).to_be_checked()
    assert page.record.errors == []


# --- decisions to write down print with room to write beside each item ---


def item_heights(page, paper):
    """The printed sheet's text as (height from the sheet's foot in points, words), top to bottom."""
    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    assert len(reader.pages) == 1
    found = []
    reader.pages[0].extract_text(visitor_text=lambda text, cm, tm, *_: text.strip() and found.append(
        (tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip())))
    return sorted(found, reverse=True)


ROOM_TO_WRITE = 50  # points (18 mm) between an item's last line of words and the next item: two handwritten lines


def room_below_each_item(page, checklist, paper):
    """For each item but the last: the printed space between its last line of words and the next item."""
    lines = item_heights(page, paper)
    starts = [next(y for y, words in lines if squeeze(words) and squeeze(item_words(item)).startswith(squeeze(words)))
              for item in checklist["items"]]
    rooms = []
    for start, end in zip(starts, starts[1:]):
        words_end = min(y for y, words in lines if end < y <= start and "What we decided" not in words
                        and squeeze(words) in squeeze("".join(map(item_words, checklist["items"]))))
        rooms.append(words_end - end)
    return rooms


def test_decisions_to_write_down_print_with_room_to_write_beside_each_item(page):
    write_in = [c for c in CHECKLISTS if c.get("write_in")]
    assert "rules" in [c["id"] for c in write_in]
    for checklist in write_in:
        page.goto(url(checklist["id"]))
        fake_print(page)
        for paper in PAPER:
            for blank in (False, True):
                if blank:
                    page.get_by_role("button", name="Print a blank copy for two").click()
                sheets, (text,) = printed(page, paper)
                assert text.count("What we decided:") == len(checklist["items"]), (checklist["id"], paper, blank)
                rooms = room_below_each_item(page, checklist, paper)
                assert min(rooms) >= ROOM_TO_WRITE, (checklist["id"], paper, blank, rooms)
                print(f"{checklist['id']} on {paper}{' (blank for two)' if blank else ''}: room to write {rooms} pt")
        expect(page.locator(".hp-checklist__write-note")).to_be_visible()  # on screen, a note says so
    # A checklist of questions to tick has neither the lines nor the room.
    plain = BY_ID["decision"]
    assert not plain.get("write_in")
    page.goto(url(plain["id"]))
    _, (text,) = printed(page, "A4")
    assert "What we decided" not in text
    print(f"{plain['id']} on A4: room between items {room_below_each_item(page, plain, 'A4')} pt")
    assert max(room_below_each_item(page, plain, "A4")) < ROOM_TO_WRITE
    expect(page.locator(".hp-checklist__write-note")).to_have_count(0)
    assert page.record.errors == []
