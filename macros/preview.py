"""`make serve` rebuilds only the chapters that were saved (`mkdocs serve --dirty`), so a saved chapter
shows within a second instead of after a whole-site build.

What a dirty rebuild cannot know, this module makes up for:
* a page shows data/, templates and settings too: when any of those changed since the last build, every
  page is built again (the site folder is emptied first, so MkDocs takes every page as changed);
* MkDocs lists the theme's 14,000 files (Material's icons) again on every build to find what to copy:
  the list is kept between builds, until a shared source changes;
* our checklist pages are made from data/ and would be rebuilt every time: they are kept as they are
  unless data/ changed (then every page is rebuilt anyway);
* MkDocs warns on every dirty build that navigation may be stale, which `--strict` would turn into a
  failed build: that one warning is dropped (other pages' navigation catches up on the next full build).

The state lives here, not in hooks.py: MkDocs loads hooks.py afresh for every build, but imports this
module once for the whole `make serve`."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

# Not chapters, but in every page: a change to any of these rebuilds every page.
SHARED_SOURCES = ("data", "macros", "overrides", "mkdocs.yml")
DIRTY_WARNING = "A 'dirty' build is being performed"

dirty_serve = False
_last_stamp: dict[str, tuple] = {}


class _DropDirtyWarning(logging.Filter):
    def filter(self, record):
        return not record.getMessage().startswith(DIRTY_WARNING)


def start(command: str, dirty: bool) -> None:
    """At `mkdocs serve --dirty`'s start: remember it, and drop MkDocs' dirty-build warning."""
    global dirty_serve
    dirty_serve = command == "serve" and dirty
    if dirty_serve:
        logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyWarning())


def _stamp(project_dir: Path) -> tuple:
    """Every shared source file with its modification time."""
    found = []
    for name in SHARED_SOURCES:
        path = project_dir / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        found += [(str(p), p.stat().st_mtime_ns) for p in files if "__pycache__" not in p.parts]
    return tuple(found)


def before_build(project_dir: Path, site_dir: Path) -> None:
    """In a dirty `make serve`: when a shared source changed since the last build, empty the site folder
    so every page is built again."""
    if not dirty_serve:
        return
    stamp = _stamp(project_dir)
    previous = _last_stamp.get(str(site_dir))
    _last_stamp[str(site_dir)] = stamp
    if previous != stamp:
        _theme_files.clear()
    if previous is not None and previous != stamp and site_dir.is_dir():
        for child in site_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()


def keep_generated_page(file, site_dir: Path) -> None:
    """In a dirty `make serve`, a generated page already written stays as it is (see before_build)."""
    if dirty_serve and (Path(site_dir) / file.dest_uri).is_file():
        file.is_modified = lambda: False


_theme_files: dict[tuple, list[str]] = {}


def reuse_theme_file_list(theme) -> None:
    """In a dirty `make serve`, list the theme's files once (until a shared source changes): every new
    Jinja environment of this theme answers `list_templates` from the first answer."""
    if not dirty_serve or getattr(theme, "_hp_listing_kept", False):
        return
    make_env = theme.get_env

    def get_env():
        env = make_env()
        list_templates = env.list_templates

        def kept(extensions=None, filter_func=None):
            key = (tuple(theme.dirs), extensions, getattr(filter_func, "__qualname__", None))
            if key not in _theme_files:
                _theme_files[key] = list_templates(extensions, filter_func)
            return list(_theme_files[key])
        env.list_templates = kept
        return env
    theme.get_env = get_env
    theme._hp_listing_kept = True
