"""MkDocs hooks for the offline copy (`make offline`, OFFLINE=true): search from file:// with no request,
and no instant navigation (it cannot work from file://).

Material's offline plugin makes search work from file:// through the iframe-worker shim, and adds
https://unpkg.com/iframe-worker/shim to extra.polyfills unless a polyfill named iframe-worker is
already there. We list our own copy of the shim first (pinned in bench/package.json) and ship it with
the offline build only, so the offline copy fetches nothing and the web site carries no extra script.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

SHIM_SOURCE = Path(__file__).resolve().parent.parent / "bench" / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_PATH = "assets/javascripts/iframe-worker/shim.js"  # "iframe-worker" in the path is what the plugin looks for


def offline_build(config) -> bool:
    """True when this is the offline copy (`make offline`, OFFLINE=true)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)  # before the offline plugin's on_config, which would add the unpkg.com shim
def on_config(config):
    if offline_build(config):
        if not SHIM_SOURCE.is_file():
            raise PluginError(
                f"The offline build needs the iframe-worker shim at {SHIM_SOURCE}: "
                "run `make offline` (it runs `npm ci` in bench/)"
            )
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM_PATH]
        # Instant navigation fetches pages and the sitemap, which file:// forbids; with it on, Material's
        # document$ never emits and page scripts (ticks, answers) never run.
        config.theme["features"] = [f for f in config.theme["features"] if not f.startswith("navigation.instant")]
    return config


def on_files(files, config):
    if offline_build(config):
        files.append(File.generated(config, SHIM_PATH, abs_src_path=str(SHIM_SOURCE)))
    return files
