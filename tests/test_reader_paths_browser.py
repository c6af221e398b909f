"""The three doors on the home page, as a reader on a phone meets them, and the paths they open."""

from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

PHONE = {"width": 375, "height": 667}


def _dismiss_first_visit_note(page):
    page.get_by_role("button", name="Got it, hide this").click()
    expect(page.locator(".hp-exit-note")).to_be_hidden()


def _doors(page):
    return page.locator(".hp-doors li > a")


def test_three_doors_are_in_the_first_screen_of_a_phone_once_the_note_is_dismissed(page):
    page.set_viewport_size(PHONE)
    page.goto("", wait_until="load")
    _dismiss_first_visit_note(page)
    doors = _doors(page)
    expect(doors).to_have_count(3)
    height = page.evaluate("() => window.innerHeight")
    assert page.evaluate("() => window.scrollY") == 0
    for index in range(3):
        door = doors.nth(index)
        expect(door).to_be_visible()
        box = door.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (door.inner_text(), box, height)
    assert not page.record.errors, page.record.errors


@pytest.mark.parametrize("door", range(3))
def test_each_door_opens_a_path_of_chapters_that_ends_with_a_next_step_and_get_help(page, door):
    page.set_viewport_size(PHONE)
    page.goto("", wait_until="load")
    _dismiss_first_visit_note(page)
    label = _doors(page).nth(door).inner_text()
    _doors(page).nth(door).click()
    page.wait_for_load_state("load")
    article = page.locator("article.md-content__inner")
    expect(article.locator("h1")).to_contain_text(label.strip())
    # The path: chapters in order, each link leading to a page of the guide.
    chapters = article.locator("ol > li > a:first-child")
    assert chapters.count() >= 3
    for index in range(chapters.count()):
        href = chapters.nth(index).get_attribute("href")
        response = page.request.get(urljoin(page.url, href))
        assert response.ok, href
    # The page ends with its next step, and the Get help link is in it, reachable on a phone.
    headings = article.locator("h2")
    last = headings.nth(headings.count() - 1)
    expect(last).to_have_id("next-step")
    after_last = article.locator("h2#next-step ~ *")
    help_link = after_last.locator('a[href$="help/"], a[href*="help/#"]').first
    help_link.scroll_into_view_if_needed()
    expect(help_link).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # Nothing after the next step but more of it: no related chapters, no "Next" page in the footer.
    expect(article.locator(".hp-related")).to_have_count(0)
    expect(page.locator(".md-footer__link--next")).to_be_hidden()
    assert not page.record.errors, page.record.errors
