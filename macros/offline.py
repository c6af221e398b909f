"""The offline copy (`make offline`, OFFLINE=true): search from file:// with no request, and no
instant navigation (it cannot work from file://). Both engines' offline plugins work alike.

Their offline plugin makes search work from file:// through the iframe-worker shim, and adds
https://unpkg.com/iframe-worker/shim to extra.polyfills unless a polyfill named iframe-worker is
already there. We list our own copy of the shim first (pinned in package.json) and ship it with
the offline build only, so the offline copy fetches nothing and the web site carries no extra script.
"""

from pathlib import Path

from macros.errors import GuideError

SHIM_SOURCE = Path(__file__).resolve().parent.parent / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_PATH = "assets/javascripts/iframe-worker/shim.js"  # "iframe-worker" in the path is what the plugins look for


def shim_source() -> Path:
    """Our pinned copy of the shim; the offline build stops without it."""
    if not SHIM_SOURCE.is_file():
        raise GuideError(
            f"The offline build needs the iframe-worker shim at {SHIM_SOURCE}: "
            "run `make offline` (it runs `npm ci`)"
        )
    return SHIM_SOURCE


def with_shim(polyfills: list) -> list:
    return [*polyfills, SHIM_PATH]


def without_instant_navigation(features: list) -> list:
    """Instant navigation fetches pages and the sitemap, which file:// forbids; with it on, Material's
    document$ never emits and page scripts (ticks, answers) never run."""
    return [feature for feature in features if not feature.startswith("navigation.instant")]


def enabled_in(plugins: list) -> bool:
    """Whether mkdocs.yml's plugin list (as read, !ENV resolved) turns the offline plugin on."""
    for plugin in plugins or []:
        name, settings = next(iter(plugin.items())) if isinstance(plugin, dict) else (plugin, {})
        if name in ("offline", "material/offline"):
            return bool((settings or {}).get("enabled", True))
    return False
