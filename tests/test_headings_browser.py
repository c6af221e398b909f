"""Headings as a reader meets them: named by their words alone (the ¶ permalink stays for sharing a
section, but is no part of the name and no Tab stop), and never a line of ¶ alone on a phone."""

from conftest import SITE_CONFIG, html_pages, soup

CHAPTER = "prepare/practical-steps/"


def _pages():
    """Every page in the nav (the chapters and the tools), as URL paths."""
    def walk(entries):
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            if isinstance(value, list):
                yield from walk(value)
            else:
                yield "" if value == "index.md" else value.removesuffix("index.md").removesuffix(".md") + ("/" if not value.endswith("index.md") else "")
    return list(walk(SITE_CONFIG["nav"]))


def test_a_heading_is_named_by_its_words_and_keeps_its_permalink(page):
    page.goto(CHAPTER)
    heading = page.get_by_role("heading", name="1. Set the Intention First", exact=True)
    assert heading.count() == 1
    link = heading.locator("a.headerlink")
    assert link.get_attribute("href").endswith("#1-set-the-intention-first")
    # Every heading on the page is named by its words alone, without the ¶.
    words = page.evaluate("""() => [...document.querySelectorAll('article :is(h1,h2,h3,h4)')].map(h => {
        const copy = h.cloneNode(true);
        copy.querySelectorAll('.headerlink').forEach(link => link.remove());
        return copy.textContent.trim();
    })""")
    assert len(words) >= 8
    unnamed = [text for text in words if page.get_by_role("heading", name=text, exact=True).count() != 1]
    assert not unnamed, unnamed
    assert not page.record.errors


def test_permalinks_carry_no_title(site_dir):
    """A title on the ¶ was only a hover tip, and Material sets up a tooltip for each title as the page
    starts (macros/headings.py)."""
    permalinks = [link for path in html_pages(site_dir) for link in soup(path).select("article a.headerlink")]
    assert len(permalinks) > 100
    assert [link for link in permalinks if link.has_attr("title")] == []


def test_permalinks_are_not_tab_stops(page):
    page.goto(CHAPTER)
    permalinks = page.locator("article a.headerlink").count()
    assert permalinks >= 8
    focused = []
    page.locator("body").focus()
    for _ in range(120):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.className + ' ' + (document.activeElement.getAttribute('href') || '')"))
    assert not [f for f in focused if "headerlink" in f], focused
    # The Tab walk reached the article's own links, past the headings.
    assert any("#" not in f and "md-" not in f for f in focused)


def test_no_permalink_takes_a_line_of_its_own_at_320_px(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 700})
    page = context.new_page()
    alone, checked = [], 0
    for path in _pages():
        page.goto(path)
        result = page.evaluate("""() => [...document.querySelectorAll('article :is(h1,h2,h3,h4)')].map(h => {
            const link = h.querySelector('a.headerlink');
            if (!link) return null;
            const range = document.createRange();
            range.setStart(h, 0);
            range.setEndBefore(link);
            const lines = [...range.getClientRects()].filter(r => r.width > 0);
            const words = lines[lines.length - 1];
            const mark = link.getBoundingClientRect();
            const middle = (mark.top + mark.bottom) / 2;
            return {id: h.id, sameLine: words.top <= middle && middle <= words.bottom};
        }).filter(Boolean)""")
        checked += len(result)
        alone += [f"{path}#{r['id']}" for r in result if not r["sameLine"]]
    context.close()
    assert checked > 100
    assert not alone, alone
