"""Generated pages: one printable page per checklist in data/, so adding a checklist adds its page."""

import yaml

CHECKLIST_INDEX = "checklists/index.md"


_made: list = []  # [(checklists, pages)]: the last data/ seen (load_content returns it again until it changes)


def checklist_pages(content: dict) -> dict[str, tuple[str, str]]:
    """{Markdown path: (nav title, Markdown source)} of each checklist's own page; the macros render it.
    Made once per version of data/: every build asks twice, and `make serve` on every save."""
    if _made and _made[0][0] is content["checklists.yml"]:
        return dict(_made[0][1])
    pages = {}
    for checklist in content["checklists.yml"]:
        meta = {
            "title": f"{checklist['title']} — printable checklist",
            "description": f"{checklist['purpose']} A checklist to tick and print; your ticks stay in this browser.",
            # Search finds its words once, in the chapter that holds it (which links here).
            "search": {"exclude": True},
        }
        pages[f"checklists/{checklist['id']}.md"] = (checklist["title"], (
            f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n"
            f"# {checklist['title']}\n\n{{{{ checklist_page(\"{checklist['id']}\") }}}}\n"
        ))
    _made[:] = [(content["checklists.yml"], pages)]
    return dict(pages)


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


def add_to_nav(nav: list, pages: dict) -> list:
    """mkdocs.yml's nav with every checklist page listed after the checklists index (unless listed)."""
    section = _find_section(nav or [], CHECKLIST_INDEX)
    if section is not None:
        listed = {next(iter(e.values())) for e in section if isinstance(e, dict)}
        for path, (title, _) in pages.items():
            if path not in listed:
                section.append({title: path})
    return nav


def nav_sources(nav) -> list[str]:
    """Every Markdown path in a nav, in reading order: mkdocs.yml's shape (strings, {title: path},
    lists) or Zensical's (dicts with "url" and "children")."""
    found = []
    for entry in nav or []:
        if isinstance(entry, str):
            found.append(entry)
        elif isinstance(entry, list):
            found += nav_sources(entry)
        elif isinstance(entry, dict) and "children" in entry:
            found += [entry["url"]] if entry.get("url") else []
            found += nav_sources(entry["children"])
        elif isinstance(entry, dict):
            for value in entry.values():
                found += nav_sources([value])
    return [src for src in found if src.endswith(".md")]
