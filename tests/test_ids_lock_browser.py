"""A renamed checklist item keeps readers' ticks: the build carries data/ids.lock's rename map onto the
checklist, and the page moves a saved tick from the old id to the new one."""

import json

from conftest import build, new_context, serve, soup


def test_a_saved_tick_follows_a_renamed_item(project_copy, tmp_path, browser):
    data = project_copy / "data"
    checklists = data / "checklists.yml"
    checklists.write_text(checklists.read_text().replace("    - id: scope\n", "    - id: scope-of-pass\n"))
    lock = data / "ids.lock"
    lock.write_text(lock.read_text().replace("renamed: {}\n", "renamed:\n  rules/scope: rules/scope-of-pass\n"))
    site = tmp_path / "site"
    result = build(project_copy, site)
    assert result.returncode == 0, result.stdout + result.stderr
    built = soup(site / "checklists" / "rules" / "index.html").select_one('.hp-checklist[data-checklist="rules"]')
    assert built["data-renamed"] == "scope:scope-of-pass"

    server = serve(site)
    base_url = next(server)
    context = new_context(browser, base_url)
    try:
        page = context.new_page()
        page.goto("checklists/rules/")
        page.evaluate("localStorage.setItem('hallpass:v1:checklist:rules', JSON.stringify({items: {scope: true, frequency: true}}))")
        page.reload()
        checked = page.locator('.hp-checklist[data-checklist="rules"] [data-item="scope-of-pass"] input')
        assert checked.is_checked()
        assert page.locator('.hp-checklist[data-checklist="rules"] [data-item="frequency"] input').is_checked()
        saved = json.loads(page.evaluate("localStorage.getItem('hallpass:v1:checklist:rules')"))
        assert saved["items"] == {"scope-of-pass": True, "frequency": True}
    finally:
        context.close()
        next(server, None)
