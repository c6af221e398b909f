"""Load data/*.yml and validate it, so an editor's mistake stops the build with a clear message."""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify

from macros import engine

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same result, faster
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class GuideError(Exception):
    """A mistake in the guide's sources that stops the build; its message names file, entry and field.
    Each engine's adapter reports it in that engine's own way."""


class DataError(GuideError):
    """One or more problems in data/, each naming the file, the entry and the field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in the guide's data files:\n  - " + "\n  - ".join(problems)
        )


FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter(text: str) -> tuple[str, dict]:
    """A page's Markdown and its front matter, read as both engines read it (YAML between --- lines)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}
    try:
        meta = yaml.load(match.group(1), Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return text, {}
    return (text[match.end():].lstrip("\n"), meta) if isinstance(meta, dict) else (text, {})


# --- The shapes data may take. Each returns the cleaned value, reporting problems through `check`. ---


class Text:
    """Non-empty text."""

    def __init__(self, optional=False):
        self.optional = optional

    def validate(self, value, check, where):
        if not isinstance(value, str):
            return check.wrong_type(where, "text", value)
        if not value.strip():
            return check.problem(where, "is empty")
        return value.strip()


class Id(Text):
    """A hand-written kebab-case id; storage keys use it, so it never derives from wording."""

    def validate(self, value, check, where):
        value = super().validate(value, check, where)
        if value is not None and not ID_PATTERN.match(value):
            check.problem(where, f'"{value}" is not a valid id (use lower-case words joined by hyphens, e.g. "talk-first")')
            return None
        return value


@functools.lru_cache(maxsize=256)
def _chapter_lines(path: Path, mtime_ns: int) -> tuple:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def chapter_lines(docs_dir: Path, src_path: str) -> tuple:
    """A chapter's Markdown lines, read once per build (again only when the file changes)."""
    path = docs_dir / src_path.split("#", 1)[0]
    return _chapter_lines(path, path.stat().st_mtime_ns)


def chapter_sections(docs_dir: Path, path: str) -> dict:
    """A chapter's Markdown headings, as {anchor: heading text without its step number}."""
    sections = {}
    for line in chapter_lines(docs_dir, path):
        if line.startswith("#"):
            text = line.lstrip("#").strip()
            sections[slugify(text, "-")] = re.sub(r"^\d+\.\s*", "", text)
    return sections


class Chapter(Text):
    """A link to a chapter: a Markdown path under docs/, optionally with the #anchor of one of its headings."""

    def validate(self, value, check, where):
        value = super().validate(value, check, where)
        if value is None:
            return None
        path, _, anchor = value.partition("#")
        if not path.endswith(".md") or not (check.docs_dir / path).is_file():
            check.problem(where, f'links to "{value}", but there is no chapter docs/{path}')
            return None
        sections = chapter_sections(check.docs_dir, path)
        if anchor and anchor not in sections:
            check.problem(where, f'links to "{value}", but docs/{path} has no section "#{anchor}"; its sections: {", ".join(sections)}')
            return None
        return value


class Url(Text):
    """A web address on another site: https only, so a link never downgrades the reader's connection."""

    def validate(self, value, check, where):
        value = super().validate(value, check, where)
        if value is not None and not re.match(r"^https://[^\s/]+\.[^\s/]+(/\S*)?$", value):
            check.problem(where, f'"{value}" is not a web address starting with https://')
            return None
        return value


class Day:
    """A date written as 2026-11-28 (YAML reads it as a date)."""

    def __init__(self, optional=False):
        self.optional = optional

    def validate(self, value, check, where):
        if not isinstance(value, datetime.date):
            return check.problem(where, f'should be a date like 2026-11-28, found "{value}"')
        return value


class Choice(Text):
    """One of a fixed set of words; with a default, the field may be left out."""

    def __init__(self, *choices, optional=False, default=None):
        super().__init__(optional or default is not None)
        self.choices, self.default = choices, default

    def validate(self, value, check, where):
        value = super().validate(value, check, where)
        if value is not None and value not in self.choices:
            check.problem(where, f'is "{value}"; expected one of: {", ".join(self.choices)}')
            return None
        return value


class Flag:
    """true or false; left out, it is `default`."""

    def __init__(self, default=False):
        self.optional, self.default = True, default

    def validate(self, value, check, where):
        if not isinstance(value, bool):
            return check.wrong_type(where, "true or false", value)
        return value


class Seq:
    """A list of entries of one shape; ids, where present, must be unique within the list."""

    def __init__(self, of, optional=False, min_items=1):
        self.of, self.optional, self.min_items = of, optional, min_items

    def validate(self, value, check, where):
        if not isinstance(value, list):
            return check.wrong_type(where, "list", value)
        if len(value) < self.min_items:
            return check.problem(where, f"needs at least {self.min_items} entry")
        cleaned, seen = [], {}
        for position, element in enumerate(value, start=1):
            entry_where = where.entry(element, position, getattr(self.of, "entry_name", "entry"))
            result = self.of.validate(element, check, entry_where)
            entry_id = element.get("id") if isinstance(element, dict) else None
            if isinstance(entry_id, str):
                if entry_id in seen:
                    check.problem(entry_where.field("id"), f'duplicates the id of entry #{seen[entry_id]}')
                seen.setdefault(entry_id, position)
            if result is not None:
                cleaned.append(result)
        return cleaned


class Record:
    """A mapping with known fields; unknown fields are reported with the closest known name."""

    def __init__(self, entry_name, /, optional=False, **fields):
        self.entry_name, self.optional, self.fields = entry_name, optional, fields

    def validate(self, value, check, where):
        if not isinstance(value, dict):
            return check.wrong_type(where, "mapping of fields", value)
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(str(key), self.fields, n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                check.problem(where.field(key), f"is not a known field{hint}; known fields: {', '.join(self.fields)}")
        cleaned = {}
        for name, shape in self.fields.items():
            if value.get(name) is None:
                if not shape.optional:
                    check.problem(where.field(name), "is missing")
                cleaned[name] = getattr(shape, "default", None)
                continue
            cleaned[name] = shape.validate(value[name], check, where.field(name))
        return cleaned


# --- Where a problem is, in words an editor understands. ---


class Where:
    def __init__(self, file: str, entries: tuple = (), field_path: tuple = ()):
        self.file, self.entries, self.field_path = file, entries, field_path

    def entry(self, element, position, entry_name="entry"):
        entry_id = element.get("id") if isinstance(element, dict) else None
        label = f'{entry_name} "{entry_id}"' if isinstance(entry_id, str) and entry_id else f"{entry_name} #{position}"
        owner = f'field "{".".join(self.field_path)}", ' if self.field_path else ""
        return Where(self.file, self.entries + (owner + label,), ())

    def field(self, name):
        return Where(self.file, self.entries, self.field_path + (str(name),))

    def __str__(self):
        parts = [f"data/{self.file}"] + list(self.entries)
        if self.field_path:
            parts.append(f'field "{".".join(self.field_path)}"')
        return ", ".join(parts)


class Check:
    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.problems: list[str] = []

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")

    def wrong_type(self, where, expected, value):
        found = {str: "text", list: "list", dict: "mapping", bool: "true/false", int: "number", float: "number"}
        self.problem(where, f"should be {expected}, found {found.get(type(value), type(value).__name__)}")


class AgreementQuestion(Record):
    """A worksheet question: `choices` belongs to kind "choice" only, `calendar` to kind "date" only."""

    def validate(self, value, check, where):
        cleaned = super().validate(value, check, where)
        kind = cleaned.get("kind") if isinstance(cleaned, dict) else None
        if kind == "choice" and value.get("choices") is None:
            check.problem(where.field("choices"), 'is missing (a question of kind "choice" lists its choices)')
        for field, owner in (("choices", "choice"), ("calendar", "date")):
            if kind and kind != owner and value.get(field) is not None:
                check.problem(where.field(field), f'only fits kind "{owner}", but this question is kind "{kind}"')
        return cleaned


# --- The data files the guide reads, and their shapes. Add a file here to add a kind of content. ---

CHECKLIST_ITEM = Record(
    "item", id=Id(), text=Text(), label=Text(optional=True), script=Id(optional=True),
    # A link to a section of the Get help page (data/help.yml), in the item's own words.
    help=Record("help link", optional=True, text=Text(), section=Id()),
    # A link to the chapter that says more, in the item's own words.
    read=Record("chapter link", optional=True, text=Text(), chapter=Chapter()),
)
SCHEMAS = {
    "checklists.yml": Seq(
        Record(
            "checklist", id=Id(), title=Text(), purpose=Text(), chapter=Chapter(),
            # shared: a plan a couple fills in together; personal: gentle steps for one reader alone.
            kind=Choice("shared", "personal", default="shared"),
            # Items that are decisions to write down print with room to write beside each one.
            write_in=Flag(default=False),
            # The step after this checklist, on its own page; left out, the next chapter of the nav.
            next=Chapter(optional=True),
            items=Seq(CHECKLIST_ITEM),
        )
    ),
    "scripts.yml": Seq(
        Record(
            "situation", id=Id(), situation=Text(), chapter=Chapter(),
            cards=Seq(Record("card", id=Id(), words=Text(), when=Text())),
        )
    ),
    "outcomes.yml": Record(
        "outcomes file",
        outcomes=Seq(Record(
            "outcome", id=Id(), heading=Text(), tone=Choice("positive", "neutral", "negative"),
            next=Chapter(), items=Seq(Record("item", id=Id(), text=Text())),
        )),
        stories=Seq(Record("story", id=Id(), text=Text(), next=Chapter())),
    ),
    "faq.yml": Seq(Record("question", id=Id(), question=Text(), answer=Seq(Text()))),
    "glossary.yml": Seq(Record(
        "term", id=Id(), term=Text(), definition=Text(), aliases=Seq(Text(), optional=True), chapter=Chapter(optional=True),
    )),
    "agreement.yml": Seq(AgreementQuestion(
        "question", id=Id(), question=Text(), help=Text(optional=True),
        kind=Choice("text", "textarea", "date", "choice"), chapter=Chapter(),
        choices=Seq(Record("choice", id=Id(), label=Text()), optional=True, min_items=2),
        calendar=Text(optional=True),
    )),
    "help.yml": Seq(Record(
        "section", id=Id(), title=Text(), when=Text(), note=Text(optional=True),
        organisations=Seq(Record(
            "organisation", id=Id(), name=Text(), url=Url(), region=Text(), offers=Text(), last_checked=Day(),
        )),
    )),
    # Read by the article-fidelity test, not shown: every light edit of the article's wording.
    "light-edits.yml": Seq(Record(
        "edit", id=Id(), kind=Choice("sentence", "heading"), article=Text(), site=Text(), chapter=Chapter(), why=Text(),
    )),
}


def _read_yaml(path: Path, check: Check):
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        if raw is None:
            check.problems.append(f"data/{path.name}: file is empty")
        return raw
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        check.problems.append(f"data/{path.name}: YAML syntax error{at}: {reason}")
    except OSError as error:
        check.problems.append(f"data/{path.name}: cannot be read ({error.strerror})")
    return None


def _check_references(content: dict, check: Check):
    """Cross-file links: a checklist item may quote a script card by its id; card ids are global."""
    cards, where_of = {}, {}
    for situation in content.get("scripts.yml") or []:
        for card in situation["cards"]:
            if card["id"] in cards:
                check.problem(
                    Where("scripts.yml", (f'situation "{situation["id"]}"', f'field "cards", card "{card["id"]}"')).field("id"),
                    f'duplicates the id of a card in situation "{where_of[card["id"]]}"',
                )
            cards[card["id"]] = card
            where_of[card["id"]] = situation["id"]
    for checklist in content.get("checklists.yml") or []:
        for item in checklist["items"]:
            if item["script"] and item["script"] not in cards:
                where = Where("checklists.yml", (f'checklist "{checklist["id"]}"', f'field "items", item "{item["id"]}"'))
                check.problem(where.field("script"), f'names script card "{item["script"]}", which is not in data/scripts.yml')
            item["quote"] = cards.get(item["script"], {}).get("words")
            sections = [section["id"] for section in content.get("help.yml") or []]
            if item["help"] and item["help"]["section"] not in sections:
                where = Where("checklists.yml", (f'checklist "{checklist["id"]}"', f'field "items", item "{item["id"]}"'))
                check.problem(where.field("help.section"), f'names help section "{item["help"]["section"]}", which is not in data/help.yml; its sections: {", ".join(sections)}')
    return cards


# The worksheet opens by asking each partner, privately, whether they want this at all; agreement.js
# reads these ids to put a "not sure" or "no" first in the compare view and drop the signature lines.
FIRST_QUESTION = "want-this"
FIRST_QUESTION_CHOICES = ("yes", "not-sure", "no")


def _check_first_question(questions: list, check: Check):
    """The worksheet's first question is the one that asks whether each partner wants this at all."""
    first = questions[0] if questions else None
    if not first or first["id"] != FIRST_QUESTION:
        found = f'is "{first["id"]}"' if first else "is missing"
        check.problem(Where("agreement.yml"), f'the first question must be "{FIRST_QUESTION}" (do you want this at all?), but it {found}')
        return
    choices = tuple(choice["id"] for choice in first.get("choices") or [])
    if first["kind"] != "choice" or choices != FIRST_QUESTION_CHOICES:
        check.problem(
            Where("agreement.yml", (f'question "{FIRST_QUESTION}"',)).field("choices"),
            f'must be the choices {", ".join(FIRST_QUESTION_CHOICES)} in that order (kind "choice"); found {", ".join(choices) or "none"}',
        )


_cache: dict = {}


def site_content(config) -> dict:
    """The project's data/ (beside mkdocs.yml), validated, for either engine's config."""
    return load_content(engine.project_dir(config) / "data", engine.docs_dir(config))


def load_content(data_dir: Path, docs_dir: Path) -> dict:
    """All of data/, validated; raises DataError listing every problem. Cached until a file changes."""
    files = sorted(data_dir.glob("*.yml"))
    key = (str(data_dir), str(docs_dir), tuple((f.name, f.stat().st_mtime_ns) for f in files))
    if key in _cache:
        return _cache[key]
    check = Check(docs_dir)
    content = {}
    for name, schema in SCHEMAS.items():
        path = data_dir / name
        if not path.is_file():
            check.problems.append(f"data/{name}: file is missing")
            continue
        raw = _read_yaml(path, check)
        if raw is not None:
            content[name] = schema.validate(raw, check, Where(name))
    for path in files:
        if path.name not in SCHEMAS:
            check.problems.append(f"data/{path.name}: not a known data file; known files: {', '.join(SCHEMAS)}")
    if "agreement.yml" in content and not check.problems:
        _check_first_question(content["agreement.yml"], check)
    if not check.problems:
        content["cards"] = _check_references(content, check)
    if check.problems:
        raise DataError(check.problems)
    _cache.clear()
    _cache[key] = content
    return content
