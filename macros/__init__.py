"""The guide's mkdocs-macros module: structured content from data/ rendered into pages."""

from pathlib import Path

from macros.content import load_content
from macros.render import Renderer


def define_env(env):
    """Load and validate data/ once per build, then register one macro per component."""
    config = env.conf
    project_dir = Path(config["config_file_path"]).parent
    content = load_content(project_dir / "data", Path(config["docs_dir"]))
    renderer = Renderer(content, config, page_src=lambda: env.page.file.src_uri if env.page else "?")
    for name in Renderer.MACROS:
        env.macro(getattr(renderer, name), name)
