"""MkDocs hooks: a page per checklist in data/, generated, so adding a checklist adds its page; and on
every page, controls kept out of the search index and heading permalinks kept quiet."""

import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # mkdocs loads hooks by path; make `macros` importable as a package
    sys.path.insert(0, str(PROJECT_DIR))

import yaml  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from macros.content import site_content  # noqa: E402
from macros.headings import quiet_permalinks  # noqa: E402
from macros.search_index import exclude_controls  # noqa: E402

CHECKLIST_INDEX = "checklists/index.md"


def _checklists(config):
    return site_content(config)["checklists.yml"]


def _find_section(nav, src_path):
    """The nav list that holds src_path, searching nested sections."""
    for entry in nav:
        children = entry if isinstance(entry, list) else list(entry.values()) if isinstance(entry, dict) else [entry]
        for child in children:
            if child == src_path:
                return nav
            if isinstance(child, list):
                found = _find_section(child, src_path)
                if found is not None:
                    return found
    return None


def on_config(config):
    """Before the build starts: list every checklist page in the nav, after the checklists index."""
    section = _find_section(config.nav or [], CHECKLIST_INDEX)
    if section is not None:
        listed = {next(iter(e.values())) for e in section if isinstance(e, dict)}
        for checklist in _checklists(config):
            path = f"checklists/{checklist['id']}.md"
            if path not in listed:
                section.append({checklist["title"]: path})
    return config


def on_files(files, config):
    """Add one generated Markdown page per checklist; the macros plugin renders it."""
    for checklist in _checklists(config):
        path = f"checklists/{checklist['id']}.md"
        if files.get_file_from_path(path) is None:
            meta = {
                "title": f"{checklist['title']} — printable checklist",
                "description": f"{checklist['purpose']} A checklist to tick and print; your ticks stay in this browser.",
                # Search finds its words once, in the chapter that holds it (which links here).
                "search": {"exclude": True},
            }
            files.append(File.generated(config, path, content=(
                f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n"
                f"# {checklist['title']}\n\n{{{{ checklist_page(\"{checklist['id']}\") }}}}\n"
            )))
    return files


def on_page_content(content_html, page, config, files):
    """Search indexes the words a reader reads, not the buttons'; a heading is read without its ¶."""
    return exclude_controls(quiet_permalinks(content_html))
