"""MkDocs hook: after the build, the Content-Security-Policy in every page and `_headers` for static
hosts (macros/security.py does the work; this only connects it to MkDocs)."""

import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # mkdocs loads hooks by path; make `macros` importable as a package
    sys.path.insert(0, str(PROJECT_DIR))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from macros.offline_hooks import offline_build  # noqa: E402
from macros.security import PolicyError, secure_site  # noqa: E402


@event_priority(-200)  # last: after every plugin that writes pages (the offline plugin runs at -100)
def on_post_build(config):
    try:
        secure_site(Path(config["site_dir"]), offline=offline_build(config))
    except PolicyError as error:
        raise PluginError(str(error)) from error
