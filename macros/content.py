"""Load data/*.yml and validate it, so an editor's mistake stops the build with a clear message."""

from __future__ import annotations

import copy
import datetime
import difflib
import functools
import re
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify

from macros import engine, ids_lock
from macros.errors import DataError, GuideError  # noqa: F401 (GuideError: callers import it from here too)

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same result, faster
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Entry(dict):
    """A YAML mapping that remembers where it is: `line`, and the line of each key in `key_lines`."""

    line: int = 0
    key_lines: dict = {}


class DuplicateKey(yaml.MarkedYAMLError):
    """The same key twice in one mapping: YAML would silently keep the last."""


class DataLoader(SAFE_LOADER):
    """YAML as the guide reads it: every mapping an Entry (with its lines), and a key given twice is a mistake."""

    def construct_entry(self, node):
        entry = Entry()
        entry.line = node.start_mark.line + 1
        entry.key_lines = {}
        yield entry
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in entry.key_lines:
                raise DuplicateKey(
                    problem=f'the field "{key}" is written twice in one entry (first on line {entry.key_lines[key]}); '
                            "keep one", problem_mark=key_node.start_mark)
            entry.key_lines[key] = key_node.start_mark.line + 1
            entry[key] = self.construct_object(value_node, deep=True)


DataLoader.add_constructor("tag:yaml.org,2002:map", DataLoader.construct_entry)

# What YAML says about a slip of indentation, and what it means to an editor.
YAML_HINTS = {
    "did not find expected key": "check the indentation of this line and the lines above it",
    "did not find expected '-' indicator": "check the indentation: every entry of a list starts with - at the same column",
    "mapping values are not allowed here": "a text containing ': ' needs quotation marks around it, or the line is indented too far",
    "found character '\\t' that cannot start any token": "use spaces, not tabs, to indent",
    "found undefined alias": "a text starting with * needs quotation marks around it",
}


def yaml_mistake(where: str, error: yaml.YAMLError, line_offset: int = 0) -> str:
    """A YAML error in a file, as 'where: YAML syntax error at line N, column M: what is wrong (what to check)'."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 + line_offset if mark else None
    reason = getattr(error, "problem", None) or str(error)
    hint = next((f" ({hint})" for problem, hint in YAML_HINTS.items() if reason.startswith(problem)), "")
    context = getattr(error, "context_mark", None)
    if getattr(error, "context", None) == "while parsing a flow sequence" and context:
        hint = f" (the [ on line {context.line + 1 + line_offset} needs its closing ])"
    if isinstance(error, DuplicateKey):
        return f"{where}, line {line}: {reason}"
    at = f" at line {line}, column {mark.column + 1}" if mark else ""
    return f"{where}: YAML syntax error{at}: {reason}{hint}"


FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@functools.lru_cache(maxsize=512)
def _parsed_front_matter(block: str):
    """A front-matter block, parsed once per build: each chapter's is read by several steps."""
    return yaml.load(block, Loader=DataLoader)


def front_matter(text: str, src: str | None = None) -> tuple[str, dict]:
    """A page's Markdown and its front matter, read as both engines read it (YAML between --- lines).
    Given the page's path, front matter that is not valid YAML stops the build naming file and line
    (both engines would print it on the page as text and drop its tags, keywords and reading aids)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}
    try:
        meta = copy.deepcopy(_parsed_front_matter(match.group(1)))  # a copy: callers may change theirs
    except yaml.YAMLError as error:
        if src is not None:
            raise GuideError(yaml_mistake(f"docs/{src}, front matter", error, line_offset=1)) from None
        return text, {}
    if not isinstance(meta, dict):
        if src is not None:
            raise GuideError(f"docs/{src}: front matter: the lines between --- should be fields such as description: ...")
        return text, {}
    return text[match.end():].lstrip("\n"), meta


def page_title(markdown: str, meta: dict, fallback: str) -> str:
    """A page's title as both engines show it: its front-matter `title`, else its first # heading."""
    if meta.get("title"):
        return str(meta["title"])
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def chapter_title(docs_dir: Path, src_path: str) -> str:
    """What a link to a chapter, or to one #section of it, is called: the section's heading, or the
    chapter's # heading (what a reader sees on arrival, not a longer front-matter title written for
    search engines), or failing that its title."""
    path, _, anchor = src_path.partition("#")
    if anchor:
        return chapter_sections(docs_dir, path)[anchor]
    markdown, meta = front_matter("\n".join(chapter_lines(docs_dir, path)) + "\n")
    return page_title(markdown, {}, "") or page_title(markdown, meta, path)


# Folders whose pages are not chapters (the generated checklist pages): no review date, no reading aids.
NOT_CHAPTER_FOLDERS = ("checklists/",)
LIST_FIELDS = ("tags", "keywords", "related")


def is_chapter(src: str) -> bool:
    """A chapter is a page inside a part's folder (understand/, prepare/ ...); the pages at the top
    (home, FAQ, tools) may leave out last_reviewed, and then go without reading aids."""
    return "/" in src and not src.startswith(NOT_CHAPTER_FOLDERS)


def page_meta_problems(src: str, meta: dict, allowed_tags=None) -> list[str]:
    """A nav page's front-matter mistakes: every page says what it is (`description`), every chapter
    when it was last reviewed; lists are lists of words; topics come from tags_allowed."""
    where, problems = f"docs/{src}, front matter", []
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        problems.append(f'{where}, field "description": is missing (one or two sentences for search engines and link previews)')
    reviewed = meta.get("last_reviewed")
    if reviewed is None and is_chapter(src):
        problems.append(f'{where}, field "last_reviewed": is missing (the day the chapter was last checked, like 2026-11-25)')
    elif reviewed is not None and not isinstance(reviewed, datetime.date):
        problems.append(f'{where}, field "last_reviewed": should be a date like 2026-11-25, found "{reviewed}"')
    for name in LIST_FIELDS:
        value = meta.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f'{where}, field "{name}": should be a list of words in [ ], found {value!r}')
    if allowed_tags and isinstance(meta.get("tags"), list):
        for tag in meta["tags"]:
            if isinstance(tag, str) and tag not in allowed_tags:
                close = difflib.get_close_matches(tag, allowed_tags, n=1, cutoff=0.5)
                hint = f'did you mean "{close[0]}"? ' if close else ""
                problems.append(f'{where}, field "tags": "{tag}" is not one of the guide\'s topics; {hint}'
                                f'the topics are listed under tags_allowed in mkdocs.yml: {", ".join(sorted(allowed_tags))}')
    return problems


# --- The shapes data may take. Each returns the cleaned value, reporting problems through `check`. ---


class Text:
    """Non-empty text."""

    def __init__(self, optional=False):
        self.optional = optional

    def json_schema(self) -> dict:
        """The same rule as JSON Schema, for editors' YAML extensions (make schemas)."""
        return {"type": "string", "minLength": 1, "pattern": r"\S"}

    def validate(self, value, check, where):
        if not isinstance(value, str):
            return check.wrong_type(where, "text", value)
        if not value.strip():
            return check.problem(where, "is empty")
        return value.strip()


class Id(Text):
    """A hand-written kebab-case id; storage keys use it, so it never derives from wording."""

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": ID_PATTERN.pattern,
                "description": "lower-case words joined by hyphens; never change it once published (data/ids.lock)"}

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
    return dict(_sections(chapter_lines(docs_dir, path)))


@functools.lru_cache(maxsize=256)
def _sections(lines: tuple) -> tuple:
    """Worked out once per version of a chapter: links to its sections ask for them many times a build."""
    sections = {}
    for line in lines:
        if line.startswith("#"):
            text = line.lstrip("#").strip()
            sections[slugify(text, "-")] = re.sub(r"^\d+\.\s*", "", text)
    return tuple(sections.items())


class Chapter(Text):
    """A link to a chapter: a Markdown path under docs/, optionally with the #anchor of one of its headings."""

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": r"^[^#\s]+\.md(#[^\s]+)?$",
                "description": "a chapter's Markdown file under docs/, e.g. prepare/practical-steps.md#rules"}

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

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": r"^https://[^\s/]+\.[^\s/]+(/\S*)?$"}

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

    def json_schema(self) -> dict:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def validate(self, value, check, where):
        if not isinstance(value, datetime.date):
            return check.problem(where, f'should be a date like 2026-11-28, found "{value}"')
        return value


class Choice(Text):
    """One of a fixed set of words; with a default, the field may be left out."""

    def __init__(self, *choices, optional=False, default=None):
        super().__init__(optional or default is not None)
        self.choices, self.default = choices, default

    def json_schema(self) -> dict:
        return {"enum": list(self.choices), **({"default": self.default} if self.default else {})}

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

    def json_schema(self) -> dict:
        return {"type": "boolean", "default": self.default}

    def validate(self, value, check, where):
        if not isinstance(value, bool):
            return check.wrong_type(where, "true or false", value)
        return value


class Seq:
    """A list of entries of one shape; ids, where present, must be unique within the list."""

    def __init__(self, of, optional=False, min_items=1):
        self.of, self.optional, self.min_items = of, optional, min_items

    def json_schema(self) -> dict:
        return {"type": "array", "minItems": self.min_items, "items": self.of.json_schema()}

    def validate(self, value, check, where):
        if not isinstance(value, list):
            return check.wrong_type(where, "list", value)
        if len(value) < self.min_items:
            return check.problem(where, f"needs at least {self.min_items} entry")
        cleaned, seen = [], {}
        entry_name = getattr(self.of, "entry_name", "entry")
        for position, element in enumerate(value, start=1):
            entry_where = where.entry(element, position, entry_name)
            result = self.of.validate(element, check, entry_where)
            entry_id = element.get("id") if isinstance(element, dict) else None
            if isinstance(entry_id, str):
                if entry_id in seen:
                    check.problem(entry_where.field("id", element), f'is also the id of the {entry_name} on line {seen[entry_id]}; ids must differ')
                seen.setdefault(entry_id, line_of(element))
            if result is not None:
                cleaned.append(result)
        return cleaned


class Record:
    """A mapping with known fields; unknown fields are reported with the closest known name."""

    def __init__(self, entry_name, /, optional=False, **fields):
        self.entry_name, self.optional, self.fields = entry_name, optional, fields

    def json_schema(self) -> dict:
        return {"type": "object", "title": self.entry_name, "additionalProperties": False,
                "required": [name for name, shape in self.fields.items() if not shape.optional],
                "properties": {name: shape.json_schema() for name, shape in self.fields.items()}}

    def validate(self, value, check, where):
        if not isinstance(value, dict):
            return check.wrong_type(where, "mapping of fields", value)
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(str(key), self.fields, n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                check.problem(where.field(key, value), f"is not a known field{hint}; known fields: {', '.join(self.fields)}")
        cleaned = Entry()  # keeps the lines, for checks made after validation
        cleaned.line, cleaned.key_lines = line_of(value), getattr(value, "key_lines", {})
        for name, shape in self.fields.items():
            if value.get(name) is None:
                if not shape.optional:
                    check.problem(where.field(name, value), "is missing")
                cleaned[name] = getattr(shape, "default", None)
                continue
            cleaned[name] = shape.validate(value[name], check, where.field(name, value))
        return cleaned


# --- Where a problem is, in words an editor understands. ---


def line_of(entry, key=None) -> int | None:
    """The line of a YAML entry, or of one of its fields, when the loader recorded it."""
    if not isinstance(entry, Entry):
        return None
    return entry.key_lines.get(key, entry.line) if key is not None else entry.line


class Where:
    """A place in a data file: its line, the entries around it and the field, e.g.
    `data/checklists.yml, line 62, checklist "rules", field "items", item "scope", field "text"`."""

    def __init__(self, file: str, entries: tuple = (), field_path: tuple = (), line: int | None = None):
        self.file, self.entries, self.field_path, self.line = file, entries, field_path, line

    def entry(self, element, position, entry_name="entry"):
        entry_id = element.get("id") if isinstance(element, dict) else None
        label = f'{entry_name} "{entry_id}"' if isinstance(entry_id, str) and entry_id else f"{entry_name} #{position}"
        owner = f'field "{".".join(self.field_path)}", ' if self.field_path else ""
        return Where(self.file, self.entries + (owner + label,), (), line_of(element) or self.line)

    def field(self, name, owner=None):
        """A field of this entry; given the entry (`owner`), the field's own line."""
        return Where(self.file, self.entries, self.field_path + (str(name),), line_of(owner, name) or self.line)

    def __str__(self):
        parts = [f"data/{self.file}"] + ([f"line {self.line}"] if self.line else []) + list(self.entries)
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

    def json_schema(self) -> dict:
        def kind_is(kind):
            return {"properties": {"kind": {"const": kind}}, "required": ["kind"]}
        return {**super().json_schema(), "allOf": [
            {"if": kind_is("choice"), "then": {"required": ["choices"]}, "else": {"not": {"required": ["choices"]}}},
            {"if": kind_is("date"), "else": {"not": {"required": ["calendar"]}}},
        ]}

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
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=DataLoader)
        if raw is None:
            check.problems.append(f"data/{path.name}: file is empty")
        return raw
    except yaml.YAMLError as error:
        check.problems.append(yaml_mistake(f"data/{path.name}", error))
    except OSError as error:
        check.problems.append(f"data/{path.name}: cannot be read ({error.strerror})")
    return None


def _check_references(content: dict, check: Check):
    """Cross-file links: a checklist item may quote a script card by its id, or link to a section of
    the Get help page; card ids are unique across situations. Runs on whatever validated, so one build
    shows every mistake (a field that was wrong is None here, and skipped)."""
    cards, where_of = {}, {}
    for situation in content.get("scripts.yml") or []:
        for card in situation["cards"] or []:
            if card["id"] is None:
                continue
            if card["id"] in cards:
                where = Where("scripts.yml", (f'situation "{situation["id"]}"', f'field "cards", card "{card["id"]}"'))
                check.problem(where.field("id", card), f'duplicates the id of a card in situation "{where_of[card["id"]]}"')
            cards[card["id"]] = card
            where_of[card["id"]] = situation["id"]
    sections = [section["id"] for section in content.get("help.yml") or []]
    for checklist in content.get("checklists.yml") or []:
        for item in checklist["items"] or []:
            where = Where("checklists.yml", (f'checklist "{checklist["id"]}"', f'field "items", item "{item["id"]}"'))
            if item["script"] and "scripts.yml" in content and item["script"] not in cards:
                check.problem(where.field("script", item), f'names script card "{item["script"]}", which is not in data/scripts.yml')
            item["quote"] = cards.get(item["script"], {}).get("words")
            if item["help"] and item["help"]["section"] and "help.yml" in content and item["help"]["section"] not in sections:
                check.problem(where.field("help.section", item), f'names help section "{item["help"]["section"]}", which is not in data/help.yml; its sections: {", ".join(sections)}')
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


def load_content(data_dir: Path, docs_dir: Path, check_lock: bool = True) -> dict:
    """All of data/, validated; raises DataError listing every problem. Cached until a file changes."""
    files = sorted(data_dir.glob("*.yml"))
    stamps = tuple((f.name, f.stat().st_mtime_ns) for f in [*files, data_dir / ids_lock.LOCK_NAME] if f.is_file())
    key = (str(data_dir), str(docs_dir), stamps, check_lock)
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
    content["cards"] = _check_references(content, check)
    content["ids.lock"] = ids_lock.read_lock(data_dir)
    if check_lock:
        check.problems += ids_lock.lock_problems(content, content["ids.lock"])
    if check.problems:
        raise DataError(check.problems)
    _cache.clear()
    _cache[key] = content
    return content
