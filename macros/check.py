"""`make check-data` (and pre-commit): data/ and the chapters' front matter checked as the build checks
them, in about a second, without building the site. Prints each mistake; exits 1 when there is one."""

from __future__ import annotations

import sys
from pathlib import Path

from macros import engine, pages
from macros.content import load_content
from macros.errors import GuideError
from macros.reading_aids import PageIndex
from macros.zensical_build import read_config

ROOT = Path(__file__).resolve().parent.parent


def check(project: Path = ROOT) -> list[str]:
    config = read_config(project / "mkdocs.yml")
    docs = project / config.get("docs_dir", "docs")
    mistakes = []
    for step in (
        lambda: load_content(project / "data", docs),
        lambda: PageIndex(((src, (docs / src).read_text(encoding="utf-8")) for src in pages.nav_sources(config["nav"])
                           if (docs / src).is_file()), engine.allowed_tags(config)),
    ):
        try:
            step()
        except GuideError as error:
            mistakes.append(str(error))
    return mistakes


if __name__ == "__main__":
    found = check()
    print("\n".join(found) if found else "data/ and front matter: no mistakes")
    sys.exit(1 if found else 0)
