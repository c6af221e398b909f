"""The site's Content-Security-Policy and security headers, made from the built pages.

Plain Python with no MkDocs import, so any engine can run it over its output folder after a build:
`secure_site(site_dir)` puts a <meta> policy in every page, naming each inline script of that page by
its sha256 hash, and writes `_headers` (Netlify, Cloudflare Pages) with the same policy and the
headers a meta tag cannot carry, and `nginx-headers.conf` with the same for nginx. The hashes come
from the pages as built, so a Material upgrade that changes its inline scripts changes the hashes
with it. An engine with a per-page step can call
`secure_page` on each page as it is written instead (no second pass over the files), then `write_headers`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from macros.errors import GuideError

# The policy, one directive a line, each with the reason it is there.
POLICY = (
    ("default-src", "'self'", "anything not named below (fonts, media, manifests): only this site's own files"),
    ("script-src", "'self'", "script files from this site; each inline script is added by its sha256 hash, "
                             "so no other inline or injected script runs (no 'unsafe-inline', no 'unsafe-eval')"),
    ("style-src", "'self'", "the stylesheets are files from this site; no <style> element or style attribute is "
                            "needed (scripts set styles through the DOM, which CSP allows)"),
    ("img-src", "'self' data:", "Material draws some icons as data: images"),
    ("connect-src", "'self'", "search index, sitemap and instant navigation fetch from this site only"),
    ("worker-src", "'self'", "search runs in a worker script from this site"),
    ("object-src", "'none'", "no plugins (<object>, <embed>) ever"),
    ("base-uri", "'none'", "no <base> element may redirect the page's relative links"),
    ("form-action", "'self'", "no form may send what a reader typed to another site"),
)
# Only in a header: browsers ignore frame-ancestors in a <meta> policy.
HEADER_ONLY = (
    ("frame-ancestors", "'none'", "no other site may show the guide in a frame (click-jacking)"),
)
# The offline copy, opened from file://: Firefox gives every file its own origin, so 'self' names no other
# file of the folder there (Chromium lets it match; tests/test_offline_browser.py checks Chromium). `file:`
# names the folder's files for every kind of file the pages load; the copy has nothing to fetch but those.
OFFLINE_SOURCE = "file:"
OFFLINE_DIRECTIVES = {"default-src", "script-src", "style-src", "img-src", "connect-src", "worker-src"}

HEADERS = (
    ("X-Content-Type-Options", "nosniff", "a file is only ever used as the type it is served as"),
    ("Referrer-Policy", "no-referrer", "no site a reader moves on to learns they were reading this guide"),
    ("Permissions-Policy",
     "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), "
     "accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), browsing-topics=()",
     "features the guide never uses, off for it and anything it could ever embed; browsing-topics=() keeps "
     "the guide out of ad-interest topics (interest-cohort is left out: browsers no longer know it and log an error)"),
)
# Material's fingerprinted files (a hash in the name changes with the content): cached for a year.
FINGERPRINTED = re.compile(r"^assets/(javascripts|stylesheets)/.+\.[0-9a-f]{8}\.min\.(js|css)$")
IMMUTABLE = "public, max-age=31536000, immutable"

CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
SHIM_SCRIPT = re.compile(r"<script>(postMessage=.*?)<\\/script>")
SHIM_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
META_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)


class PolicyError(GuideError):
    """A page the policy cannot be added to safely, named by its file."""


def inline_scripts(page_html: str) -> list[str]:
    """The text of every inline script element. Data blocks (JSON) are included: browsers never run them,
    but the W3C checker counts them as inline scripts, and naming their exact text allows nothing."""
    return [text for attributes, text in SCRIPT.findall(page_html)
            if not re.search(r"\bsrc\s*=", attributes, re.IGNORECASE)]


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this script text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _function_source(script: str, name: str) -> str | None:
    """The source text of `function name(...){...}` in a script (what the browser's toString gives), or None."""
    start = script.find(f"function {name}(")
    if start < 0:
        return None
    depth = 0
    for end in range(script.index("{", start), len(script)):
        depth += {"{": 1, "}": -1}.get(script[end], 0)
        if depth == 0:
            return script[start:end + 1]
    return None


def worker_shim_script(shim: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim (search in the offline copy) writes into its frame:
    its template with the shim's functions and the worker's URL filled in. The frame inherits the
    page's policy, so this script needs its hash too."""
    template = SHIM_SCRIPT.search(shim)
    names = SHIM_PLACEHOLDER.findall(template.group(1)) if template else []
    functions = {name: _function_source(shim, name) for name in names}
    if not template or sum(source is None for source in functions.values()) != 1:
        raise PolicyError("the iframe-worker shim no longer writes the inline script this policy expects")
    return SHIM_PLACEHOLDER.sub(lambda m: functions[m.group(1)] or worker_url, template.group(1))


def policy(hashes, offline: bool = False, header: bool = False, styles=()) -> str:
    """The policy text: script-src lists the hashes (sorted, so builds are reproducible); style-src the
    hashes of `styles`, style elements a theme's script writes (Zensical's search dialog has one)."""
    directives = []
    for name, sources, _why in POLICY + (HEADER_ONLY if header else ()):
        if name == "script-src":
            sources = " ".join([sources, *sorted(set(hashes))])
        if name == "style-src" and styles:
            sources = " ".join([sources, *sorted({script_hash(text) for text in styles})])
        if offline and name in OFFLINE_DIRECTIVES:
            sources = f"{sources} {OFFLINE_SOURCE}"
        directives.append(f"{name} {sources}")
    return "; ".join(directives)


def runtime_scripts(page_html: str, shim: str | None) -> list[str]:
    """Inline scripts the page's own scripts write at run time: only the frame of the iframe-worker shim
    (`shim`, its text), which runs search in the offline copy, on pages that load it."""
    if shim is None or not re.search(r'<script\b[^>]*\bsrc="[^"]*iframe-worker', page_html):
        return []
    config = CONFIG.search(page_html)
    if config is None:
        return []
    return [worker_shim_script(shim, json.loads(config.group(1))["search"])]


def add_policy_meta(page_html: str, where: str, offline: bool = False, more_scripts=(), styles=()) -> tuple[str, list[str]]:
    """The page with its policy as the first thing in <head> after the charset, so it governs every script.
    `more_scripts` are inline scripts the page creates at run time. Returns the page and the hashes it names."""
    if 'http-equiv="Content-Security-Policy"' in page_html:
        raise PolicyError(f"{where}: already has a Content-Security-Policy meta tag")
    anchor = META_CHARSET.search(page_html) or re.search(r"<head\b[^>]*>", page_html, re.IGNORECASE)
    if anchor is None:
        raise PolicyError(f"{where}: no <head> to put the Content-Security-Policy in")
    if SCRIPT.search(page_html, 0, anchor.end()):
        raise PolicyError(f"{where}: a script comes before the Content-Security-Policy could be placed")
    hashes = sorted({script_hash(text) for text in [*inline_scripts(page_html), *more_scripts]})
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy(hashes, offline, styles=styles)}">'
    return page_html[: anchor.end()] + meta + page_html[anchor.end():], hashes


def headers_file(site_dir: Path, hashes, styles=()) -> str:
    """`_headers` for Netlify and Cloudflare Pages. One policy for every path, naming the union of all
    pages' hashes: a header rule cannot vary by page without one block per page, and every hash in the
    union is a script of this site. Each page's own meta policy still allows only its own scripts."""
    lines = ["# Made by macros/security.py at build time; see MAINTAINING.md, \"Security headers\".", "/*",
             f"  Content-Security-Policy: {policy(hashes, header=True, styles=styles)}"]
    lines += [f"  {name}: {value}" for name, value, _why in HEADERS]
    for path in sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()):
        if FINGERPRINTED.match(path):
            lines += [f"/{path}", f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


NGINX_FILE = "nginx-headers.conf"


def nginx_headers_file(hashes, styles=()) -> str:
    """`nginx-headers.conf`, for an nginx `server` block to include: the same headers as `_headers`, on
    every response (`always`: 404s too), the site's own 404 page, and Material's fingerprinted files
    cached for a year. nginx drops every add_header of the server block in a location that has one of its
    own, so that location repeats them all."""
    every = [("Content-Security-Policy", policy(hashes, header=True, styles=styles)),
             *((name, value) for name, value, _why in HEADERS)]
    add = [f'add_header {name} "{value}" always;' for name, value in every]
    lines = ["# Made by macros/security.py at build time; see README.md, \"Security headers\".",
             "# In the server block that serves this folder: include /path/to/site/nginx-headers.conf;",
             "# A location block of yours with an add_header of its own loses these: include this file there too.",
             *add,
             "error_page 404 /404.html;",
             "",
             "# Material's fingerprinted files: a new version has a new name.",
             f'location ~ "^/{FINGERPRINTED.pattern[1:]}" {{',
             f'    add_header Cache-Control "{IMMUTABLE}" always;',
             *(f"    {line}" for line in add),
             "}"]
    return "\n".join(lines) + "\n"


def secure_page(page_html: str, where: str, offline: bool = False, shim: str | None = None,
                styles=()) -> tuple[str, list[str]]:
    """One built page with its policy added; `shim` is the iframe-worker shim's text when the pages load it."""
    return add_policy_meta(page_html, where, offline, runtime_scripts(page_html, shim), styles)


def write_headers(site_dir: Path, hashes, styles=()) -> None:
    """`_headers` (Netlify, Cloudflare Pages) and `nginx-headers.conf`, from the same policy and headers."""
    (Path(site_dir) / "_headers").write_text(headers_file(Path(site_dir), hashes, styles), encoding="utf-8")
    (Path(site_dir) / NGINX_FILE).write_text(nginx_headers_file(hashes, styles), encoding="utf-8")


def secure_site(site_dir: Path, offline: bool = False, styles=()) -> set[str]:
    """After a build, over its output folder: the policy in every page and, for a web build, `_headers`.
    Returns the distinct inline-script hashes of the whole site."""
    site_dir = Path(site_dir)
    shim_file = next(site_dir.rglob("iframe-worker/*.js"), None)
    shim = shim_file.read_text(encoding="utf-8") if shim_file else None
    every_hash: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        page_html, hashes = secure_page(page.read_text(encoding="utf-8"), page.relative_to(site_dir).as_posix(),
                                        offline, shim, styles)
        page.write_text(page_html, encoding="utf-8")
        every_hash.update(hashes)
    if not offline:
        write_headers(site_dir, every_hash, styles)
    return every_hash
