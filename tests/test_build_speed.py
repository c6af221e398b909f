"""What the build leaves out to stay fast: mkdocs-macros' git calls (macros/hooks.py, skip_git_info)."""

import os
import stat

from conftest import build, failing_build


def test_the_build_runs_no_git_and_a_page_asking_for_git_stops_it(project_copy, tmp_path):
    # A `git` on the PATH that records each call, in front of the real one.
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    log = tmp_path / "git-calls.log"
    git = fake_bin / "git"
    git.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexit 128\n', encoding="utf-8")
    git.chmod(git.stat().st_mode | stat.S_IEXEC)
    path = os.environ["PATH"]
    os.environ["PATH"] = f"{fake_bin}{os.pathsep}{path}"
    try:
        result = build(project_copy, tmp_path / "site")
        assert result.returncode == 0, result.stdout + result.stderr
        assert not log.exists(), "git was run: " + log.read_text(encoding="utf-8")

        chapter = project_copy / "docs" / "start" / "introduction.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nBuilt from {{ git.short_commit }}.\n",
                           encoding="utf-8")
        assert "short_commit" in failing_build(project_copy, tmp_path / "site-2")
    finally:
        os.environ["PATH"] = path


def test_compiled_templates_are_kept_and_a_changed_template_is_compiled_again(project_copy, tmp_path):
    """Builds keep Material's templates and ours compiled in .cache/templates/ (macros/render.py); the
    next build must still show an edit to either kind of template."""
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    kept = list((project_copy / ".cache" / "templates").glob("*.cache"))
    assert len(kept) > 20, f"{len(kept)} compiled templates kept"

    main = project_copy / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block htmltitle %}", '{% block htmltitle %}\n  <meta name="hp-edited-theme" content="yes">', 1),
        encoding="utf-8")
    checklist = project_copy / "macros" / "templates" / "checklist.html"
    checklist.write_text(checklist.read_text(encoding="utf-8").replace(
        '{% set prefix = "cl-" ~ checklist.id %}',
        '{% set prefix = "cl-" ~ checklist.id %}<!-- hp-edited-component -->', 1), encoding="utf-8")
    result = build(project_copy, tmp_path / "site-2")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site-2" / "prepare" / "safety-checklist" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="hp-edited-theme" content="yes">' in page
    assert "<!-- hp-edited-component -->" in page
