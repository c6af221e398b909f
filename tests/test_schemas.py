"""The JSON Schemas editors' YAML extensions use (data/schemas/) come from the build's own definitions,
are up to date, accept every data file and refuse what the build refuses."""

import datetime
import json

import jsonschema
import pytest
import yaml

from conftest import ROOT
from macros.content import SCHEMAS
from macros.schemas import schema_path, schema_text

DATA = ROOT / "data"


def as_json(value):
    """YAML's dates as the text an editor typed (a YAML extension sees them as strings)."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def validator(data_file):
    schema = json.loads((ROOT / schema_path(data_file)).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def data(data_file):
    return as_json(yaml.safe_load((DATA / data_file).read_text(encoding="utf-8")))


@pytest.mark.parametrize("data_file", list(SCHEMAS))
def test_each_schema_is_up_to_date(data_file):
    path = ROOT / schema_path(data_file)
    assert path.is_file() and path.read_text(encoding="utf-8") == schema_text(data_file), (
        f"{schema_path(data_file)} is out of date with macros/content.py: run `make schemas` (or `make data-files`) and commit it")


@pytest.mark.parametrize("data_file", list(SCHEMAS))
def test_each_data_file_passes_its_schema_and_names_it_for_the_editor(data_file):
    errors = [error.message for error in validator(data_file).iter_errors(data(data_file))]
    assert not errors, errors
    first_line = (DATA / data_file).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={schema_path(data_file).removeprefix('data/')}"


def test_vscode_uses_the_schemas():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert {f"data/{name}" for name in SCHEMAS} == {glob for globs in settings["yaml.schemas"].values() for glob in globs}
    assert set(settings["yaml.schemas"]) == {f"./{schema_path(name)}" for name in SCHEMAS}
    assert "redhat.vscode-yaml" in json.loads((ROOT / ".vscode" / "extensions.json").read_text())["recommendations"]


def first(entries, entry_id):
    return next(entry for entry in entries if entry["id"] == entry_id)


BAD = [
    ("checklists.yml", lambda c: first(first(c, "rules")["items"], "scope").update(txt="typo"), "Additional properties"),
    ("checklists.yml", lambda c: first(first(c, "rules")["items"], "scope").pop("text"), "'text' is a required property"),
    ("checklists.yml", lambda c: first(c, "rules").update(kind="private"), "is not one of"),
    ("checklists.yml", lambda c: first(c, "rules").update(id="The Rules"), "does not match"),
    ("scripts.yml", lambda c: c[0]["cards"][0].update(words=" "), "does not match"),
    ("help.yml", lambda c: c[0]["organisations"][0].update(url="http://example.org/"), "does not match"),
    ("agreement.yml", lambda c: next(q for q in c if q["kind"] == "choice").pop("choices"), "'choices' is a required property"),
    ("outcomes.yml", lambda c: c["outcomes"][0].update(items="Increased honesty."), "is not of type 'array'"),
]


@pytest.mark.parametrize("data_file, change, expected", BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)])
def test_each_schema_refuses_a_mistake(data_file, change, expected):
    content = data(data_file)
    change(content)
    messages = [error.message for error in validator(data_file).iter_errors(content)]
    assert any(expected in message for message in messages), messages
