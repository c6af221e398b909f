"""The Content-Security-Policy and storage hardening in Chromium: a reader's whole visit raises no
policy violation, a script injected at run time does not run, and corrupt values under every storage
key of the origin (Material's own included) cause no page error."""

import json

import pytest

from conftest import SITE_CONFIG
from site_pages import one_page_per_script_set, page_url
from test_agreement_browser import EXIT_URL, MINE, exit_stub, fill, open_worksheet  # noqa: F401 (exit_stub: fixture)

# Every violation of any document in the context, reported back to the test through a binding
# (it survives navigations, unlike a list kept in the page).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => window.__reportViolation({
    page: location.pathname, directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample,
}));
"""


@pytest.fixture
def violations(context):
    seen = []
    context.expose_function("__reportViolation", lambda violation: seen.append(violation))
    context.add_init_script(REPORT_VIOLATIONS)
    return seen


def test_a_readers_visit_raises_no_policy_violation(context, page, violations, exit_stub):
    """What a reader does on the pages (each page's load alone: test_privacy_browser.py's walk)."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    # Search, then follow a result (instant navigation).
    page.goto("")
    page.locator(".md-search__input").click()
    page.keyboard.type("jealousy", delay=30)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(state="visible")
    result.click()
    page.wait_for_load_state("networkidle")

    # Switch the palette to dark and back.
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=scheme)
    page.locator("form[data-md-component=palette] label:visible").click()

    # Tick a checklist item.
    page.goto("checklists/rules/")
    page.locator(".hp-checklist input[type=checkbox]").first.check()
    page.wait_for_function("() => Object.keys(localStorage).some(k => k.startsWith('hallpass:v1:checklist:'))")

    # Copy a script card.
    page.goto("scripts/")
    page.locator("[data-action=copy]").first.click()
    page.wait_for_function("() => document.querySelector('[data-card] [role=status]').textContent.length > 0")

    # Export the worksheet answers, and import them as a partner's file.
    open_worksheet(page)
    fill(page, MINE)
    with page.expect_download() as download:
        page.click("[data-action=download]")
    page.set_input_files("#hp-agreement-partner", download.value.path())
    page.wait_for_selector(".hp-agreement__compare:not([hidden])")

    # Quick exit.
    page.click("a[data-quick-exit]")
    page.wait_for_url(EXIT_URL)

    assert exit_stub == [EXIT_URL]
    assert violations == []
    assert page.record.errors == []


def test_a_script_injected_at_run_time_does_not_run(page, violations):
    page.goto("checklists/rules/")
    page.wait_for_selector("html.hp-js")  # the page's own inline scripts did run
    ran = page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = true";
        document.head.append(script);
        const button = document.createElement("button");
        button.setAttribute("onclick", "window.__handler = true");
        document.body.append(button);
        button.click();
        return {injected: window.__injected === true, handler: window.__handler === true};
    }""")
    assert ran == {"injected": False, "handler": False}
    page.wait_for_timeout(200)  # violation reports are dispatched as tasks
    assert {v["directive"] for v in violations} == {"script-src-elem", "script-src-attr"}, violations


# Values Material's inline scripts and bundle would choke on: not JSON, and JSON of the wrong shape.
UNREADABLE = "{not json"
WRONG_SHAPES = {".__palette": '{"index": "dark", "color": {"not a name": 1}}', ".__tabs": "5"}
# Material's settings, under the site's scope ("/" here); the bundle reads them with JSON.parse.
MATERIAL_KEYS = {"localStorage": [".__palette", ".__tabs", ".__announce", ".__consent"],
                 "sessionStorage": [".__source", ".__outdated"]}
CORRUPT_EVERY_KEY = """([scope, keys, value, shapes]) => {
    for (const name of ["localStorage", "sessionStorage"]) {
        const area = window[name];
        const held = Array.from({length: area.length}, (_, i) => area.key(i));
        for (const key of new Set([...held, ...keys[name].map(k => scope + k)])) {
            const suffix = key.slice(scope.length);
            area.setItem(key, shapes && shapes[suffix] ? shapes[suffix] : value);
        }
    }
}"""


def _first_visit(page):
    """Fill the origin's storage as a reader would: a palette choice, ticks, answers."""
    page.goto("checklists/rules/")
    page.locator("form[data-md-component=palette] label:visible").click()
    page.locator(".hp-checklist input[type=checkbox]").first.check()
    open_worksheet(page)
    fill(page, {"scope": "Kissing only."})
    keys = page.evaluate("Object.keys(localStorage)")
    assert "/.__palette" in keys and any(k.startswith("hallpass:v1:") for k in keys), keys


@pytest.mark.parametrize("shapes", [None, WRONG_SHAPES], ids=["unreadable", "wrong-shape"])
def test_corrupt_values_under_every_key_cause_no_page_error(context, page, site_dir, base_url, shapes):
    _first_visit(page)
    scope = "/"  # site_url has no path: Material scopes its keys to "/"
    assert SITE_CONFIG["site_url"].rstrip("/").count("/") == 2
    # Corrupt everything before every page load, so each page meets corrupt storage.
    context.add_init_script(f"({CORRUPT_EVERY_KEY})({json.dumps([scope, MATERIAL_KEYS, UNREADABLE, shapes])})")
    # Every storage read is in code that pages share: one page of each set of scripts runs all of it.
    pages = sorted({"index.html", *one_page_per_script_set(site_dir)})  # the home page too: most visits start there
    for relative in pages:
        page.goto(page_url(base_url, relative), wait_until="load")
        page.wait_for_load_state("networkidle")
        # The reader's palette falls back to the default (light, as the context prefers).
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default", relative
    assert page.record.errors == []
    # Palette switching still works, and stores a readable value again.
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    assert json.loads(page.evaluate("localStorage.getItem('/.__palette')"))["color"]["scheme"] == "slate"
    assert page.record.errors == []
