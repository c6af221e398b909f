"""MkDocs hooks, a thin adapter over the engine-neutral core in macros/: a page per checklist in
data/; on each page, controls kept out of the search index, quiet heading permalinks, reading aids
and glossary tooltips; chapters' keywords in the search index; and the offline copy's settings
(`make offline`). Our errors become MkDocs' PluginError, which MkDocs reports as one clear message."""

import functools
import json
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # mkdocs loads hooks by path; make `macros` importable as a package
    sys.path.insert(0, str(PROJECT_DIR))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from macros import engine, offline, pages  # noqa: E402
from macros.content import GuideError, site_content  # noqa: E402
from macros.reading_aids import PageIndex, decorate_page, glossary_terms  # noqa: E402
from macros.render import structured_data_into_head  # noqa: E402
from macros.search_index import add_keywords, page_front_matter  # noqa: E402

_index: list = []  # this build's PageIndex, made in on_nav


def reported(hook):
    """Run a hook; a mistake in the sources stops MkDocs with our message, not a traceback."""
    @functools.wraps(hook)
    def run(*args, **kwargs):
        try:
            return hook(*args, **kwargs)
        except GuideError as error:
            raise PluginError(str(error)) from error
    return run


# Before the macros plugin loads data/, so a data mistake is reported here; and before the offline
# plugin's on_config, which would add the unpkg.com shim.
@event_priority(100)
@reported
def on_config(config):
    """Before the build starts: list every checklist page in the nav, after the checklists index;
    offline, our own shim and no instant navigation."""
    pages.add_to_nav(config.nav, pages.checklist_pages(site_content(config)))
    if engine.offline_copy(config):
        offline.shim_source()
        config.extra["polyfills"] = offline.with_shim(config.extra.get("polyfills", []))
        config.theme["features"] = offline.without_instant_navigation(config.theme["features"])
    return config


@reported
def on_files(files, config):
    """Add one generated Markdown page per checklist (the macros plugin renders it); offline, the shim."""
    for path, (_, markdown) in pages.checklist_pages(site_content(config)).items():
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=markdown))
    if engine.offline_copy(config):
        files.append(File.generated(config, offline.SHIM_PATH, abs_src_path=str(offline.shim_source())))
    return files


@reported
def on_nav(nav, config, files):
    """Read every page's front matter first, so any chapter can list the others as related."""
    _index[:] = [PageIndex((page.file.src_uri, page.file.content_string) for page in nav.pages)]
    return nav


@reported
def on_page_content(content_html, page, config, files):
    src = page.file.src_uri
    return decorate_page(content_html, src, _index[0], glossary_terms(site_content(config)),
                         lambda target: engine.link(config, target, src))


def on_post_page(output, page, config):
    """The FAQ's structured data into <head> (before the policy hook names the page's scripts)."""
    return structured_data_into_head(output)


@event_priority(-50)  # after the search plugin writes its index, before the offline plugin copies it
def on_post_build(config):
    """Put each chapter's keywords into the search index, where search finds them but no reader sees them
    (and its description where its own entry would show a blank)."""
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    pages = page_front_matter(Path(config["docs_dir"]), config["use_directory_urls"])
    path.write_text(json.dumps(add_keywords(index, pages), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
