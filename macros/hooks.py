"""MkDocs hooks, a thin adapter over the engine-neutral core in macros/: a page per checklist in
data/; on each page, controls kept out of the search index, quiet heading permalinks, reading aids
and glossary tooltips; chapters' keywords in the search index; the Content-Security-Policy in every
page and `_headers` beside them; and the offline copy's settings (`make offline`). Our errors become
MkDocs' PluginError, which MkDocs reports as one clear message."""

import functools
import html
import json
import logging
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # mkdocs loads hooks by path; make `macros` importable as a package
    sys.path.insert(0, str(PROJECT_DIR))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from macros import engine, offline, pages, preview  # noqa: E402
from macros.content import site_content  # noqa: E402
from macros.errors import GuideError, log  # noqa: E402
from macros.favicon import with_inline_favicon  # noqa: E402
from macros.minify import strip_built_assets  # noqa: E402
from macros.nav_titles import without_nav_ellipsis  # noqa: E402
from macros.page_scripts import keep_page_scripts, scripts_named, write_script_files  # noqa: E402
from macros.reading_aids import PageIndex, decorate_page, glossary_terms  # noqa: E402
from macros.render import COMPILED_TEMPLATES, structured_data_into_head  # noqa: E402
from macros.search_index import add_keywords, page_front_matter  # noqa: E402
from macros.search_words import search_settings  # noqa: E402
from macros.security import secure_page, write_headers  # noqa: E402
from macros.stylesheets import for_one_stylesheet, merge_material_into_guide_css  # noqa: E402

_index: list = []  # this build's PageIndex, made in on_nav
PREVIEW_PAGES = ("index.html", "404.html")  # what the preview shows when it has never built
_hashes: set = set()  # every page's inline-script hashes, for _headers
_script_lists: set = set()  # the scripts each page names (macros/page_scripts.py); kept across serve rebuilds
_build = {"serve": False, "offline": False, "shim": None,  # the offline copy searches through the iframe-worker shim
          "favicon": None}  # the SVG each page carries (macros/favicon.py)


def on_startup(command, dirty):
    """`mkdocs serve`: a mistake never stops the preview, and never leaves the browser waiting; with
    --dirty (`make serve`), only saved chapters are rebuilt (macros/preview.py). The preview goes
    without a Content-Security-Policy: its live-reload script differs on every request, so no hash
    can name it. Built sites always have one."""
    preview.start(command, dirty)
    _build["serve"] = command == "serve"
    if command == "serve":
        import mkdocs.commands.serve as serve_command
        serve_command.build = _build_surviving_mistakes(serve_command.build)


def _build_surviving_mistakes(build):
    """MkDocs' serve leaves every page request waiting while its last build failed, and exits when its
    first build fails. Here a failed build counts as done: the browser keeps the last good pages (a
    data mistake stops the build before it cleans them) or gets a page with the message (a mistake in
    a page is shown where its content would be; before any good build, every address shows them all)."""
    @functools.wraps(build)
    def run(config, **kwargs):
        mistakes = _Collect()
        logging.getLogger("mkdocs").addHandler(mistakes)
        try:
            build(config, **kwargs)
        except Exception:  # noqa: BLE001 (every mistake, ours or MkDocs', keeps the preview up)
            log.info("The preview keeps going: fix the mistake above and save, and the page reloads.")
            site = Path(config["site_dir"])
            if not (site / "index.html").is_file():
                message = html.escape("\n".join(mistakes.messages))
                page = f"<!doctype html><title>The guide has a mistake</title><pre>{message}</pre>"
                for name in PREVIEW_PAGES:
                    (site / name).write_text(page, encoding="utf-8")
        finally:
            logging.getLogger("mkdocs").removeHandler(mistakes)
    return run


class _Collect(logging.Handler):
    """The build's warnings and errors, as the terminal shows them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def reported(hook):
    """Run a hook; a mistake in the sources stops MkDocs with our message, not a traceback."""
    @functools.wraps(hook)
    def run(*args, **kwargs):
        try:
            return hook(*args, **kwargs)
        except GuideError as error:
            raise PluginError(str(error)) from error
    return run


def on_pre_build(config):
    """In `make serve`, after a change to data/, templates or settings, every page is built again."""
    preview.before_build(Path(config.config_file_path).parent, Path(config.site_dir))
    _hashes.clear()
    _build["offline"] = engine.offline_copy(config)
    _build["shim"] = offline.shim_source().read_text(encoding="utf-8") if _build["offline"] else None
    favicon = Path(config["docs_dir"]) / str(config["theme"]["favicon"])
    _build["favicon"] = favicon.read_text(encoding="utf-8") if favicon.suffix == ".svg" and favicon.is_file() else None


def on_env(env, config, files):
    """Material's templates and ours, compiled once for every later build (macros/render.py)."""
    env.bytecode_cache = COMPILED_TEMPLATES
    return env


def skip_git_info():
    """mkdocs-macros runs git 13 times per build (0.1-0.2 s, and on every save in `make serve`) to offer
    a `git` variable with the last commit; no page or template of the guide uses it. It stays defined,
    without the commit, so `{{ git.commit }}` stops the build (on_undefined: strict) instead of passing."""
    import mkdocs_macros.context

    mkdocs_macros.context.get_git_info = lambda: {"status": False, "date": None,
                                                  "diagnosis": "not read: the guide uses no git variable"}


# Before the macros plugin loads data/, so a data mistake is reported here; and before the offline
# plugin's on_config, which would add the unpkg.com shim.
@event_priority(100)
@reported
def on_config(config):
    """Before the build starts: list every checklist page in the nav, after the checklists index;
    offline, our own shim and no instant navigation; search's separator and pipeline (macros/search_index.py).
    mkdocs-macros is told not to ask git."""
    skip_git_info()
    preview.reuse_theme_file_list(config.theme)
    note = engine.placeholder_site_url(config)
    if note and not _build["serve"]:  # a note, not a warning: `make test`'s strict build stays green
        log.info("Note: %s", note)
    # Front matter is checked before the build cleans the site folder, so the preview keeps its last good pages.
    docs = Path(config["docs_dir"])
    PageIndex(((src, (docs / src).read_text(encoding="utf-8")) for src in pages.nav_sources(config.nav)
               if (docs / src).is_file()), engine.allowed_tags(config))
    pages.add_to_nav(config.nav, pages.checklist_pages(site_content(config)))
    if "material/search" in config.plugins:
        search_settings(config.plugins["material/search"].config)
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
            generated = File.generated(config, path, content=markdown)
            preview.keep_generated_page(generated, config.site_dir)
            files.append(generated)
    if engine.offline_copy(config):
        files.append(File.generated(config, offline.SHIM_PATH, abs_src_path=str(offline.shim_source())))
    return files


@reported
def on_nav(nav, config, files):
    """Read every page's front matter first, so any chapter can list the others as related."""
    _index[:] = [PageIndex(((page.file.src_uri, page.file.content_string) for page in nav.pages), engine.allowed_tags(config))]
    return nav


@event_priority(100)  # before the macros plugin renders the page
def on_page_markdown(markdown, page, config, files):
    """A page with no `{{ }}`, `{% %}` or `{# #}` is left alone by the macros plugin: nothing to render,
    and compiling the whole page as a template is a good part of its cost."""
    if not any(mark in markdown for mark in ("{{", "{%", "{#")):
        page.meta.setdefault("render_macros", False)
    return markdown


@reported
def on_page_content(content_html, page, config, files):
    src = page.file.src_uri
    return decorate_page(content_html, src, _index[0], glossary_terms(site_content(config)),
                         lambda target: engine.link(config, target, src))


@reported
def _secure(output: str, dest_uri: str) -> str:
    """The Content-Security-Policy in the page as written (macros/security.py); its hashes go to _headers."""
    if _build["serve"]:
        return output
    output, hashes = secure_page(output, dest_uri, _build["offline"], _build["shim"])
    _hashes.update(hashes)
    return output


@event_priority(-200)  # last, so the policy names the scripts of the page exactly as written
def on_post_page(output, page, config):
    """The FAQ's structured data into <head>; only the scripts whose components the page contains
    (macros/page_scripts.py); one stylesheet, with Material's in it (macros/stylesheets.py); the favicon
    inside the page (macros/favicon.py); then the policy."""
    output = keep_page_scripts(structured_data_into_head(output), [str(script) for script in config.extra_javascript])
    _script_lists.add(scripts_named(output))
    return _secure(_lighter_start(output), page.file.dest_uri)


def _lighter_start(output: str) -> str:
    """Two requests fewer as each page starts (Material's stylesheets and the favicon), fewer restyles,
    and less for Material's start-up to watch (macros/nav_titles.py)."""
    return without_nav_ellipsis(with_inline_favicon(for_one_stylesheet(output), _build["favicon"]))


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    """Pages rendered from a theme template alone (404.html)."""
    return _secure(_lighter_start(output_content), template_name) if template_name.endswith(".html") else output_content


@event_priority(-50)  # after the search plugin writes its index, before the offline plugin copies it
def on_post_build(config):
    """Put each chapter's keywords into the search index, where search finds them but no reader sees them
    (and its description where its own entry would show a blank); and our CSS and JavaScript without
    comments and indentation (macros/minify.py), and each page's scripts in one file too
    (macros/page_scripts.py); Material's stylesheets at the top of guide.css (macros/stylesheets.py);
    `_headers` for static hosts."""
    if not _build["offline"] and not _build["serve"]:
        write_headers(Path(config["site_dir"]), _hashes)
    strip_built_assets(Path(config["site_dir"]), [str(p) for p in [*config.extra_css, *config.extra_javascript]])
    write_script_files(Path(config["site_dir"]), _script_lists)
    merge_material_into_guide_css(Path(config["site_dir"]), tabs="pymdownx.tabbed" in config["markdown_extensions"])
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    pages = page_front_matter(Path(config["docs_dir"]), config["use_directory_urls"])
    path.write_text(json.dumps(add_keywords(index, pages), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
