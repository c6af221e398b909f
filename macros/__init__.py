"""The guide's macros module (mkdocs-macros, and Zensical's macros support): structured content from
data/ rendered into pages."""

from copy import copy

from macros import engine
from macros.content import site_content
from macros.errors import log, mistake_box, page_mistake
from macros.render import Renderer


def define_env(env):
    """Load and validate data/ once per build, then register one macro per component."""
    config = env.conf
    content = site_content(config)
    renderer = Renderer(content, config, page_src=lambda: engine.page_src(env.page))
    for name in Renderer.MACROS:
        env.macro(getattr(renderer, name), name)
    if engine.engine_of(config) == engine.MKDOCS:
        env.render = _render_reporting_mistakes(env)


def _render_reporting_mistakes(plugin):
    """mkdocs-macros' page rendering, with a mistake in a page reported as one line (file, true line,
    what is wrong) through MkDocs' logger, so `--strict` stops the build and `make serve` keeps going.
    The plugin's own report is a Markdown block with a traceback, its line counted after the front
    matter, and with `on_error_fail` it exits the preview."""
    def render(markdown: str, force_rendering: bool = False) -> str:
        page = plugin.page
        if (page.meta or {}).get("render_macros") is False:  # hooks.py: a page with nothing to render
            return markdown
        variables = copy(plugin.variables)
        variables.update(page.meta or {})
        try:
            return plugin.env.from_string(markdown).render(**variables)
        except Exception as error:  # any mistake in a page: reported, and the preview goes on
            message = page_mistake(error, page.file.src_uri, page.file.content_string, markdown)
            log.error(message)
            return mistake_box(message, markdown)
    return render
