"""`make linkcheck`: open every link of the built site that leads to another website, with LinkChecker.

The site is served on 127.0.0.1 and LinkChecker follows every page from the home page, opening each
external link once (without following it further). Without a network it opens nothing, and says so in
one line and exits with status 2: a check that was not made must never pass for one that was.
Exit status: 0 every link answered, 1 a link is broken (LinkChecker's report says which), 2 no network.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import socket
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

NO_NETWORK = 2


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def external_links(site: Path) -> set[str]:
    """Every http(s) link of the built pages (the site's own address aside: it is not published yet)."""
    links = set()
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        links.update(href for href in parser.hrefs if urlparse(href).scheme in ("http", "https"))
    return links


def reachable(hosts, tries: int = 3) -> bool:
    """Can this machine open a connection to one of these hosts (name lookup included)? A few are enough."""
    for host in sorted(hosts)[:tries]:
        try:
            socket.create_connection((host, 443), timeout=5).close()
            return True
        except OSError:
            continue
    return False


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (make build writes site/)")
    parser.add_argument("--linkchecker", default="linkchecker", help="the LinkChecker command")
    parser.add_argument("--site-url", default="", help="the site's published address, whose links are its own")
    args = parser.parse_args()

    own = urlparse(args.site_url).netloc
    links = {link for link in external_links(args.site) if urlparse(link).netloc != own}
    hosts = {urlparse(link).hostname for link in links}
    if not reachable(hosts):
        print(f"linkcheck: no network, so none of the {len(links)} external links was opened.")
        return NO_NETWORK

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    start = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"linkcheck: opening the {len(links)} external links of {args.site} ({len(hosts)} sites)")
    try:
        command = [args.linkchecker, "--check-extern", "--no-status", "--threads", "4",
                   "--ignore-url", "^tel:", "--ignore-url", "^mailto:", start]
        if own:  # the published address is not live yet while this build is checked
            command[-1:-1] = ["--ignore-url", f"^https?://{own}/"]
        return 1 if subprocess.run(command).returncode else 0
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
