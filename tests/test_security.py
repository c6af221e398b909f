"""The Content-Security-Policy in the built pages and the `_headers` file for static hosts, read from
the built site; and the policy maker's refusals (macros/security.py)."""

import base64
import hashlib
import re
import shutil

import pytest

from conftest import ROOT, html_pages, soup
from macros.security import PolicyError, add_policy_meta, secure_site, worker_shim_script

REQUIRED = {
    "default-src": "'self'", "object-src": "'none'", "base-uri": "'none'", "form-action": "'self'",
    "connect-src": "'self'", "img-src": "'self' data:",
}


def directives(policy: str) -> dict:
    return {name: value for name, _, value in (d.strip().partition(" ") for d in policy.split(";"))}


def own_hashes(page) -> set:
    """The sha256 of every inline script element in this page (JSON data blocks too), computed here."""
    return {"'sha256-" + base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode() + "'"
            for script in page.find_all("script") if not script.get("src") and script.string}


def meta_policy(page) -> str:
    metas = page.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1
    return metas[0]["content"]


def test_every_page_names_exactly_its_own_inline_scripts_and_nothing_unsafe(site_dir):
    pages = html_pages(site_dir) + [site_dir / "404.html"]
    every_hash = set()
    for path in pages:
        page = soup(path)
        policy = directives(meta_policy(page))
        assert {k: policy.get(k) for k in REQUIRED} == REQUIRED, path
        sources = policy["script-src"].split()
        assert sources[0] == "'self'" and "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
        assert set(sources[1:]) == own_hashes(page), path
        assert "frame-ancestors" not in policy  # ignored in a meta tag; the header carries it
        every_hash |= set(sources[1:])
    assert len(every_hash) >= 3  # our storage stand-in, our hp-js flag, Material's palette at least


def test_the_policy_comes_before_every_script_in_head(site_dir):
    for path in html_pages(site_dir):
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        assert head.index('http-equiv="Content-Security-Policy"') < head.index("<script"), path


INLINE_SCRIPT = re.compile(r"<script>")
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
PRELOADED_STYLESHEET = re.compile(r'<link rel="preload" as="style" href="([^"]+)"')
SCRIPT = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')
PRELOADED_SCRIPT = re.compile(r'<link rel="preload" as="script" href="([^"]+)"')
OUR_INLINE_SCRIPT = re.compile(r"<script>(?:(?!</script>).)*?hallpass.*?</script>", re.S | re.I)  # not Material's


def test_every_stylesheet_and_script_is_preloaded_before_the_first_inline_script_and_linked_after_ours(site_dir):
    """With the policy in a <meta>, Chromium's preload scanner fetches nothing: the parser requests each
    file as it reaches its tag, so a file named after an inline script waits for that script to run. So
    every stylesheet and every script is preloaded, in order, before the first one. The stylesheets are
    linked after our inline scripts, which would otherwise wait for them; the scripts themselves run where
    Material runs them, at the end of <body>, in the order they were preloaded."""
    for path in html_pages(site_dir) + [site_dir / "404.html"]:
        html = path.read_text(encoding="utf-8")
        head, _, body = html.partition("</head>")
        before_inline = html[:INLINE_SCRIPT.search(html).start()]
        stylesheets = STYLESHEET.findall(html)
        assert stylesheets and PRELOADED_STYLESHEET.findall(before_inline) == stylesheets, path
        ours = [m.end() for m in OUR_INLINE_SCRIPT.finditer(head)]
        assert ours and max(ours) < STYLESHEET.search(head).start(), f"{path}: a stylesheet holds our inline scripts"
        scripts = SCRIPT.findall(html)
        assert any(re.search(r"bundle\.[0-9a-f]+\.min\.js$", src) for src in scripts), path
        assert SCRIPT.findall(body) == scripts, f"{path}: a script runs in <head>"
        assert PRELOADED_SCRIPT.findall(before_inline) == scripts, f"{path}: scripts not preloaded, in order, first"


def test_headers_file_carries_the_union_of_hashes_and_the_security_headers(site_dir):
    text = (site_dir / "_headers").read_text(encoding="utf-8")
    blocks, current = {}, None
    for line in text.splitlines():
        if line.startswith("/"):
            current = blocks.setdefault(line, {})
        elif line.startswith("  ") and current is not None:
            name, _, value = line.strip().partition(": ")
            current[name] = value
    every = blocks["/*"]
    policy = directives(every["Content-Security-Policy"])
    assert {k: policy.get(k) for k in REQUIRED} == REQUIRED
    assert policy["frame-ancestors"] == "'none'"
    meta_hashes = set()
    for path in html_pages(site_dir) + [site_dir / "404.html"]:
        meta_hashes |= set(directives(meta_policy(soup(path)))["script-src"].split()[1:])
    assert set(policy["script-src"].split()[1:]) == meta_hashes
    assert every["X-Content-Type-Options"] == "nosniff"
    assert every["Referrer-Policy"] == "no-referrer"
    permissions = dict(p.split("=") for p in every["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert permissions[feature] == "()"
    assert "clipboard-write" not in permissions  # script cards copy to the clipboard

    cached = {path for path, headers in blocks.items() if "immutable" in headers.get("Cache-Control", "")}
    assert any(re.fullmatch(r"/assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", p) for p in cached)
    assert any(re.fullmatch(r"/assets/stylesheets/main\.[0-9a-f]{8}\.min\.css", p) for p in cached)
    for path in cached:
        assert (site_dir / path.lstrip("/")).is_file(), path
    # Our own files keep their names when they change: never cached as immutable.
    own = {f"/assets/{p.name}" for p in (ROOT / "docs" / "assets").iterdir()}
    assert not cached & own and not any(p.startswith("/assets/*") for p in cached)


def test_a_page_the_policy_cannot_govern_stops_the_build():
    with pytest.raises(PolicyError, match="x.html: a script comes before"):
        add_policy_meta("<html><script>1</script><head><meta charset=utf-8></head></html>", "x.html")
    with pytest.raises(PolicyError, match="x.html: no <head>"):
        add_policy_meta("<p>no head</p>", "x.html")
    with pytest.raises(PolicyError, match="the iframe-worker shim no longer"):
        worker_shim_script("console.log('a shim that writes no frame script')", "search.js")


def test_the_folder_pass_for_other_engines_gives_what_the_mkdocs_hook_gave(site_dir, tmp_path):
    """secure_site over a built folder (an engine without MkDocs hooks runs it after its build)."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    for page in copy.rglob("*.html"):
        page.write_text(re.sub(r'\n<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text("utf-8")), "utf-8")
    (copy / "_headers").unlink()
    (copy / "nginx-headers.conf").unlink()
    secure_site(copy)
    for page in site_dir.rglob("*.html"):
        assert (copy / page.relative_to(site_dir)).read_text("utf-8") == page.read_text("utf-8"), page
    assert (copy / "_headers").read_text("utf-8") == (site_dir / "_headers").read_text("utf-8")
    assert (copy / "nginx-headers.conf").read_text("utf-8") == (site_dir / "nginx-headers.conf").read_text("utf-8")


def test_the_preview_goes_without_a_policy_so_live_reload_works():
    """`mkdocs serve` injects a live-reload script that differs on every request: no hash could name it."""
    import mkdocs.commands.serve as serve_command

    from macros import hooks

    page_html = '<html><head><meta charset="utf-8"><script>1</script></head></html>'
    serve_build = serve_command.build  # on_startup("serve") wraps it to survive mistakes
    try:
        hooks.on_startup(command="serve", dirty=False)
        assert hooks.on_post_template(page_html, "404.html", {}) == page_html
        hooks.on_startup(command="build", dirty=False)
        assert "Content-Security-Policy" in hooks.on_post_template(page_html, "404.html", {})
    finally:
        hooks.on_startup(command="build", dirty=False)
        serve_command.build = serve_build
