"""Every page of the built site, as paths and as served URLs, so browser tests cover pages added later."""

from pathlib import Path


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the built site (the 404 page too), relative to the site root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def page_url(base_url: str, relative: str) -> str:
    """The served address of a built page (directory URLs: `x/index.html` is `x/`)."""
    return base_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
