"""data/ is validated once per build: every editor mistake stops the build with file, entry and field."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build, failing_build, soup
from macros.content import DataError, load_content

DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def load(data_dir: Path):
    return load_content(data_dir, ROOT / "docs")


def edit(path: Path, change):
    """Change the parsed YAML of a data file and write it back."""
    content = yaml.safe_load(path.read_text())
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False))


def line_number(path: Path, text: str) -> int:
    """The number of the first line of a file that reads `text` (leading spaces aside)."""
    return [line.strip() for line in path.read_text().splitlines()].index(text) + 1


def by_id(entries: list, entry_id: str) -> dict:
    """An entry of a data file by its id, wherever it is in the file (editors add entries anywhere)."""
    [entry] = [entry for entry in entries if entry["id"] == entry_id]
    return entry


def problems_with_lines(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as raised:
        load(data_dir)
    return raised.value.problems


def problems_after(data_dir: Path) -> list[str]:
    """The problems reported, without their line numbers (an edit that rewrites the file moves every
    line; test_problems_name_the_line checks the lines)."""
    return [re.sub(r", line \d+(?=[,:])", "", problem, count=1) for problem in problems_with_lines(data_dir)]


def test_the_real_data_is_valid():
    content = load(DATA)
    assert len(content["checklists.yml"]) >= 11
    assert all(checklist["items"] for checklist in content["checklists.yml"])


def test_yaml_syntax_error_names_file_and_line(data_copy):
    path = data_copy / "scripts.yml"
    lines = path.read_text().splitlines()
    lines[7] = lines[7] + ": oops: [unclosed"
    path.write_text("\n".join(lines))
    [problem] = problems_after(data_copy)
    assert problem.startswith("data/scripts.yml: YAML syntax error at line 8")


def test_missing_text_names_entry_and_field(data_copy):
    edit(data_copy / "checklists.yml", lambda c: by_id(by_id(c, "rules")["items"], "scope").pop("text"))
    [problem] = problems_after(data_copy)
    assert 'data/checklists.yml, checklist "rules", field "items", item "scope", field "text": is missing' == problem


def test_empty_text_is_reported(data_copy):
    edit(data_copy / "scripts.yml", lambda c: by_id(by_id(c, "opening")["cards"], "curious-about-novelty").update(words="   "))
    [problem] = problems_after(data_copy)
    assert 'data/scripts.yml, situation "opening", field "cards", card "curious-about-novelty", field "words": is empty' == problem


def test_unknown_field_suggests_the_known_one(data_copy):
    def misspell(content):
        item = by_id(by_id(content, "self-reflection")["items"], "hoping-for")
        item["txt"] = item.pop("text")

    edit(data_copy / "checklists.yml", misspell)
    found = problems_after(data_copy)
    assert any('item "hoping-for", field "txt": is not a known field (did you mean "text"?)' in p for p in found)
    assert any('item "hoping-for", field "text": is missing' in p for p in found)


def test_wrong_type_is_reported(data_copy):
    edit(data_copy / "outcomes.yml", lambda c: by_id(c["outcomes"], "positive").update(items="Increased honesty."))
    [problem] = problems_after(data_copy)
    assert 'data/outcomes.yml, field "outcomes", outcome "positive", field "items": should be list, found text' == problem


def test_duplicate_id_names_the_line_of_the_first(data_copy):
    path = data_copy / "checklists.yml"
    first = path.read_text().splitlines().index("- id: self-reflection") + 1
    path.write_text(path.read_text().replace("- id: decision\n", "- id: self-reflection\n"))
    problems = problems_after(data_copy)  # and the lock misses the decision checklist's items
    assert problems[0] == f'data/checklists.yml, checklist "self-reflection", field "id": is also the id of the checklist on line {first}; ids must differ'


def test_link_to_a_missing_chapter_is_reported(data_copy):
    edit(data_copy / "outcomes.yml", lambda c: by_id(c["stories"], "fantasy-only").update(next="decide/no-such-chapter.md"))
    [problem] = problems_after(data_copy)
    assert problem == (
        'data/outcomes.yml, field "stories", story "fantasy-only", field "next": '
        'links to "decide/no-such-chapter.md", but there is no chapter docs/decide/no-such-chapter.md'
    )


def test_an_id_that_is_not_kebab_case_is_reported(data_copy):
    edit(data_copy / "checklists.yml", lambda c: by_id(by_id(c, "self-reflection")["items"], "prepared-for-jealousy").update(id="Prepared For Jealousy"))
    problem = problems_after(data_copy)[0]  # then: the lock misses "prepared-for-jealousy"
    assert problem.startswith('data/checklists.yml, checklist "self-reflection", field "items", item "Prepared For Jealousy", field "id": "Prepared For Jealousy" is not a valid id')


def test_unknown_script_card_reference(data_copy):
    edit(data_copy / "checklists.yml", lambda c: by_id(by_id(c, "jealousy-practices")["items"], "name-the-feeling").update(script="no-such-card"))
    [problem] = problems_after(data_copy)
    assert problem == (
        'data/checklists.yml, checklist "jealousy-practices", field "items", item "name-the-feeling", '
        'field "script": names script card "no-such-card", which is not in data/scripts.yml'
    )


def test_every_problem_is_listed_at_once(data_copy):
    def two_mistakes(content):
        by_id(content, "self-reflection")["title"] = ""
        items = by_id(content, "decision")["items"]
        items[0]["id"] = items[1]["id"]

    edit(data_copy / "checklists.yml", two_mistakes)
    problems = problems_after(data_copy)
    assert len(problems) == 3, problems  # the two, and the lock missing the overwritten id
    assert problems[2].startswith('data/ids.lock: the checklist item id "decision/both-want-to-discuss" is no longer in data/')


# --- the same mistakes, as an editor meets them: the build stops ---


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_bad_data_stops_the_build_with_the_message(project_copy, tmp_path, engine):
    path = project_copy / "data" / "checklists.yml"
    edit(path, lambda c: by_id(by_id(c, "rules")["items"], "scope").pop("text"))
    output = failing_build(project_copy, tmp_path / "out", engine)
    line = line_number(path, "- id: scope")
    assert f'data/checklists.yml, line {line}, checklist "rules", field "items", item "scope", field "text": is missing' in output
    assert "Traceback" not in output


# A mistake in a chapter's macro call: (the call as written, the mistake, the message after "file, line N: ").
CALL_MISTAKES = {
    "unknown id": ('{{ checklist("safety-before") }}', '{{ checklist("safety-befor") }}',
                   'Checklist "safety-befor" is not in data/checklists.yml; did you mean "safety-before" or "safety-questions"? Known ids: '),
    "jinja syntax": ('{{ checklist("safety-before") }}', '{{ checklist("safety-before") }',
                     "unexpected '}' (check the {{ and }} of the macro call on that line)"),
}


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@pytest.mark.parametrize("mistake", CALL_MISTAKES)
def test_a_mistake_in_a_macro_call_stops_the_build_naming_the_page_and_its_true_line(project_copy, tmp_path, engine, mistake):
    written, wrong, message = CALL_MISTAKES[mistake]
    chapter = project_copy / "docs" / "prepare" / "safety-checklist.md"
    chapter.write_text(chapter.read_text().replace(written, wrong))
    output = failing_build(project_copy, tmp_path / "out", engine)
    line = line_number(chapter, wrong)
    assert f"docs/prepare/safety-checklist.md, line {line}: {message}" in output
    assert "Traceback" not in output


def test_a_changed_item_shows_in_the_built_pages(project_copy, tmp_path):
    edit(project_copy / "data" / "checklists.yml", lambda c: by_id(by_id(c, "safety-before")["items"], "consent").update(text="Both partners said yes, freely."))
    result = build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for page in ("prepare/safety-checklist/index.html", "checklists/safety-before/index.html"):
        label = soup(tmp_path / "out" / page).select_one('[data-checklist="safety-before"] [data-item="consent"] label')
        assert label.get_text(strip=True) == "Both partners said yes, freely."


def test_markup_in_data_is_shown_as_text(project_copy, tmp_path):
    edit(project_copy / "data" / "scripts.yml", lambda c: by_id(by_id(c, "opening")["cards"], "something-vulnerable").update(words="Use <b>bold</b> & see"))
    result = build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    card = soup(tmp_path / "out" / "scripts" / "index.html").select_one('[data-card="something-vulnerable"] .hp-card__words')
    assert card.find("b") is None
    assert "Use <b>bold</b> & see" in card.get_text()


def test_link_to_a_missing_section_is_reported(data_copy):
    edit(data_copy / "scripts.yml", lambda c: by_id(c, "opening").update(chapter="prepare/communication-scripts.md#opening"))
    [problem] = problems_after(data_copy)
    assert problem.startswith(
        'data/scripts.yml, situation "opening", field "chapter": links to "prepare/communication-scripts.md#opening", '
        'but docs/prepare/communication-scripts.md has no section "#opening"; its sections: '
    )


# --- data/help.yml: the Get help page ---


def test_help_organisation_without_a_link_names_section_organisation_and_field(data_copy):
    edit(data_copy / "help.yml", lambda c: by_id(by_id(c, "pressured")["organisations"], "rainn").pop("url"))
    [problem] = problems_after(data_copy)
    assert problem == 'data/help.yml, section "pressured", field "organisations", organisation "rainn", field "url": is missing'


def test_help_link_that_is_not_https_and_a_date_that_is_not_a_date_are_reported(data_copy):
    def change(content):
        by_id(by_id(content, "sexual-health")["organisations"], "planned-parenthood")["url"] = "http://www.plannedparenthood.org/"
        by_id(by_id(content, "therapy")["organisations"], "aamft")["last_checked"] = "last week"
    edit(data_copy / "help.yml", change)
    problems = problems_after(data_copy)
    assert problems == [
        'data/help.yml, section "sexual-health", field "organisations", organisation "planned-parenthood", field "url": '
        '"http://www.plannedparenthood.org/" is not a web address starting with https://',
        'data/help.yml, section "therapy", field "organisations", organisation "aamft", field "last_checked": '
        'should be a date like 2026-11-28, found "last week"',
    ]


def test_a_checklist_item_linking_to_a_missing_help_section_is_reported(data_copy):
    def change(content):
        [safety] = [checklist for checklist in content if checklist["id"] == "safety-before"]
        safety["items"][0]["help"]["section"] = "no-such-section"
    edit(data_copy / "checklists.yml", change)
    [problem] = problems_after(data_copy)
    assert problem.startswith('data/checklists.yml, checklist "safety-before", field "items", item "consent", field "help.section": '
                              'names help section "no-such-section", which is not in data/help.yml')

def test_a_checklist_is_a_shared_plan_unless_it_says_personal(data_copy):
    content = load(DATA)
    kinds = {c["id"]: c["kind"] for c in content["checklists.yml"]}
    assert kinds["rules"] == "shared" and kinds["partner-hurt"] == "personal"
    raw = yaml.safe_load((DATA / "checklists.yml").read_text())
    assert "kind" not in next(c for c in raw if c["id"] == "rules"), "shared is the default, left unsaid"
    edit(data_copy / "checklists.yml", lambda c: by_id(c, "rules").update(kind="private"))
    assert problems_after(data_copy) == [
        'data/checklists.yml, checklist "rules", field "kind": is "private"; expected one of: shared, personal'
    ]


def test_a_light_edit_must_name_a_real_chapter(data_copy):
    edit(data_copy / "light-edits.yml", lambda e: by_id(e, "guide-not-post").update(chapter="start/nowhere.md"))
    assert any('data/light-edits.yml, edit "guide-not-post", field "chapter"' in p for p in problems_after(data_copy))


def test_the_worksheet_first_asks_each_partner_whether_they_want_this_at_all():
    first = load(DATA)["agreement.yml"][0]
    assert first["id"] == "want-this" and first["kind"] == "choice"
    assert [choice["id"] for choice in first["choices"]] == ["yes", "not-sure", "no"]


def test_a_worksheet_without_that_first_question_is_reported(data_copy):
    edit(data_copy / "agreement.yml", lambda c: c.append(c.pop(0)))
    [problem] = problems_after(data_copy)
    assert problem == 'data/agreement.yml: the first question must be "want-this" (do you want this at all?), but it is "intention"'


def test_the_first_question_keeps_its_three_choices(data_copy):
    edit(data_copy / "agreement.yml", lambda c: c[0]["choices"].pop(1))
    [problem] = problems_after(data_copy)
    assert problem.startswith('data/agreement.yml, question "want-this", field "choices": must be the choices yes, not-sure, no')


# --- data/ids.lock: ids are for ever ---


def rename_scope(data_dir: Path):
    path = data_dir / "checklists.yml"
    path.write_text(path.read_text().replace("    - id: scope\n", "    - id: scope-of-pass\n"))


def add_to_lock(data_dir: Path, section: str, entry: str):
    path = data_dir / "ids.lock"
    path.write_text(path.read_text().replace(f"{section}: {{}}\n", f"{section}:\n  {entry}\n"))


def test_the_lock_holds_every_id_in_data():
    from macros.ids_lock import KINDS, ids_in, read_lock
    lock, present = read_lock(DATA), ids_in(load(DATA))
    for kind in KINDS:
        missing = sorted(set(present[kind]) - set(lock[kind]))
        assert not missing, f"data/ids.lock lacks the {kind} {missing}: run `make ids-lock` and commit data/ids.lock"


def test_a_renamed_item_id_stops_the_build(data_copy):
    rename_scope(data_copy)
    assert problems_after(data_copy) == [
        'data/ids.lock: the checklist item id "rules/scope" is no longer in data/. Readers\' saved answers use it: '
        "put it back, or map it to its new id under `renamed:` (rules/scope: new-id), or list it under `retired:` with the reason"
    ]


def test_a_rename_mapped_in_the_lock_passes_and_a_retired_id_passes(data_copy):
    from macros.ids_lock import renamed_items
    rename_scope(data_copy)
    add_to_lock(data_copy, "renamed", "rules/scope: rules/scope-of-pass")
    assert renamed_items(load(data_copy)["ids.lock"], "rules") == {"scope": "scope-of-pass"}
    edit(data_copy / "checklists.yml",
         lambda c: by_id(c, "rules")["items"].remove(by_id(by_id(c, "rules")["items"], "frequency")))
    assert problems_after(data_copy)[0].startswith('data/ids.lock: the checklist item id "rules/frequency" is no longer in data/')
    add_to_lock(data_copy, "retired", "rules/frequency: Asked in the check-ins checklist instead.")
    assert load(data_copy)["ids.lock"]["retired"] == {"rules/frequency": "Asked in the check-ins checklist instead."}
