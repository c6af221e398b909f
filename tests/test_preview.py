"""`make serve` on a copy of the project: an editor's mistake is one plain line in the terminal, and
the preview keeps answering (the last good page, or the page with the message), never hanging."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT
from site_pages import copy_project

BUILD_LIMIT = 300  # seconds for one rebuild on a loaded machine (a build takes 8-15 s here)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """`mkdocs serve --strict`, as `make serve` runs it, on a copy of the project."""

    def __init__(self, project, log_path):
        self.project, self.log_path, self.port = project, log_path, free_port()
        self.log = open(log_path, "w")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, text: str, after: int = 0) -> int:
        """Wait until the terminal shows `text` after position `after`; returns where it ends."""
        deadline = time.monotonic() + BUILD_LIMIT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the preview exited:\n" + self.output()
            found = self.output().find(text, after)
            if found >= 0:
                return found + len(text)
            time.sleep(0.5)
        raise AssertionError(f"the preview never said {text!r}:\n" + self.output()[after:])

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=BUILD_LIMIT) as response:
            assert response.status == 200
            return response.read().decode("utf-8")

    def edit(self, relative: str, old: str, new: str) -> int:
        """Change a source file; returns the terminal's position before the rebuild it starts."""
        path = self.project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        position = len(self.output())
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return position

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.close()


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    folder = tmp_path_factory.mktemp("preview")
    (folder / "project").mkdir()
    server = Preview(copy_project(ROOT, folder / "project"), folder / "serve.log")
    try:
        server.wait_for("Serving on")
        yield server
    finally:
        server.stop()


CHAPTER = "docs/prepare/safety-checklist.md"
CALL = '{{ checklist("safety-before") }}'


def line_of(preview, relative, text) -> int:
    return (preview.project / relative).read_text(encoding="utf-8").splitlines().index(text) + 1


def fixed(preview, relative, old, new):
    """Undo a mistake and wait for the rebuild it starts to end without one. The end is "Reloading browsers"
    (MkDocs' own "Documentation built in" was once missing from a good rebuild in CI, cause not found)."""
    after = preview.edit(relative, old, new)
    start = preview.wait_for("Building documentation...", after)
    end = preview.wait_for("Reloading browsers", start)
    rebuild = preview.output()[start:end]
    assert "The preview keeps going" not in rebuild and "ERROR" not in rebuild, rebuild


def test_an_unknown_id_in_a_page_is_one_line_and_the_page_shows_it(preview):
    after = preview.edit(CHAPTER, CALL, '{{ checklist("first-meetings") }}')
    line = line_of(preview, CHAPTER, '{{ checklist("first-meetings") }}')
    message = (f'docs/prepare/safety-checklist.md, line {line}: Checklist "first-meetings" is not in '
               'data/checklists.yml; known ids: ')
    preview.wait_for(message, after)
    preview.wait_for("The preview keeps going", after)
    assert "Traceback" not in preview.output()[after:]
    page = preview.get("prepare/safety-checklist/")
    assert "This page has a mistake" in page and "first-meetings" in page
    fixed(preview, CHAPTER, '{{ checklist("first-meetings") }}', CALL)
    assert "This page has a mistake" not in preview.get("prepare/safety-checklist/")


def test_a_jinja_syntax_error_names_the_true_line(preview):
    after = preview.edit(CHAPTER, CALL, '{{ checklist("safety-before") }')
    line = line_of(preview, CHAPTER, '{{ checklist("safety-before") }')
    preview.wait_for(f"docs/prepare/safety-checklist.md, line {line}: unexpected '}}'", after)
    preview.wait_for("The preview keeps going", after)
    assert "This page has a mistake" in preview.get("prepare/safety-checklist/")
    fixed(preview, CHAPTER, '{{ checklist("safety-before") }', CALL)


def test_a_data_mistake_keeps_the_last_good_page_and_never_hangs(preview):
    after = preview.edit("data/checklists.yml", "    - id: frequency\n", "   - id: frequency\n")
    line = line_of(preview, "data/checklists.yml", "   - id: frequency")
    preview.wait_for(f"data/checklists.yml: YAML syntax error at line {line}, column 4: did not find expected key "
                     "(check the indentation of this line and the lines above it)", after)
    preview.wait_for("The preview keeps going", after)
    assert 'data-checklist="rules"' in preview.get("prepare/practical-steps/")  # the last good page, at once
    fixed(preview, "data/checklists.yml", "   - id: frequency\n", "    - id: frequency\n")


def test_broken_front_matter_is_named_with_its_line(preview):
    after = preview.edit(CHAPTER, "tags: [Sexual health, Boundaries and rules]", "tags: [Sexual health, Boundaries and rules")
    line = line_of(preview, CHAPTER, "tags: [Sexual health, Boundaries and rules")
    preview.wait_for(f"docs/prepare/safety-checklist.md, front matter: YAML syntax error at line {line + 1}, column 9: "
                     f"did not find expected ',' or ']' (the [ on line {line} needs its closing ])", after)
    preview.wait_for("The preview keeps going", after)
    assert "Practical Safety Checklist" in preview.get("prepare/safety-checklist/")
    fixed(preview, CHAPTER, "tags: [Sexual health, Boundaries and rules", "tags: [Sexual health, Boundaries and rules]")


def test_a_field_written_twice_is_named_with_both_lines(preview):
    text = "      text: What behaviors are permitted? (Kissing, sexting, intercourse?)\n"
    after = preview.edit("data/checklists.yml", text, text + "      text: A second text\n")
    first = line_of(preview, "data/checklists.yml", text.rstrip("\n"))
    preview.wait_for(f'data/checklists.yml, line {first + 1}: the field "text" is written twice in one entry '
                     f"(first on line {first}); keep one", after)
    preview.wait_for("The preview keeps going", after)
    assert 'data-checklist="rules"' in preview.get("prepare/practical-steps/")
    fixed(preview, "data/checklists.yml", text + "      text: A second text\n", text)


def test_a_chapter_without_last_reviewed_and_a_topic_not_allowed_are_named(preview):
    after = preview.edit(CHAPTER, "last_reviewed: 2026-11-25\n", "")
    preview.wait_for('docs/prepare/safety-checklist.md, front matter, field "last_reviewed": is missing '
                     "(the day the chapter was last checked, like 2026-11-25)", after)
    preview.wait_for("The preview keeps going", after)
    assert "Practical Safety Checklist" in preview.get("prepare/safety-checklist/")
    fixed(preview, CHAPTER, "keywords:", "last_reviewed: 2026-11-25\nkeywords:")
    after = preview.edit(CHAPTER, "tags: [Sexual health, Boundaries and rules]", "tags: [Sexual health, Boundaries]")
    preview.wait_for('docs/prepare/safety-checklist.md, front matter, field "tags": "Boundaries" is not one of the '
                     'guide\'s topics; did you mean "Boundaries and rules"? the topics are listed under tags_allowed '
                     "in mkdocs.yml: ", after)
    preview.wait_for("The preview keeps going", after)
    assert "Practical Safety Checklist" in preview.get("prepare/safety-checklist/")
    fixed(preview, CHAPTER, "tags: [Sexual health, Boundaries]", "tags: [Sexual health, Boundaries and rules]")


def test_a_renamed_id_is_caught_by_the_lock(preview):
    after = preview.edit("data/checklists.yml", "    - id: scope\n", "    - id: scope-of-pass\n")
    preview.wait_for('data/ids.lock: the checklist item id "rules/scope" is no longer in data/. Readers\' saved '
                     "answers use it: put it back, or map it to its new id under `renamed:` (rules/scope: new-id), "
                     "or list it under `retired:` with the reason", after)
    preview.wait_for("The preview keeps going", after)
    assert 'data-item="scope"' in preview.get("prepare/practical-steps/")
    fixed(preview, "data/checklists.yml", "    - id: scope-of-pass\n", "    - id: scope\n")
