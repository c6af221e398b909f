"""MkDocs hook: the Content-Security-Policy in every page as it is written, and `_headers` for static hosts
after the build (macros/security.py does the work; this only connects it to MkDocs)."""

import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # mkdocs loads hooks by path; make `macros` importable as a package
    sys.path.insert(0, str(PROJECT_DIR))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from macros import engine  # noqa: E402
from macros.errors import GuideError  # noqa: E402
from macros.offline import shim_source  # noqa: E402
from macros.security import secure_page, write_headers  # noqa: E402

_hashes: set = set()  # every page's inline-script hashes, for _headers
_build = {"serve": False, "offline": False, "shim": None}  # the offline copy searches through the iframe-worker shim


def on_startup(command, dirty):
    """`mkdocs serve` adds its live-reload script to every page, different on every request: no hash can
    name it, so the preview goes without a policy. Built sites always have one."""
    _build["serve"] = command == "serve"


def on_pre_build(config):
    _hashes.clear()
    _build["offline"] = engine.offline_copy(config)
    _build["shim"] = shim_source().read_text(encoding="utf-8") if _build["offline"] else None


def _secure(output: str, dest_uri: str, config) -> str:
    if _build["serve"]:
        return output
    try:
        output, hashes = secure_page(output, dest_uri, _build["offline"], _build["shim"])
    except GuideError as error:
        raise PluginError(str(error)) from error
    _hashes.update(hashes)
    return output


@event_priority(-200)  # last, so the policy names the scripts of the page exactly as written
def on_post_page(output, page, config):
    return _secure(output, page.file.dest_uri, config)


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    """Pages rendered from a theme template alone (404.html)."""
    return _secure(output_content, template_name, config) if template_name.endswith(".html") else output_content


def on_post_build(config):
    if not _build["offline"] and not _build["serve"]:
        write_headers(Path(config["site_dir"]), _hashes)
