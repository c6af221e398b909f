"""Storage that tells the truth, in Chromium: full, read-only and blocked storage on a checklist, the
worksheet and the privacy page (what the reader sees, that erase erases, that nothing shown as saved is
lost); two tabs that agree; values that cannot be read kept aside and offered as a file, never deleted."""

import json

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT

CHECKLISTS = {c["id"]: c for c in yaml.safe_load((ROOT / "data" / "checklists.yml").read_text(encoding="utf-8"))}
CHECKLIST = "debrief"
ITEMS = [item["id"] for item in CHECKLISTS[CHECKLIST]["items"]]
CHECKLIST_KEY = f"hallpass:v1:checklist:{CHECKLIST}"
AGREEMENT_KEY = "hallpass:v1:agreement"

# Reading works, writing throws (a read-only or full store, as some browsers' settings make it).
READ_ONLY = "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
# .length works, but every read and write throws: the storage guard must not rely on .length alone.
BLOCKED = ("Storage.prototype.getItem = function () { throw new DOMException('blocked', 'SecurityError'); };"
           "Storage.prototype.setItem = function () { throw new DOMException('blocked', 'SecurityError'); };")

# What this site keeps in the browser's own localStorage (Material's scripts may be given a stand-in).
OURS = """() => {
    const area = localStorage.hallPassReal || localStorage, ours = {};
    for (let i = 0; i < area.length; i++) if (area.key(i).startsWith('hallpass:')) ours[area.key(i)] = area.getItem(area.key(i));
    return ours;
}"""


def fill_storage(page):
    """Fill this origin's localStorage until setItem throws QuotaExceededError, as another app on a
    shared origin can; returns the error's name."""
    return page.evaluate("""() => {
        let name = null, i = 0;
        for (const size of [1000000, 100000, 10000, 1000, 100, 10, 1]) {
            const chunk = "x".repeat(size);
            try { for (;;) localStorage.setItem("other-app:" + i++, chunk); } catch (error) { name = error.name; }
        }
        return name;
    }""")


def box(page, item):
    return page.locator(f'.hp-checklist[data-checklist="{CHECKLIST}"] [data-item="{item}"] input')


def progress(page):
    return page.locator(".hp-checklist__progress").first


def erase_checklist(page):
    page.get_by_role("button", name="Erase my answers").click()
    page.get_by_role("button", name="Yes, erase my ticks").click()


def test_full_storage_still_shows_saved_ticks_says_new_ones_are_not_kept_and_erase_erases(page):
    page.goto(f"checklists/{CHECKLIST}/", wait_until="load")
    box(page, ITEMS[0]).check()
    box(page, ITEMS[1]).check()
    assert fill_storage(page) == "QuotaExceededError"
    page.reload(wait_until="load")
    expect(box(page, ITEMS[0])).to_be_checked()
    expect(box(page, ITEMS[1])).to_be_checked()
    expect(progress(page)).to_have_text(f"2 of {len(ITEMS)} ticked")

    box(page, ITEMS[2]).check()
    expect(progress(page)).to_contain_text(f"3 of {len(ITEMS)} ticked")
    expect(progress(page)).to_contain_text("not being kept")
    assert json.loads(page.evaluate(f"(localStorage.hallPassReal || localStorage).getItem('{CHECKLIST_KEY}')")) == {"items": {ITEMS[0]: True, ITEMS[1]: True}}
    page.reload(wait_until="load")  # what was shown as saved is still there
    expect(box(page, ITEMS[0])).to_be_checked()
    expect(box(page, ITEMS[2])).not_to_be_checked()

    erase_checklist(page)
    expect(page.locator(".hp-confirm [role=status]")).to_have_text("Your ticks are erased.")
    assert page.evaluate(f"(localStorage.hallPassReal || localStorage).getItem('{CHECKLIST_KEY}')") is None
    assert page.record.errors == []


def test_full_storage_on_the_worksheet_and_the_privacy_page_erases_everything_it_says(page):
    page.goto("agreement/", wait_until="load")
    page.fill("#agreement-intention", "Saved before the storage filled up.")
    page.goto(f"checklists/{CHECKLIST}/", wait_until="load")
    box(page, ITEMS[0]).check()
    assert fill_storage(page) == "QuotaExceededError"

    page.goto("agreement/", wait_until="load")
    expect(page.locator("#agreement-intention")).to_have_value("Saved before the storage filled up.")
    page.fill("#agreement-scope", "A change that cannot be kept.")
    expect(page.locator(".hp-agreement__message")).to_contain_text("new changes are not being kept")
    expect(page.locator(".hp-agreement__message")).to_contain_text("until you leave or reload this page")

    page.goto("privacy/", wait_until="load")
    before = page.evaluate(OURS)
    assert CHECKLIST_KEY in before and AGREEMENT_KEY in before
    page.get_by_role("button", name="Erase everything this site kept").click()
    page.get_by_role("button", name="Yes, erase everything").click()
    expect(page.locator(".hp-confirm [role=status]")).to_have_text("Done: everything this site kept in this browser is erased.")
    assert page.evaluate(OURS) == {}
    assert page.evaluate("(localStorage.hallPassReal || localStorage).getItem('other-app:0')") is not None, "another app's values are not ours to erase"
    page.get_by_role("button", name="Undo").click()
    assert page.evaluate(OURS) == before
    assert page.record.errors == []


def test_read_only_storage_shows_what_was_saved_keeps_new_changes_for_the_page_and_erase_erases(page):
    page.goto(f"checklists/{CHECKLIST}/", wait_until="load")
    box(page, ITEMS[0]).check()
    page.goto("agreement/", wait_until="load")
    page.fill("#agreement-intention", "Saved while storage worked.")
    page.add_init_script(READ_ONLY)

    page.goto(f"checklists/{CHECKLIST}/", wait_until="load")
    expect(box(page, ITEMS[0])).to_be_checked()
    box(page, ITEMS[1]).check()
    expect(progress(page)).to_contain_text("not being kept")
    box(page, ITEMS[1]).uncheck()
    box(page, ITEMS[2]).check()  # the page remembers its own changes while it stays open
    expect(box(page, ITEMS[0])).to_be_checked()
    expect(progress(page)).to_contain_text(f"2 of {len(ITEMS)} ticked")

    page.goto("agreement/", wait_until="load")
    expect(page.locator("#agreement-intention")).to_have_value("Saved while storage worked.")
    page.fill("#agreement-intention", "Changed, but not kept.")
    expect(page.locator(".hp-agreement__message")).to_contain_text("not being kept")

    page.goto("privacy/", wait_until="load")
    page.get_by_label("Use a neutral tab title (“Notes”) on this device").check()
    expect(page).to_have_title("Notes")
    expect(page.locator(".hp-neutral-title .hp-setting-note")).to_contain_text("will not let the site remember this")
    expect(page.locator(".hp-neutral-title .hp-setting-note")).to_contain_text("until you leave or reload this page")
    page.get_by_role("button", name="Erase everything this site kept").click()
    page.get_by_role("button", name="Yes, erase everything").click()
    expect(page.locator(".hp-confirm [role=status]")).to_have_text("Done: everything this site kept in this browser is erased.")
    assert page.evaluate(OURS) == {}
    assert page.record.errors == []


@pytest.mark.parametrize("where", ["checklist", "worksheet", "privacy"])
def test_blocked_storage_promises_only_this_page_and_material_still_works(page, where):
    page.add_init_script(BLOCKED)
    if where == "checklist":
        page.goto(f"checklists/{CHECKLIST}/", wait_until="load")
        box(page, ITEMS[0]).check()
        expect(progress(page)).to_contain_text(f"1 of {len(ITEMS)} ticked")
        expect(progress(page)).to_contain_text("until you leave or reload this page")
        expect(progress(page)).not_to_contain_text("close this tab")
    elif where == "worksheet":
        page.goto("agreement/", wait_until="load")
        page.fill("#agreement-intention", "Kept on this page only.")
        expect(page.locator(".hp-agreement__message")).to_have_text(
            "This browser is not letting the page keep your answers: they last until you leave or reload this page.")
    else:
        page.goto("privacy/", wait_until="load")
        page.get_by_label("Use a neutral tab title (“Notes”) on this device").check()
        expect(page).to_have_title("Notes")
        expect(page.locator(".hp-neutral-title .hp-setting-note")).to_contain_text("until you leave or reload this page")
        page.get_by_role("button", name="Erase everything this site kept").click()
        page.get_by_role("button", name="Yes, erase everything").click()
        expect(page.locator(".hp-confirm [role=status]")).to_have_text("Done: everything this site kept in this browser is erased.")
    # Material's own scripts keep working: its search starts, and the palette switch switches.
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator(".md-header [data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
    page.locator(".md-search__input").click()
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() !== 'Initializing search'")
    assert page.record.errors == []


def test_with_local_storage_blocked_but_session_storage_working_answers_last_until_the_tab_closes(page):
    page.add_init_script("Object.defineProperty(window, 'localStorage', "
                         "{get() { throw new DOMException('blocked', 'SecurityError'); }, configurable: true});")
    page.goto("agreement/", wait_until="load")
    page.fill("#agreement-intention", "Kept for this tab.")
    expect(page.locator(".hp-agreement__message")).to_contain_text("they last until you close this tab")
    page.reload(wait_until="load")
    expect(page.locator("#agreement-intention")).to_have_value("Kept for this tab.")
    assert page.record.errors == []


# --- two tabs ---

def test_two_tabs_merge_ticks_per_item_and_an_erase_in_one_shows_in_the_other(context):
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(f"checklists/{CHECKLIST}/", wait_until="load")
    box(first, ITEMS[0]).check()
    box(second, ITEMS[1]).check()  # this tab has not been reloaded since the first tab's tick
    assert json.loads(first.evaluate(f"localStorage.getItem('{CHECKLIST_KEY}')")) == {"items": {ITEMS[0]: True, ITEMS[1]: True}}
    expect(box(first, ITEMS[1])).to_be_checked()
    expect(box(second, ITEMS[0])).to_be_checked()
    expect(progress(first)).to_have_text(f"2 of {len(ITEMS)} ticked")

    erase_checklist(first)
    expect(box(second, ITEMS[0])).not_to_be_checked()
    expect(box(second, ITEMS[1])).not_to_be_checked()
    box(second, ITEMS[2]).check()  # the other tab's next tick does not write the erased ones back
    assert json.loads(first.evaluate(f"localStorage.getItem('{CHECKLIST_KEY}')")) == {"items": {ITEMS[2]: True}}


def test_two_tabs_merge_worksheet_answers_and_a_stale_tab_never_writes_back_erased_answers(context):
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto("agreement/", wait_until="load")
    first.fill("#agreement-intention", "Written in the first tab.")
    second.fill("#agreement-scope", "Written in the second tab.")
    expect(first.locator("#agreement-scope")).to_have_value("Written in the second tab.")
    expect(second.locator("#agreement-intention")).to_have_value("Written in the first tab.")
    answers = json.loads(first.evaluate(f"localStorage.getItem('{AGREEMENT_KEY}')"))["first"]["answers"]
    assert answers["intention"] == "Written in the first tab." and answers["scope"] == "Written in the second tab."

    first.goto("privacy/", wait_until="load")
    first.get_by_role("button", name="Erase everything this site kept").click()
    first.get_by_role("button", name="Yes, erase everything").click()
    expect(second.locator("#agreement-intention")).to_have_value("")
    second.fill("#agreement-pause-phrase", "Red light")
    answers = json.loads(first.evaluate(f"localStorage.getItem('{AGREEMENT_KEY}')"))["first"]["answers"]
    assert answers.get("intention", "") == "" and answers.get("scope", "") == ""
    assert answers["pause-phrase"] == "Red light"


# --- never discard silently ---

@pytest.mark.parametrize("where, key, raw, what", [
    ("checklists/debrief/", CHECKLIST_KEY, json.dumps({"version": 2, "items": ["talk", "rest"]}), "saved ticks"),
    ("checklists/debrief/", CHECKLIST_KEY, "{not json", "saved ticks"),
    ("agreement/", AGREEMENT_KEY, json.dumps({"version": 3, "partners": [{"answers": {"scope": "Kissing"}}]}), "saved answers"),
    ("agreement/", AGREEMENT_KEY, '{"intention": "cut off', "saved answers"),
], ids=["checklist-newer", "checklist-corrupt", "worksheet-newer", "worksheet-corrupt"])
def test_a_value_that_cannot_be_read_is_kept_aside_offered_as_a_file_and_erased_only_on_request(browser, base_url, where, key, raw, what):
    context = browser.new_context(base_url=base_url, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(where, wait_until="load")
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [key, raw])
    page.reload(wait_until="load")
    line = page.locator(".hp-aside")
    expect(line).to_have_count(1)
    expect(line).to_contain_text(f"Some {what}")
    assert page.evaluate(f"localStorage.getItem('{key.replace('hallpass:v1:', 'hallpass:v1:aside:')}')") == raw, "kept aside, not deleted"

    with page.expect_download() as download:
        line.get_by_role("button", name="Keep them as a file").click()
    assert download.value.suggested_filename == "saved-data.txt"
    assert open(download.value.path(), encoding="utf-8").read() == raw
    page.reload(wait_until="load")
    expect(page.locator(".hp-aside")).to_have_count(1)  # still kept until the reader says otherwise

    page.locator(".hp-aside").get_by_role("button", name="Erase them").click()
    expect(page.locator(".hp-aside")).to_have_count(0)
    assert not any(k.startswith("hallpass:v1:aside:") for k in page.evaluate(OURS))
    assert errors == []
    context.close()


def test_worksheet_answers_in_the_first_format_are_migrated_not_lost(page):
    # Version 1, before the hand-over step: the first partner's answers alone, {questionId: answer}.
    page.goto("agreement/", wait_until="load")
    page.evaluate("key => localStorage.setItem(key, JSON.stringify({intention: 'From the first format.', frequency: 'once'}))",
                  AGREEMENT_KEY)
    page.reload(wait_until="load")
    expect(page.locator("#agreement-intention")).to_have_value("From the first format.")
    expect(page.locator("#agreement-frequency-once")).to_be_checked()
    expect(page.locator(".hp-aside")).to_have_count(0)
    page.fill("#agreement-scope", "Added after the upgrade.")
    stored = json.loads(page.evaluate(f"localStorage.getItem('{AGREEMENT_KEY}')"))
    assert stored["version"] == 2 and stored["showing"] == "first"
    assert stored["first"]["answers"]["intention"] == "From the first format."
    assert stored["first"]["answers"]["frequency"] == "once"
    assert stored["first"]["answers"]["scope"] == "Added after the upgrade."


def test_ticks_in_their_only_format_are_read_as_they_are(page):
    page.goto(f"checklists/{CHECKLIST}/", wait_until="load")
    page.evaluate("([key, item]) => localStorage.setItem(key, JSON.stringify({items: {[item]: true}}))", [CHECKLIST_KEY, ITEMS[1]])
    page.reload(wait_until="load")
    expect(box(page, ITEMS[1])).to_be_checked()
    expect(page.locator(".hp-aside")).to_have_count(0)
