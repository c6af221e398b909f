"""The guide's mistakes, in words an editor understands. Every module imports its errors from here
(this module imports nothing of ours), so there is no import circle."""

from __future__ import annotations

import difflib
import logging
import traceback

import jinja2

# MkDocs counts what its "mkdocs.*" loggers warn about, so --strict stops the build on these;
# `make serve` prints them and keeps going.
log = logging.getLogger("mkdocs.hall_pass")


class GuideError(Exception):
    """A mistake in the guide's sources that stops the build; its message names file, entry and field.
    Each engine's adapter reports it in that engine's own way."""


class DataError(GuideError):
    """One or more problems in data/, each naming the file, the line, the entry and the field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in the guide's data files:\n  - " + "\n  - ".join(problems)
        )


def nearest(name: str, known) -> str:
    """'did you mean ...' for a mistyped name: the closest known names, else all of them."""
    known = list(known)
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(f'"{c}"' for c in close) + "? Known ids: " + ", ".join(known)
    return "known ids: " + ", ".join(known)


def markdown_offset(source: str, markdown: str) -> int:
    """How many lines of a page's file come before the Markdown the engine renders (its front matter)."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    return 0


def template_line(error: BaseException) -> int | None:
    """The line of the page's Markdown where a macro call or a Jinja expression failed."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return lines[-1] if lines else None


def page_mistake(error: BaseException, src: str, source: str, markdown: str) -> str:
    """One line: the page's file, the true line in that file (front matter counted), and what is wrong."""
    line = template_line(error)
    where = f"docs/{src}" + (f", line {line + markdown_offset(source, markdown)}" if line else "")
    what = error.message if isinstance(error, jinja2.TemplateSyntaxError) else str(error)
    if isinstance(error, jinja2.TemplateSyntaxError):
        what = f"{what} (check the {{{{ and }}}} of the macro call on that line)"
    elif isinstance(error, jinja2.UndefinedError):
        what = f"{what} (a misspelt macro or variable name?)"
    return f"{where}: {what}"


def mistake_box(message: str, markdown: str) -> str:
    """What the preview shows in place of a page's content while it has a mistake: its title, and the message."""
    title = next((line for line in markdown.splitlines() if line.startswith("# ")), "# This page has a mistake")
    return (title + '\n\n!!! failure "This page has a mistake"\n\n    ' + message.replace("\n", "\n    ")
            + "\n\n    Fix it and save: the preview reloads.\n")
