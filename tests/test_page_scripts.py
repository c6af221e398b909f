"""Each page loads only the scripts of the components it has (macros/page_scripts.py), in one file, once
the page is parsed, while Quick exit works from the first moment; and a page reached by Material's instant
navigation, which swaps the page without loading its scripts, still works, each script running once."""

import json

from playwright.sync_api import expect

from conftest import SITE_CONFIG, html_pages, instant_navigation_ready, serve_sitemap_for_this_host, soup, wait_until_fetched

# Every page has the Quick exit bar and its settings, and the search box (its highlighting and its
# note when nothing is found).
ALWAYS = {"storage.js", "quick-exit.js", "search.js"}


def our_scripts(page):
    """Our scripts the page runs as script tags, by file name."""
    return {tag["src"].rsplit("/", 1)[-1] for tag in page.select("script[src]") if "/javascripts/" not in tag["src"]
            and tag["src"].rsplit("/", 1)[-1].removesuffix(".js") in
            {str(s).rsplit("/", 1)[-1].removesuffix(".js") for s in SITE_CONFIG["extra_javascript"]}}


def components(article):
    """The scripts a page needs, read from what its article contains (not from the build's table)."""
    needs = set(ALWAYS)
    if article.select(".hp-checklist, [data-action=erase-all]"):
        needs |= {"checklists.js", "confirm.js"}
    if article.select("[data-agreement]"):
        needs |= {"agreement.js", "confirm.js"}
    if article.select("[data-action=copy]"):
        needs.add("cards.js")
    return needs


def ours_holding(name):
    """The address pattern of our files that hold one script: its own file, or a page's one file."""
    return f"**/assets/*{name.removesuffix('.js')}*.js"


def test_each_page_loads_the_scripts_of_its_components_and_no_others(site_dir):
    loaded_somewhere = set()
    order = [str(s).rsplit("/", 1)[-1] for s in SITE_CONFIG["extra_javascript"]]
    for path in html_pages(site_dir):
        page = soup(path)
        article = page.select_one("article.md-content__inner")
        tags = our_scripts(page)
        listed = [name.rsplit("/", 1)[-1] for name in (article.get("data-hp-scripts") or "").split()]
        assert tags == set(), path.relative_to(site_dir).as_posix()
        assert set(listed) == components(article), path
        assert listed == sorted(listed, key=order.index), f"{path}: not in extra_javascript's order"
        loaded_somewhere |= set(listed)
    assert loaded_somewhere == set(order)


def test_each_page_names_one_file_holding_its_scripts_in_order(site_dir):
    """The file a page starts with holds each of its scripts as built, in the listed order."""
    files = set()
    for path in html_pages(site_dir):
        article = soup(path).select_one("article.md-content__inner")
        one = site_dir / article["data-hp-scripts-file"]
        text = one.read_text(encoding="utf-8")
        listed = [site_dir / name for name in article["data-hp-scripts"].split()]
        at = [text.find(script.read_text(encoding="utf-8")) for script in listed]
        assert -1 not in at and at == sorted(at), path
        assert len(text) < sum(script.stat().st_size + 2 for script in listed), path  # each once
        files.add(one)
    assert len(files) >= 4  # the pages' different sets of components


def test_material_script_is_the_last_the_parser_meets(site_dir):
    """On every page with the loader, nothing of ours comes after Material's script, as on plain Material
    (overrides/main.html; MAINTAINING.md, Performance, on what was measured)."""
    pages = [soup(path) for path in html_pages(site_dir)]
    with_loader = [page for page in pages if page.select_one("article[data-hp-scripts]")]
    assert len(with_loader) > 40
    for page in with_loader:
        scripts = page.body.find_all("script")
        assert "/javascripts/bundle." in scripts[-1].get("src", ""), page.title.string
        assert any("data-hp-scripts" in (script.string or "") for script in scripts[:-1]), page.title.string


def test_material_comes_first_and_our_scripts_once_the_page_is_parsed(page, base_url):
    """Material's script and the stylesheets do not share the connection with ours: ours are asked for
    after DOMContentLoaded; and before the load event, which waits for them."""
    page.goto("agreement/")
    wait_until_fetched(page, "+agreement+quick-exit+search.js")
    asked = page.evaluate("""() => {
        const navigation = performance.getEntriesByType("navigation")[0];
        const at = {};
        for (const entry of performance.getEntriesByType("resource")) at[entry.name.split("/").pop()] = entry.startTime;
        return {parsed: navigation.domContentLoadedEventStart, loaded: navigation.loadEventStart, at};
    }""")
    at, parsed, loaded = asked["at"], asked["parsed"], asked["loaded"]
    bundle = next(name for name in at if name.startswith("bundle.") and name.endswith(".js"))
    assert at[bundle] < parsed
    assert parsed <= at["storage+confirm+agreement+quick-exit+search.js"] < loaded
    for name in ("storage.js", "quick-exit.js", "confirm.js", "agreement.js", "search.js"):
        assert name not in at, f"{name} fetched on its own as well"
    page.wait_for_function("() => typeof window.hallPass === 'object'")  # and they ran
    assert page.record.errors == []


def test_a_tick_given_before_the_checklist_script_arrives_is_kept(page, base_url):
    """checklists.js arrives after the page is shown: a box ticked in between stays ticked and is stored."""
    held = []
    page.route(ours_holding("checklists.js"), lambda route: held.append(route))
    with page.expect_request(ours_holding("checklists.js")):
        page.goto("checklists/decision/", wait_until="domcontentloaded")  # "load" waits for the held script
    box = page.locator('.hp-checklist[data-checklist="decision"] .hp-checklist__item input').nth(1)
    box.check()
    assert page.evaluate("() => localStorage.getItem('hallpass:v1:checklist:decision')") is None
    held[0].continue_()
    progress = page.locator(".hp-checklist__progress").first
    expect(progress).to_contain_text("1 of")
    expect(box).to_be_checked()
    saved = json.loads(page.evaluate("() => localStorage.getItem('hallpass:v1:checklist:decision')"))
    assert list(saved["items"]) == [box.evaluate("b => b.closest('[data-item]').dataset.item")]
    page.unroute(ours_holding("checklists.js"))
    page.reload()
    expect(page.locator(".hp-checklist__progress").first).to_contain_text("1 of")
    assert page.record.errors == []


def test_quick_exit_settings_changed_before_their_script_arrives_are_kept(page, base_url):
    """quick-exit.js arrives after the page is shown: the note dismissed, and the neutral title chosen, in
    between stay so and are stored."""
    held = []
    page.route(ours_holding("quick-exit.js"), lambda route: held.append(route))
    with page.expect_request(ours_holding("quick-exit.js")):
        page.goto("", wait_until="domcontentloaded")
    note = page.locator(".hp-exit-note")
    note.get_by_label("Use a neutral tab title").check()
    note.get_by_role("button", name="Got it, hide this").click()
    expect(note).to_be_hidden()  # at once, before the script
    assert page.evaluate("() => localStorage.getItem('hallpass:v1:settings')") is None
    held[0].continue_()
    expect(page).to_have_title("Notes")
    page.wait_for_function("() => localStorage.getItem('hallpass:v1:settings') !== null")
    assert json.loads(page.evaluate("() => localStorage.getItem('hallpass:v1:settings')")) == {"neutralTitle": True, "noteDismissed": True}
    page.unroute(ours_holding("quick-exit.js"))
    page.reload()
    expect(page).to_have_title("Notes")
    expect(page.locator(".hp-exit-note")).to_be_hidden()
    assert page.record.errors == []


def scripts_in_page(page, name):
    """How many times the page fetched one of our scripts (a script fetched twice would run twice)."""
    return sum(1 for address in page.record.requests if address.endswith("/assets/" + name))


def go_instantly(page, path):
    """Follow a link as a reader would, through Material's instant navigation."""
    page.evaluate("""path => { const link = document.createElement("a"); link.href = new URL(path, __md_scope).href;
                               link.textContent = "go"; document.querySelector("article").append(link); link.click(); }""", path)
    page.wait_for_url(f"**/{path}")


def test_a_page_reached_by_instant_navigation_loads_its_scripts_once_and_works(page, base_url):
    serve_sitemap_for_this_host(page, base_url)
    page.goto("")
    instant_navigation_ready(page)
    page.evaluate("window.sameDocument = true")
    assert scripts_in_page(page, "checklists.js") == 0 and scripts_in_page(page, "agreement.js") == 0

    go_instantly(page, "checklists/decision/")
    first = page.locator('.hp-checklist[data-checklist="decision"] .hp-checklist__item input').first
    progress = page.locator(".hp-checklist__progress")
    expect(progress).to_have_text("0 of " + progress.inner_text().split(" of ")[1])
    first.check()
    expect(progress).to_contain_text("1 of")
    assert json.loads(page.evaluate("() => localStorage.getItem('hallpass:v1:checklist:decision')"))["items"]

    go_instantly(page, "agreement/")
    page.locator("[data-agreement] input[type=radio]").first.check()
    page.wait_for_function("() => localStorage.getItem('hallpass:v1:agreement') !== null")

    go_instantly(page, "checklists/decision/")
    expect(first).to_be_checked()
    expect(progress).to_contain_text("1 of")
    assert page.evaluate("window.sameDocument === true"), "navigation was not instant"
    for name in ("storage+quick-exit+search.js", "confirm.js", "checklists.js", "agreement.js"):
        assert scripts_in_page(page, name) == 1, name
    for name in ("storage.js", "quick-exit.js", "search.js"):  # in the home page's one file
        assert scripts_in_page(page, name) == 0, name
    assert page.record.errors == []


def test_an_answer_given_before_the_worksheet_script_arrives_is_kept(page, base_url):
    """Instant navigation shows the worksheet first and loads agreement.js after: a tap in between stays."""
    serve_sitemap_for_this_host(page, base_url)
    page.goto("", wait_until="load")
    instant_navigation_ready(page)
    arrived = []
    page.route("**/assets/agreement.js", lambda route: arrived.append(route))  # held until the tap is made
    with page.expect_request("**/assets/agreement.js"):
        go_instantly(page, "agreement/")
    radio = page.locator("#agreement-want-this-yes")
    radio.check()
    page.fill("#hp-agreement-name", "Sam")
    assert len(arrived) == 1 and page.evaluate("() => localStorage.getItem('hallpass:v1:agreement')") is None
    arrived[0].continue_()
    page.wait_for_function("() => localStorage.getItem('hallpass:v1:agreement') !== null")
    expect(radio).to_be_checked()
    expect(page.locator("#hp-agreement-name")).to_have_value("Sam")
    saved = json.loads(page.evaluate("() => localStorage.getItem('hallpass:v1:agreement')"))
    assert saved["first"]["answers"]["want-this"] == "yes" and saved["first"]["name"] == "Sam"
    assert page.record.errors == []
