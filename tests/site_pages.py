"""What the tests and the benchmark share: every page of the built site, as paths and as served URLs
(so browser tests cover pages added later), and a copy of the project's sources to build elsewhere."""

import re
import shutil
from pathlib import Path

# What a build of the guide reads: a copy of these builds like the project itself.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides")


def copy_project(root: Path, destination: Path) -> Path:
    """The project's sources copied into destination (which may exist), to build or break there."""
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the built site (the 404 page too), relative to the site root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def one_page_per_script_set(site: Path) -> list[str]:
    """The first page (in built_pages order) of each set of scripts a page loads: the pages that run
    different code, for checks where pages running the same code behave the same."""
    first: dict = {}
    for relative in built_pages(site):
        scripts = tuple(re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', (site / relative).read_text(encoding="utf-8")))
        first.setdefault(tuple(src.lstrip("./") for src in scripts), relative)
    return sorted(first.values())


def page_url(base_url: str, relative: str) -> str:
    """The served address of a built page (directory URLs: `x/index.html` is `x/`)."""
    return base_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
