"""Safe to read in a delicate moment, tested in the built HTML and in Chromium: the Get help page and
a link to it from every page, Quick exit's size and place (never over the text), search words kept
out of the address, the neutral tab title, the first-visit note, and erasing that asks first and can
be undone."""

import json
import re
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import ROOT, html_pages, main_content, instant_navigation_ready, serve_sitemap_for_this_host, soup
from test_agreement_browser import MINE, THEIRS, answers_file, fill, form_values, load_partner, open_worksheet
from test_quick_exit_browser import phone_or_desktop
from test_search_browser import _open_search, _search

HELP = yaml.safe_load((ROOT / "data" / "help.yml").read_text(encoding="utf-8"))
EMERGENCY_NUMBERS = {"911", "999", "112", "988"}
SETTINGS = "hallpass:v1:settings"


def help_links(page_path: str, page) -> list:
    """Links in a built page (or part of one) at page_path that lead to the help page, as (words, element)."""
    found = []
    for link in page.select("a[href]"):
        target = urlparse(urljoin("http://site/" + page_path, link["href"])).path
        if target in ("/help/", "/help/index.html"):
            found.append((link.get_text(" ", strip=True), link))
    return found


def relative(site_dir, path):
    return path.relative_to(site_dir).as_posix()


# --- the Get help page, as built ---


def test_help_page_shows_every_section_and_organisation_from_the_data(site_dir):
    article = main_content(soup(site_dir / "help" / "index.html"))
    organisations = [org for section in HELP for org in section["organisations"]]
    assert len(HELP) >= 4
    assert len({org["url"] for org in organisations}) >= 6
    assert {"United States", "United Kingdom", "Anywhere"} <= {org["region"] for org in organisations}
    for section in HELP:
        heading = article.select_one(f"h2#{section['id']}")
        assert heading is not None and section["title"] in heading.get_text(), section["id"]
        assert heading.find_next_sibling("p").get_text() == section["when"]
        listed = heading.find_next_sibling("ul")
        for org in section["organisations"]:
            entry = listed.select_one(f'[data-organisation="{org["id"]}"]')
            link = entry.select_one("a")
            assert (link["href"], link.get_text(strip=True)) == (org["url"], org["name"])
            assert org["region"] in entry.get_text() and org["offers"] in entry.get_text()


def test_help_page_claims_no_link_check_and_says_when_the_list_was_last_reviewed(site_dir):
    article = main_content(soup(site_dir / "help" / "index.html"))
    assert "checked" not in article.get_text().lower()
    oldest = min(org["last_checked"] for section in HELP for org in section["organisations"])
    reviewed = article.select_one(".hp-help__reviewed")
    assert "last reviewed" in reviewed.get_text() and reviewed.select_one("time")["datetime"] == oldest.isoformat()


def test_help_page_starts_with_the_emergency_numbers_to_tap_and_a_link_to_each_section(site_dir):
    # A fresh parse, not the shared cached one: this test removes parts of the page below.
    article = main_content(BeautifulSoup((site_dir / "help" / "index.html").read_text(encoding="utf-8"), "html.parser"))
    box = article.select_one(".hp-help__emergency")
    before = [el for el in box.find_all_previous(["p", "h2", "ul", "div"]) if article in el.parents]
    assert [el.get("class") for el in before if "hp-page-meta" not in (el.get("class") or [])] == [], "something comes before the box"
    assert [a["href"] for a in box.select("nav a")] == [f"#{section['id']}" for section in HELP]
    # Every emergency number, wherever the page says it, is a link that calls it, and no other number is.
    calls = article.select('a[href^="tel:"]')
    assert {a["href"] for a in calls} == {f"tel:{number}" for number in EMERGENCY_NUMBERS}
    assert {a["href"] for a in box.select('a[href^="tel:"]')} == {f"tel:{number}" for number in EMERGENCY_NUMBERS}
    assert all(a["href"] == f"tel:{a.get_text()}" for a in calls)
    for dated_or_named in article.select("time, .hp-page-meta, a[href^='http']"):  # "988 Lifeline" names a site
        dated_or_named.decompose()
    said = re.findall(r"(?<![\w-])(?:" + "|".join(EMERGENCY_NUMBERS) + r")(?![\w-])", article.get_text(" "))
    assert len(said) == len(calls), "a number is said without a link to call it"


def test_the_emergency_numbers_are_on_a_phones_first_screen(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto("help/", wait_until="load")
        expect(page.locator(".hp-exit-note")).to_be_visible()  # the first-visit note too, at its tallest
        box = page.locator(".hp-help__emergency").bounding_box()
        call = page.locator('.hp-help__emergency a[href="tel:911"]').bounding_box()
        assert call["y"] + call["height"] <= 640, (box, call)
    finally:
        context.close()


def test_links_to_other_sites_carry_no_referrer_and_the_only_numbers_are_emergency_numbers(site_dir):
    html = (site_dir / "help" / "index.html").read_text(encoding="utf-8")
    article = main_content(BeautifulSoup(html, "html.parser"))
    leaving = [a for a in article.select("a[href]") if urlparse(a["href"]).netloc]
    assert len(leaving) >= 6
    assert [a["href"] for a in leaving if "noreferrer" not in a.get("rel", [])] == []
    for dated in article.select("time, .hp-page-meta"):
        dated.decompose()
    numbers = set(re.findall(r"(?<![\w-])\+?\d[\d \-]{1,}\d(?![\w-])", article.get_text(" ")))
    assert numbers <= EMERGENCY_NUMBERS, numbers - EMERGENCY_NUMBERS


def test_every_page_links_to_the_help_page_and_the_sensitive_places_say_it_in_their_own_words(site_dir):
    missing = []
    for path in html_pages(site_dir):
        bar = soup(path).select_one(".hp-safety-bar")
        if not bar or not help_links(relative(site_dir, path), bar):
            missing.append(relative(site_dir, path))
    assert not missing, f"no link to the help page: {missing}"
    for page_path in ("repair/partner-who-feels-hurt/index.html", "repair/friends-and-community/index.html",
                      "repair/professional-help/index.html", "faq/index.html",
                      "prepare/safety-checklist/index.html", "checklists/safety-before/index.html"):
        in_text = help_links(page_path, main_content(soup(site_dir / page_path)))
        assert in_text and all(words and words != "Need help now?" for words, _ in in_text), page_path
    consent = soup(site_dir / "checklists/safety-before/index.html").select_one('[data-item="consent"]')
    assert help_links("checklists/safety-before/index.html", consent), "the consent item links to help"


def test_help_page_asks_nothing_of_any_other_host(page):
    page.goto("help/", wait_until="load")
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_contain_text("Get help")
    assert page.record.foreign_requests() == []
    assert page.record.errors == []


# --- Quick exit: its size, and never over the text ---

EXIT_BOX = "() => JSON.parse(JSON.stringify(document.querySelector('.hp-quick-exit').getBoundingClientRect()))"

# Text the reader could see at the button's place, but for the button: for every text node outside
# the bar, the boxes of its lines (Range.getClientRects) that overlap the button, where the first
# element under the bar at that point is the text's own element (text scrolled under the header is
# hidden by the header, not by the button).
COVERED_TEXT = """() => {
  const bar = document.querySelector(".hp-safety-bar");
  const exit = document.querySelector(".hp-quick-exit").getBoundingClientRect();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const covered = [];
  let lines = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || bar.contains(node)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) {
      if (box.bottom > 0 && box.top < innerHeight && box.width > 0) lines++;
      const left = Math.max(box.left, exit.left), right = Math.min(box.right, exit.right);
      const top = Math.max(box.top, exit.top), bottom = Math.min(box.bottom, exit.bottom);
      if (right - left < 1 || bottom - top < 1) continue;
      const under = document.elementsFromPoint((left + right) / 2, (top + bottom) / 2).find(el => !bar.contains(el));
      if (under && under.contains(node)) covered.push(node.textContent.trim().slice(0, 50));
    }
  }
  return {covered, lines};
}"""


def longest_chapter() -> str:
    chapters = [p for p in (ROOT / "docs").rglob("*.md") if "last_reviewed:" in p.read_text(encoding="utf-8")]
    longest = max(chapters, key=lambda p: len(p.read_text(encoding="utf-8")))
    return longest.relative_to(ROOT / "docs").as_posix()[: -len(".md")] + "/"


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_quick_exit_is_large_stays_at_the_top_and_covers_no_text_as_the_page_scrolls(browser, base_url, width):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 640},
                                  has_touch=True, is_mobile=width < 1000)
    try:
        page = context.new_page()
        for address in (longest_chapter(), "checklists/safety-before/", "agreement/"):
            page.goto(address, wait_until="load")
            header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
            height = page.evaluate("document.scrollingElement.scrollHeight - innerHeight")
            assert height > 200, f"{address} is too short to test scrolling"
            for fraction in (0, 0.2, 0.4, 0.6, 0.8, 1):
                page.evaluate(f"window.scrollTo(0, {round(height * fraction)})")
                page.wait_for_timeout(50)
                box = page.evaluate(EXIT_BOX)
                assert box["width"] >= 44 and box["height"] >= 44, box
                assert box["top"] >= 0 and box["bottom"] <= header_bottom and box["right"] <= width, (address, fraction, box)
                found = page.evaluate(COVERED_TEXT)
                assert found["lines"] > 5, "no text measured"
                assert found["covered"] == [], (address, fraction, found["covered"])
            print(f"{width}px {address}: Quick exit {box['width']:.0f}x{box['height']:.0f} at x={box['left']:.0f}, y={box['top']:.0f}")
    finally:
        context.close()


# Where Material's "back to top" button rests as the page is parsed: read at DOMContentLoaded by a listener
# added before any of the page's scripts, so before Material's start-up moves it.
BACK_TO_TOP_AT_START = """document.addEventListener("DOMContentLoaded", () => {
  window.hpBackToTopAtStart = getComputedStyle(document.querySelector(".md-top")).top;
});"""


@pytest.mark.parametrize("width", [320, 1280])
def test_materials_start_up_leaves_the_back_to_top_button_where_the_page_put_it(browser, base_url, width):
    """The safety bar makes the header taller, and Material's start-up places its "back to top" button
    16 px below the header. guide.css puts it there before, so the start-up moves nothing and does not lay
    the page out again in its longest task."""
    context = phone_or_desktop(browser, base_url, width)
    try:
        page = context.new_page()
        page.add_init_script(BACK_TO_TOP_AT_START)
        page.goto(longest_chapter(), wait_until="load")
        page.wait_for_function("document.querySelector('.md-top').style.top !== ''")  # the start-up placed it
        at_start = page.evaluate("window.hpBackToTopAtStart")
        placed = page.evaluate("document.querySelector('.md-top').style.top")
        header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        assert placed == f"{header_bottom + 16:g}px", (placed, header_bottom)
        assert at_start == placed, f"guide.css rests the button at {at_start}, Material's start-up moves it to {placed}"
    finally:
        context.close()


def test_the_measure_would_see_a_button_floating_over_the_text(page):
    """The check above can fail: a button floated over the page's text (as Quick exit once was) is caught."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("agreement/", wait_until="load")
    # Through the CSSOM: the page's policy refuses an added <style>.
    page.eval_on_selector(".hp-quick-exit", "el => Object.assign(el.style, {position: 'fixed', top: '50%', left: '1rem'})")
    assert page.evaluate(COVERED_TEXT)["covered"] != []


def test_quick_exit_is_labelled_and_tells_screen_readers_about_shift_three_times(page):
    page.goto("", wait_until="load")
    exit_link = page.get_by_role("link", name=re.compile(r"^Quick exit"))
    expect(exit_link).to_have_count(1)
    shown, hidden = exit_link.evaluate("el => [el.firstChild.textContent, el.querySelector('.hp-visually-hidden').textContent]")
    assert shown == "Quick exit"
    assert re.search(r"Shift key three times", hidden), hidden


# --- the first-visit note ---


def test_first_visit_note_says_what_quick_exit_does_and_dismissing_it_is_remembered_then_erased(page):
    page.goto("", wait_until="load")
    note = page.locator(".hp-exit-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Quick exit")
    expect(note.get_by_label("Use a neutral tab title")).to_be_visible()
    note.get_by_role("button", name="Got it, hide this").click()
    expect(note).to_be_hidden()
    assert json.loads(page.evaluate(f"localStorage.getItem('{SETTINGS}')")) == {"noteDismissed": True}
    page.goto("understand/cons/", wait_until="load")
    expect(page.locator(".hp-exit-note")).to_be_hidden()
    page.goto("privacy/", wait_until="load")
    page.get_by_role("button", name="Erase everything this site kept").click()
    page.get_by_role("button", name="Yes, erase everything").click()
    expect(page.locator(".hp-exit-note")).to_be_visible()
    assert page.evaluate(f"localStorage.getItem('{SETTINGS}')") is None


# --- search words stay out of the address bar and the history ---


def test_search_words_never_reach_the_address_or_the_history_and_are_still_highlighted(page, base_url):
    serve_sitemap_for_this_host(page, base_url)
    page.goto("", wait_until="load")
    instant_navigation_ready(page)
    page.evaluate("window.sameDocument = true")
    _open_search(page)
    # A word of the text itself (keywords are searched but never shown, so never highlighted).
    found = _search(page, "contraception")
    assert found
    assert "/prepare/practical-steps/" in found
    page.locator(".md-search-result__item > a.md-search-result__link[href*='prepare/practical-steps']").first.click()
    page.wait_for_selector("article mark[data-md-highlight]")
    assert page.evaluate("window.sameDocument === true"), "the result did not open by instant navigation"
    assert "contraception" not in page.url and "h=" not in page.url, page.url
    opened = page.url
    page.go_back()
    page.go_forward()
    page.wait_for_url(opened)
    assert "contraception" not in page.url

    # An old link that still carries ?h=words marks nothing: Material's own highlighting, which reads
    # the words from the address, is off (the History database test shows why).
    page.goto("faq/?h=contraception", wait_until="load")
    expect(page.locator("article h1")).to_be_visible()
    assert page.locator("article mark").count() == 0
    assert page.record.errors == []


# --- the neutral tab title ---

# The title when <body> starts, before anything of the page can be painted.
FIRST_FRAME_TITLE = """new MutationObserver((_, observer) => {
    if (document.body) { window.firstFrameTitle = document.title; observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});"""


def test_neutral_title_from_first_paint_through_instant_navigation_and_reload_and_erased(page, base_url):
    serve_sitemap_for_this_host(page, base_url)
    page.add_init_script(FIRST_FRAME_TITLE)
    page.goto("privacy/", wait_until="load")
    instant_navigation_ready(page)
    real = page.title()
    assert real != "Notes"
    page.get_by_label("Use a neutral tab title (“Notes”) on this device").check()
    expect(page).to_have_title("Notes")
    expect(page.locator("#hp-note-neutral-title")).to_be_checked()  # the note's switch agrees

    # Instant navigation: Material sets each new page's title; it never stays.
    page.evaluate("""() => {
        window.sameDocument = true;
        window.titlesSeen = [];
        new MutationObserver(() => window.titlesSeen.push(document.title))
            .observe(document.head, {childList: true, subtree: true, characterData: true});
    }""")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(lambda address: "privacy" not in address)
    page.wait_for_function("() => document.querySelector('article h1') && !location.pathname.includes('privacy')")
    expect(page).to_have_title("Notes")
    assert page.evaluate("window.sameDocument === true"), "navigation was not instant"
    page.go_back()
    # navigation.tracking may have put the section in view into the address (#reading-privately)
    page.wait_for_url(lambda address: urlparse(address).path.endswith("/privacy/"))
    expect(page).to_have_title("Notes")
    assert page.evaluate("window.sameDocument === true")
    assert set(page.evaluate("window.titlesSeen")) <= {"Notes"}, page.evaluate("window.titlesSeen")

    # A reload, and another page: "Notes" from the first frame.
    page.reload(wait_until="load")
    assert page.evaluate("window.firstFrameTitle") == "Notes"
    page.goto("understand/cons/", wait_until="load")
    assert page.evaluate("window.firstFrameTitle") == "Notes"
    expect(page).to_have_title("Notes")

    # Erased with everything else: the real title comes back; Undo brings the setting back.
    page.goto("privacy/", wait_until="load")
    page.get_by_role("button", name="Erase everything this site kept").click()
    page.get_by_role("button", name="Yes, erase everything").click()
    expect(page).to_have_title(real)
    expect(page.locator("#hp-neutral-title")).not_to_be_checked()
    page.get_by_role("button", name="Undo").click()
    expect(page).to_have_title("Notes")
    page.get_by_label("Use a neutral tab title (“Notes”) on this device").uncheck()
    expect(page).to_have_title(real)
    assert page.record.errors == []


# --- erasing asks first, and can be undone ---


def test_erasing_a_checklist_asks_first_and_undo_restores_the_ticks(page):
    page.goto("checklists/partner-hurt/", wait_until="load")
    boxes = page.locator(".hp-checklist__item input")
    boxes.nth(0).check()
    boxes.nth(2).check()
    saved = page.evaluate("localStorage.getItem('hallpass:v1:checklist:partner-hurt')")
    erase = page.get_by_role("button", name="Erase my answers")
    erase.click()
    panel = page.get_by_role("group", name="Erase your ticks on this checklist?")
    expect(panel).to_be_focused()
    expect(page.locator(".hp-checklist__item input:checked")).to_have_count(2)  # one click erases nothing
    assert page.evaluate("localStorage.getItem('hallpass:v1:checklist:partner-hurt')") == saved

    panel.get_by_role("button", name="Cancel").click()
    expect(erase).to_be_focused()
    expect(page.locator(".hp-confirm")).to_have_count(0)

    erase.click()
    page.get_by_role("button", name="Yes, erase my ticks").click()
    expect(page.locator(".hp-checklist__item input:checked")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('hallpass:v1:checklist:partner-hurt')") is None
    expect(page.locator(".hp-confirm [role=status]")).to_have_text("Your ticks are erased.")
    expect(page.get_by_role("button", name="Undo")).to_be_focused()

    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".hp-checklist__item input:checked")).to_have_count(2)
    assert page.evaluate("localStorage.getItem('hallpass:v1:checklist:partner-hurt')") == saved
    expect(page.locator(".hp-confirm [role=status]")).to_have_text("Your ticks are back.")
    assert page.record.errors == []


def test_worksheet_erases_my_answers_and_clears_my_partners_separately_each_undoable(page):
    open_worksheet(page)
    fill(page, MINE)
    stored = page.evaluate("localStorage.getItem('hallpass:v1:agreement')")
    expect(page.get_by_role("button", name="Clear my partner’s answers")).to_be_hidden()
    load_partner(page, answers_file(THEIRS))
    compare = page.locator(".hp-agreement__compare")
    expect(compare).to_be_visible()

    page.get_by_role("button", name="Erase my answers").click()
    assert form_values(page) == MINE, "one click erases nothing"
    page.get_by_role("button", name="Yes, erase my answers").click()
    assert set(form_values(page).values()) == {""}
    assert page.evaluate("localStorage.getItem('hallpass:v1:agreement')") is None
    expect(compare).to_be_visible()  # the partner's answers stay
    page.get_by_role("button", name="Undo").click()
    assert form_values(page) == MINE
    assert json.loads(page.evaluate("localStorage.getItem('hallpass:v1:agreement')")) == json.loads(stored)

    page.get_by_role("button", name="Clear my partner’s answers").click()
    expect(compare).to_be_visible()
    page.get_by_role("button", name="Yes, clear their answers").click()
    expect(compare).to_be_hidden()
    assert form_values(page) == MINE  # my answers stay
    page.get_by_role("button", name="Undo").click()
    expect(compare).to_be_visible()
    expect(page.locator(".hp-agreement__table tbody tr.hp-differs")).to_have_count(5)
    assert page.record.errors == []


def test_privacy_page_erases_everything_after_asking_and_undo_restores_it_exactly(page):
    page.goto("checklists/decision/", wait_until="load")
    page.locator(".hp-checklist__item input").first.check()
    page.goto("privacy/", wait_until="load")
    page.get_by_label("Use a neutral tab title (“Notes”) on this device").check()
    everything = "() => Object.fromEntries(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))"
    before = page.evaluate(everything)
    assert any(k.startswith("hallpass:v1:checklist:") for k in before)
    page.get_by_role("button", name="Erase everything this site kept").click()
    assert page.evaluate(everything) == before, "one click erases nothing"
    page.get_by_role("button", name="Yes, erase everything").click()
    assert [k for k in page.evaluate(everything) if k.startswith("hallpass:")] == []
    page.get_by_role("button", name="Undo").click()
    assert page.evaluate(everything) == before
    expect(page.locator(".hp-confirm [role=status]")).to_have_text("Everything is back as it was.")
    assert page.record.errors == []


def test_help_and_privacy_pages_pass_axe_with_the_note_and_an_open_confirmation(page):
    from axe_playwright_python.sync_playwright import Axe

    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for address in ("help/", "privacy/"):
            page.goto(address, wait_until="load")
            if address == "privacy/":
                page.get_by_role("button", name="Erase everything this site kept").click()
                page.wait_for_timeout(500)  # focus scrolls the panel into view: let the header's title fade finish
            expect(page.locator(".hp-exit-note")).to_be_visible()
            results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
            problems = [(v["id"], node["target"]) for v in results.response["violations"] for node in v["nodes"]]
            assert problems == [], (scheme, address, problems)
