"""The one place that knows the guide is built by two engines, MkDocs (the default) and Zensical,
and decides every difference between them. Nothing here imports either engine.

Both read mkdocs.yml, but they hand our code different things: MkDocs a config object that knows its
file (`config_file_path`) and pages with a `file.src_uri`; Zensical a plain dict that knows its folder
(`root_dir`) and pages with a `path`.
"""

from __future__ import annotations

import os
from pathlib import Path

from markdown.extensions.toc import slugify

from macros import offline, pages
from macros.search_words import search_settings
from macros.errors import GuideError

MKDOCS = "mkdocs"
ZENSICAL = "zensical"

# Zensical's "classic" look is Material's, which our stylesheet was written for (its default, "modern", is new).
ZENSICAL_THEME = {"variant": "classic"}

# Our overrides Zensical does without: its own search partial already names the dialog and the
# field (what ours adds to Material's), and ours breaks its search header.
ZENSICAL_SKIPS_OVERRIDES = ("partials/search.html",)
# Zensical's search index, and the script the offline copy loads it from (file:// cannot fetch JSON).
# Its search reads only titles, text and places, so chapters' keywords join their text there.
ZENSICAL_SEARCH_INDEX = "search.json"
ZENSICAL_OFFLINE_SEARCH_INDEX = ("search.js", "var __index = {};")
# Zensical's script bundle: its search dialog writes a <style> element, which the page policy allows by hash.
ZENSICAL_BUNDLE = "assets/javascripts/bundle.*.min.js"
# Settings only MkDocs reads (Zensical ignores hooks; its adapter does their work).
MKDOCS_ONLY_SETTINGS = ("hooks", "watch")
# What adds the reading aids and tooltips under Zensical, in place of MkDocs' on_page_content hook.
ZENSICAL_READING_AIDS = "macros.zensical_markdown"


def engine_of(config) -> str:
    """Which engine passed this config: MkDocs' knows its file, Zensical's plain dict its folder."""
    return ZENSICAL if config.get("config_file_path") is None and config.get("root_dir") else MKDOCS


def project_dir(config) -> Path:
    """The folder holding mkdocs.yml (and data/ beside it)."""
    if engine_of(config) == ZENSICAL:
        return Path(config["root_dir"]).resolve()
    return Path(config["config_file_path"]).resolve().parent


def docs_dir(config) -> Path:
    """The Markdown sources; Zensical's may be relative to its project folder."""
    return project_dir(config) / config["docs_dir"] if engine_of(config) == ZENSICAL else Path(config["docs_dir"])


def page_url(src_path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file, keeping any #anchor. Without directory URLs (the offline
    copy, opened from file://) a page is its .html file."""
    path, _, anchor = src_path.partition("#")
    stem = path[: -len(".md")]
    if not directory_urls:
        url = stem + ".html"
    else:
        url = "" if stem == "index" else stem[: -len("index")] if stem.endswith("/index") else stem + "/"
    return url + (f"#{anchor}" if anchor else "")


def relative_url(url: str, from_url: str) -> str:
    """`url` as a link from the page at `from_url`, both relative to the site root (a last part with
    a dot is a file, so its folder counts), as MkDocs writes the links between its pages."""
    folder, _, last = from_url.rpartition("/")
    base = [part for part in (folder if "." in last else from_url).split("/") if part]
    target = [part for part in url.split("/") if part]
    shared = 0
    while shared < min(len(base), len(target)) and base[shared] == target[shared]:
        shared += 1
    relative = "/".join([".."] * (len(base) - shared) + target[shared:]) or "."
    return relative + "/" if url.endswith("/") else relative


def link(config, target_src: str, from_src: str) -> str:
    """The href, in the page made from `from_src`, of the page made from `target_src` (either may
    carry an #anchor). MkDocs leaves it as written, so it is relative to the built page's URL; Zensical
    reads it as relative to the Markdown file's folder and rewrites it for the built page's URL."""
    directory_urls = config.get("use_directory_urls", True)
    from_url = page_url(from_src, directory_urls=engine_of(config) == MKDOCS and directory_urls)
    return relative_url(page_url(target_src, directory_urls), from_url)


def offline_copy(config) -> bool:
    """Whether this build is the offline copy (`make offline`, OFFLINE=true): from MkDocs' loaded
    plugins, or from mkdocs.yml's plugin list as read (Zensical's adapter)."""
    plugins = config["plugins"]
    if isinstance(plugins, list):
        return offline.enabled_in(plugins)
    plugin = plugins.get("material/offline") or plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


PLACEHOLDER_HOST = ".example.org"  # mkdocs.yml's site_url until the guide has its own address
PUBLISHING = "HP_PUBLISHING"  # set by the publishing workflow: the placeholder then stops the build


def placeholder_site_url(config) -> str | None:
    """A note when site_url is still the placeholder (it reaches the sitemap and the printed
    checklists' addresses). Publishing (HP_PUBLISHING=true) turns it into a mistake."""
    url = config.get("site_url") or ""
    if PLACEHOLDER_HOST not in url:
        return None
    note = (f"site_url in mkdocs.yml is still the placeholder {url}: set it to the guide's own address "
            "before publishing (the sitemap and the printed checklists show it)")
    if os.environ.get(PUBLISHING, "").lower() in ("1", "true", "yes"):
        raise GuideError(note)
    return note


def allowed_tags(config) -> list:
    """The tags plugin's tags_allowed: from MkDocs' loaded plugins, or mkdocs.yml's plugin list as read."""
    plugins = config["plugins"]
    if isinstance(plugins, list):
        for plugin in plugins:
            if isinstance(plugin, dict) and ("tags" in plugin or "material/tags" in plugin):
                return list((next(iter(plugin.values())) or {}).get("tags_allowed") or [])
        return []
    plugin = plugins.get("material/tags") or plugins.get("tags")
    return [getattr(tag, "name", tag) for tag in plugin.config.tags_allowed or []] if plugin else []  # Material: Tag objects


def topic_anchor(tag: str) -> str:
    """The id of a topic's section on the topics page (the tags plugin's, the same in both engines)."""
    return "tag:" + slugify(tag, "-")


def page_src(page) -> str:
    """A page's Markdown path under docs/, e.g. `prepare/safety-checklist.md`."""
    if page is None:
        return "?"
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def _with_search_settings(plugin):
    """A plugin entry of mkdocs.yml; the search plugin's with its separator and pipeline (as MkDocs' on_config sets them)."""
    if isinstance(plugin, dict) and "search" in plugin:
        settings = dict(plugin["search"] or {})
        search_settings(settings)
        return {"search": settings}
    return plugin


def zensical_config(config: dict, checklist_pages: dict) -> dict:
    """mkdocs.yml as Zensical gets it, from its build-time copy of the project (docs/, overrides/,
    site/ inside it): the checklist pages in the nav, our reading-aids extension, no MkDocs-only
    settings, and the offline copy's settings when OFFLINE=true."""
    config = {key: value for key, value in config.items() if key not in MKDOCS_ONLY_SETTINGS}
    config["docs_dir"], config["site_dir"] = "docs", "site"
    config["theme"] = {**config["theme"], **ZENSICAL_THEME, "custom_dir": "overrides"}
    config["nav"] = pages.add_to_nav(config["nav"], checklist_pages)
    config["markdown_extensions"] = [*config.get("markdown_extensions", []), ZENSICAL_READING_AIDS]
    config["plugins"] = [_with_search_settings(plugin) for plugin in config.get("plugins", [])]
    if offline_copy(config):  # what MkDocs' on_config hook does for the offline copy
        extra = config.get("extra") or {}
        config["extra"] = {**extra, "polyfills": offline.with_shim(extra.get("polyfills") or [])}
        config["theme"]["features"] = offline.without_instant_navigation(config["theme"].get("features", []))
    return config
