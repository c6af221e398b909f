"""The guide's macros module (mkdocs-macros, and Zensical's macros support): structured content from
data/ rendered into pages."""

from macros import engine
from macros.content import site_content
from macros.render import Renderer


def define_env(env):
    """Load and validate data/ once per build, then register one macro per component."""
    config = env.conf
    content = site_content(config)
    renderer = Renderer(content, config, page_src=lambda: engine.page_src(env.page))
    for name in Renderer.MACROS:
        env.macro(getattr(renderer, name), name)
