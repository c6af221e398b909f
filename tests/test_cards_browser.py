"""Script cards in Chromium: copying the words, and printing the page as cards to cut out."""

import io

import yaml
from pypdf import PdfReader

from article import normalize
from conftest import ROOT

SITUATIONS = yaml.safe_load((ROOT / "data" / "scripts.yml").read_text())


def test_copy_puts_the_words_on_the_clipboard_and_announces_it(context, page):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("scripts/")
    card = SITUATIONS[1]["cards"][0]
    button = page.locator(f'[data-card="{card["id"]}"] [data-action="copy"]')
    button.click()
    status = page.locator(f'[data-card="{card["id"]}"] [role="status"]')
    status.wait_for(state="attached")
    page.wait_for_function("s => document.querySelector(s).textContent.length > 0", arg=f'[data-card="{card["id"]}"] [role="status"]')
    assert status.text_content() == "Copied to your clipboard."
    assert page.evaluate("navigator.clipboard.readText()") == card["words"]
    assert page.record.errors == []


def test_copy_falls_back_when_the_clipboard_api_is_missing(context, page):
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto("scripts/")
    page.evaluate("window.__copied = null; document.execCommand = (cmd) => { window.__copied = document.activeElement.value; return true; }")
    card = SITUATIONS[0]["cards"][1]
    page.locator(f'[data-card="{card["id"]}"] [data-action="copy"]').click()
    page.wait_for_function("() => window.__copied !== null")
    assert page.evaluate("window.__copied") == card["words"]
    assert page.locator(f'[data-card="{card["id"]}"] [role="status"]').text_content() == "Copied to your clipboard."
    assert page.record.errors == []


def test_the_cards_page_prints_as_cards_without_the_site_around_them(page):
    page.goto("scripts/")
    page.emulate_media(media="print")
    assert page.locator(".hp-card__copy").first.is_hidden()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = normalize(" ".join(p.extract_text() for p in pdf.pages))
    for situation in SITUATIONS:
        for card in situation["cards"]:
            assert text.count(normalize(card["words"])) == 1, card["id"]  # twice would mean a printed Copy button
    assert "repair and support" not in text  # a navigation section label
    cards = sum(len(situation["cards"]) for situation in SITUATIONS)
    assert len(pdf.pages) <= -(-cards // 5), (len(pdf.pages), cards)  # cards packed, five or more to a sheet


def test_the_cards_page_prints_cards_without_buttons_hints_or_a_heading_alone_at_a_sheet_foot(page):
    page.goto("scripts/")
    headings = [" ".join(h.replace("¶", "").split()) for h in page.locator("article h2").all_inner_texts()]
    assert len(headings) >= 3
    for paper in ("A4", "Letter"):
        reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
        texts = [sheet.extract_text() for sheet in reader.pages]
        whole = "\n".join(texts)
        assert "Copy" not in whole and "clipboard" not in whole.lower(), paper
        assert all(card["words"][:30] in " ".join(whole.split()) for s in SITUATIONS for card in s["cards"]), paper
        for number, text in enumerate(texts[:-1], start=1):
            last_line = " ".join([line for line in text.splitlines() if line.strip()][-1].split())
            assert last_line not in headings, f"{paper}: sheet {number} ends with the heading {last_line!r}"
        print(f"cards page on {paper}: {len(texts)} sheets")
