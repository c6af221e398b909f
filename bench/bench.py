"""`make bench`: how fast, light, private and accessible the built guide is, against its targets.

Measures, in one run:
  * cold build time of the site next to a plain Material build of the same Markdown (no macros, no hooks),
    and next to the same site built with Zensical (`make zensical`);
  * gzipped bytes of every page with the files it references (HTML, CSS, JS, icons, fonts, images),
    and what Material's scripts fetch after start (search worker and index, sitemap for instant loading);
  * our own JS+CSS that each page loads, gzipped, against the page's budget;
  * axe (WCAG 2.x A/AA) in the light and the dark palette, requests to other hosts, console errors,
    on every page in Chromium;
  * Lighthouse 12.2.3 mobile on four pages (home, a checklist, the longest chapter, the worksheet), each beside
    plain Material (search and tags only: no macros, hooks, custom_dir, extra CSS or JS), alternating, the medians
    of BENCH_RUNS runs each (5; BENCH_RUNS=1 for a quick look), served gzipped as a static host would, every
    timed run of both builds with the performance category alone (the guide's Accessibility, Best Practices and
    SEO are scored in a run of their own per page: their gatherers change the load they run in), with the
    long tasks of Lighthouse's trace and each build's main-thread time (which, unlike TBT, does not depend on
    whether the page painted before Material's script ran); then, as figures to read, the same pages really
    loaded over Lighthouse's throttled line and CPU (devtools throttling), where every page paints before
    Material's script runs;
  * `make serve`: seconds from saving a chapter, and a data file, to the new page;
  * a scale run: the chapters copied 8 times (with their nav) in a temporary project, built, and the time spent
    in each of our hooks at 1x and 8x, so a hook that grows faster than the content shows.
Run it through `make bench` (installs Lighthouse into bench/node_modules, sets CHROME_PATH).
`bench.py scale` runs the scale run alone; `bench.py side-by-side` only the Lighthouse comparison;
`bench.py serve [mkdocs arguments]` only the `make serve` timing (default: the Makefile's serve command).
"""

from __future__ import annotations

import collections
import functools
import gzip
import http.server
import itertools
import json
import math
import mimetypes
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from site_pages import built_pages, copy_project, page_url  # noqa: E402  (shared with the tests)

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
# Lighthouse's Chromium without paint holding: in headless runs it held the first paint until about 1.25 s
# or 2.25 s in most runs, of the guide and of plain Material alike, while the page was ready to paint at
# 0.2-0.5 s (lantern then counts every script into LCP). A lab artefact (GoogleChrome/lighthouse#17148):
# without it, no run of either build stalled.
LIGHTHOUSE_CHROME_FLAGS = CHROME_FLAGS + " --disable-features=PaintHolding"
LIGHTHOUSE = "lighthouse@12.2.3"
# Runs of each build on each page, alternating guide and plain (Lighthouse's advice: scores vary run to
# run, report the median). BENCH_RUNS=1 make bench gives a quick, rougher look.
LIGHTHOUSE_RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BUILD_RUNS = min(3, LIGHTHOUSE_RUNS)  # the build-time target is the median of three side-by-side runs
# Lighthouse's simulation builds its figures from a fast, unthrottled load: whether Chromium ran Material's
# script before its first paint there decides whether the script counts as blocking time ("ran first").
# A page really loaded over a slow line always paints first; these runs show that case, beside the targets.
SLOW_PHONE_RUNS = min(3, LIGHTHOUSE_RUNS)
GZIP_LEVEL = 6  # what static hosts commonly use
GZIPPED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
KIB = 1024
TARGETS = {"page_kib": 100, "build_ratio": 1.5, "extra_kib": 20, "hooks_at_8x": 10, "serve_s": 1.5}
SCALE = 8
SCALE_RUNS = 3
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


# --- build time ------------------------------------------------------------------------------------

def plain_config(work: Path) -> Path:
    """Plain Material with the same pages, as issue 19 defines it: mkdocs.yml with the `search` and `tags`
    plugins only, and no macros, hooks, `custom_dir`, `extra_css` or `extra_javascript`. The docs are
    copied, and the checklist pages our hook generates are written out as the Markdown it generates (their
    `{{ }}` calls stay raw text), so both builds have the same pages at the same addresses. Paths are
    absolute; everything lives in a temporary folder."""
    import yaml
    from mkdocs.utils.yaml import yaml_load

    from macros import pages
    from macros.content import load_content

    docs = work / "plain-docs"
    shutil.copytree(ROOT / "docs", docs)
    checklist_pages = pages.checklist_pages(load_content(ROOT / "data", ROOT / "docs"))
    for path, (_, markdown) in checklist_pages.items():
        (docs / path).write_text(markdown, encoding="utf-8")

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    for key in ("hooks", "watch", "extra_css", "extra_javascript"):  # watch: serve-only paths
        config.pop(key, None)
    config["plugins"] = [p for p in config.get("plugins", [])
                         if (next(iter(p)) if isinstance(p, dict) else p) in ("search", "tags")]
    config["nav"] = pages.add_to_nav(config["nav"], checklist_pages)
    config["docs_dir"] = str(docs)
    config["theme"].pop("custom_dir", None)
    path = work / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def timed_build(config: Path, out: Path, strict: bool) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE", None)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    started = time.perf_counter()
    result = subprocess.run(command + (["--strict"] if strict else []), capture_output=True, text=True,
                            env=env, cwd=config.parent)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed ({config}):\n{result.stdout}{result.stderr}")
    return elapsed


def timed_zensical_build(out: Path) -> float:
    """`make zensical`'s build (its copy of the project, then Zensical, strict) in its own virtualenv."""
    command = [str(ROOT / ".venv-zensical" / "bin" / "python"), "-m", "macros.zensical_build", "-d", str(out)]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"Zensical build failed:\n{result.stdout}{result.stderr}")
    return elapsed


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def measure_build(work: Path) -> tuple[list[float], list[float], float, Path, Path]:
    """Clean builds (a fresh process, an empty output folder), side by side: BUILD_RUNS timed runs of
    each, alternating guide and plain so load from other work on the machine falls on both alike. Each is
    built once untimed first, so none pays for a cold disk cache or for compiling .pyc files."""
    plain = plain_config(work)
    timed_build(ROOT / "mkdocs.yml", work / "warm-site", strict=True)
    timed_build(plain, work / "warm-plain", strict=True)
    timed_zensical_build(work / "warm-zensical")
    site, plain_site = work / "site", work / "plain-site"
    guide_times, plain_times = [], []
    for _ in range(BUILD_RUNS):
        for out in (site, plain_site):
            shutil.rmtree(out, ignore_errors=True)
        guide_times.append(timed_build(ROOT / "mkdocs.yml", site, strict=True))
        plain_times.append(timed_build(plain, plain_site, strict=True))
    zensical_time = timed_zensical_build(work / "zensical-site")
    return guide_times, plain_times, zensical_time, site, plain_site


# --- page weight -----------------------------------------------------------------------------------

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def local_file(site: Path, page_rel: str, ref: str) -> Path | None:
    """The built file a page's reference points to, or None for data: URIs and other hosts."""
    if not ref or ref.startswith(("data:", "#", "mailto:")):
        return None
    url = urlparse(urljoin("http://site/" + page_rel, ref))
    if url.netloc != "site":
        return None
    target = site / unquote(url.path).lstrip("/")
    return target / "index.html" if target.is_dir() else target


def loader_scripts(page: BeautifulSoup) -> tuple[list[str], str | None]:
    """The scripts a page names for its loader, from the site's root, and the one file that holds them all,
    which the loader fetches as the page starts (macros/page_scripts.py)."""
    article = page.select_one("[data-hp-scripts]")
    if not article:
        return [], None
    return article["data-hp-scripts"].split(), article.get("data-hp-scripts-file")


def page_assets(site: Path, page_rel: str) -> set[Path]:
    """Every file the page itself references: stylesheets, scripts (those its loader fetches too), icons,
    images, and fonts or images in its CSS."""
    page = BeautifulSoup((site / page_rel).read_text(encoding="utf-8"), "html.parser")
    refs = [link.get("href") for link in page.find_all("link", rel=["stylesheet", "icon", "preload", "modulepreload"])]
    refs += [tag.get("src") for tag in page.find_all(["script", "img", "source", "video", "audio"])]
    assets = {f for f in (local_file(site, page_rel, ref) for ref in refs) if f and f.is_file()}
    listed, one_file = loader_scripts(page)
    assets |= {site / name for name in ([one_file] if one_file else listed) if (site / name).is_file()}
    for css in [a for a in assets if a.suffix == ".css"]:
        css_rel = css.relative_to(site).as_posix()
        for ref in CSS_URL.findall(css.read_text(encoding="utf-8")):
            target = local_file(site, css_rel, ref)
            if target and target.is_file():
                assets.add(target)
    return assets


def runtime_assets(site: Path) -> set[Path]:
    """What Material's bundle fetches after start on every page: the search worker and index, the sitemap."""
    config = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").find(id="__config")
    worker = json.loads(config.string)["search"]
    return {site / worker.lstrip("./"), site / "search" / "search_index.json", site / "sitemap.xml"}


def measure_weight(site: Path):
    sizes: dict[Path, int] = {}

    def size(path: Path) -> int:
        if path not in sizes:
            sizes[path] = gz_size(path.read_bytes())
        return sizes[path]

    later = sum(size(p) for p in runtime_assets(site) if p.is_file())
    rows = []
    for rel in built_pages(site):
        if rel == "404.html":
            continue
        own = size(site / rel) + sum(size(a) for a in page_assets(site, rel))
        rows.append((rel, own, own + later))
    return sorted(rows, key=lambda r: r[1], reverse=True), later


# Per-page budget of our own JS + CSS (gzipped, as built): a page's budget is the sum of the rows for what it
# loads. Each row is what the file measured after issues 16-19 (29 November 2026), plus about 10% for the
# next change: a change that needs more says so by raising the row, in the same commit. The heaviest page
# (the worksheet, 15.7 KiB of ours) stays well within plain Material + 20 KiB because the search index,
# 10.7 KiB heavier than plain Material's, is fetched only when a reader opens search (overrides/main.html).
OWN_BUDGET_BYTES = {
    "every page": 10.75 * KIB,          # 9.7 KiB: guide.css 5.0, storage.js 2.3, search.js 1.4, quick-exit.js 0.9
    "assets/confirm.js": 0.75 * KIB,    # 0.6 KiB: the ask-first panel before erasing
    "assets/checklists.js": 2 * KIB,    # 1.7 KiB: ticks, erase, print one, storage that tells the truth
    "assets/cards.js": 0.75 * KIB,      # 0.6 KiB: Copy on script cards
    "assets/agreement.js": 6 * KIB,     # 5.4 KiB: the worksheet, hand-over, compare, limits and messages
}


@functools.cache  # the same few files for every page
def own_bytes(site: Path, rel: str) -> bytes:
    """One of our built files as the browser gets it, without what is Material's: its stylesheets merged at
    the top of guide.css (macros/stylesheets.py)."""
    from macros.stylesheets import GUIDE_CSS, own_part

    if rel == GUIDE_CSS:
        return own_part((site / rel).read_text(encoding="utf-8")).encode("utf-8")
    return (site / rel).read_bytes()


def own_assets_by_page(site: Path) -> list[tuple[str, list[str], int, int]]:
    """For every page: our own files it loads (docs/assets, as built), their gzipped size, and its budget."""
    from macros.page_scripts import NEEDED_BY, ON_PAGES_WITH
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    ours = {str(p) for p in [*config.extra_css, *config.extra_javascript]}
    optional = {*ON_PAGES_WITH, *NEEDED_BY}
    rows = []
    for rel in built_pages(site):
        if rel == "404.html":
            continue
        loaded = sorted(a.relative_to(site).as_posix() for a in page_assets(site, rel))
        listed, one_file = loader_scripts(BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser"))
        own = [a for a in loaded if a in ours or a == one_file]
        size = sum(gz_size(own_bytes(site, a)) for a in own)
        budget = OWN_BUDGET_BYTES["every page"] + sum(OWN_BUDGET_BYTES[a] for a in {*own, *listed} if a in optional)
        rows.append((rel, own, size, budget))
    return rows


# --- browser pass: axe, foreign requests, console errors ---------------------------------------------

def browser_pass(site: Path, base_url: str):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    host = urlparse(base_url).netloc
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    axe = Axe()
    result = {"pages": 0, "axe": {}, "foreign": {}, "errors": {}, "cookies": 0}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            context.route(lambda url: urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != host,
                          lambda route: route.abort())
            tab = context.new_page()
            requests, errors = [], []
            tab.on("request", lambda r: requests.append(r.url))
            tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
            tab.on("pageerror", lambda e: errors.append(str(e)))
            for rel in built_pages(site):
                requests.clear(), errors.clear()
                tab.goto(page_url(base_url, rel), wait_until="load")
                tab.wait_for_load_state("networkidle")
                found = axe.run(tab, options=options).response["violations"]
                result["axe"].setdefault(rel, 0)
                result["axe"][rel] += sum(len(v["nodes"]) for v in found)
                foreign = [u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != host]
                if foreign:
                    result["foreign"].setdefault(rel, []).extend(foreign)
                if errors:
                    result["errors"].setdefault(rel, []).extend(errors)
            result["cookies"] += len(context.cookies())
            context.close()
        browser.close()
    result["pages"] = len(built_pages(site))
    return result


# --- a static host that gzips, and Lighthouse ----------------------------------------------------------

class GzipStaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages or Netlify do: gzip for text, a 404 page, short caching,
    and connections kept alive between requests."""

    protocol_version = "HTTP/1.1"
    cache: dict[Path, bytes] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        status = 200
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(GZIPPED_TYPES)
        if gzipped:
            if path not in self.cache:
                self.cache[path] = gzip.compress(body, GZIP_LEVEL, mtime=0)
            body = self.cache[path]
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Chromium drops kept-alive connections when a run ends; that is not an error worth a traceback.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = QuietServer(("127.0.0.1", 0), functools.partial(GzipStaticHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def lighthouse_pages(site: Path) -> dict[str, str]:
    """The home page, the first checklist's own page, the longest chapter (most words of text), the worksheet."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    chapters = []
    for entry in config["nav"]:
        (section, items), = entry.items()
        if isinstance(items, list) and section != "Tools":
            chapters += [i if isinstance(i, str) else next(iter(i.values())) for i in items]

    def words(src: str) -> int:
        built = site / src.removesuffix(".md") / "index.html"
        article = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").select_one("article")
        return len(article.get_text(" ").split())

    longest = max(chapters, key=words)
    checklist = next(p for p in built_pages(site) if p.startswith("checklists/")
                     and 'type="checkbox"' in (site / p).read_text(encoding="utf-8")
                     and p not in ("checklists/index.html", "checklists/print-all/index.html"))
    return {
        "home": "index.html",
        "checklist": checklist,
        "longest chapter": longest.removesuffix(".md") + "/index.html",
        "worksheet": "agreement/index.html",
    }


METRICS = {  # Lighthouse audit -> column; each is the median of the runs on its own
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "total-byte-weight": "bytes",
    # All main-thread time, whichever came first, the paint or Material's script: the race moves TBT, not this.
    "mainthread-work-breakdown": "work",
}


def lighthouse_side_by_side(work: Path, urls: dict[str, tuple[str, str]], throttling: str = "simulate",
                            runs: int = LIGHTHOUSE_RUNS) -> dict:
    """Lighthouse (mobile; "simulate": Lighthouse's simulated throttling, its default, or "devtools": the page
    really loaded over a throttled line and CPU) on each page of each build, `runs` times, alternating guide
    and plain (and which goes first), in one Chromium. Returns, per page and build, every run's score and
    metrics. With "simulate", one more run per page scores the guide's Accessibility, Best Practices and SEO
    (build "quality"): apart, because their gatherers change the load they run in (Best Practices' console
    and browser-issue checks listen to the page as it loads), and every timed run of both builds must load
    the same way."""
    jobs = []

    def add(label: str, build: str, url: str, categories: list[str], run_name: str):
        out = work / f"lh-{throttling}-{len(jobs)}"
        jobs.append({"url": url, "categories": categories, "throttling": throttling,
                     "label": f"{label}, {build}, {run_name}, {throttling}",
                     "out": f"{out}.json", "race": f"{out}-race.json", "page": label, "build": build})

    for run in range(runs):
        for label, (guide_url, plain_url) in urls.items():
            order = (("guide", guide_url), ("plain", plain_url))
            for build, url in (order if run % 2 == 0 else order[::-1]):
                add(label, build, url, ["performance"], f"run {run + 1}")
    if throttling == "simulate":
        for label, (guide_url, _) in urls.items():
            add(label, "quality", guide_url, ["accessibility", "best-practices", "seo"], "scores")
    job_file = work / f"lighthouse-jobs-{throttling}.json"
    job_file.write_text(json.dumps(jobs), encoding="utf-8")
    result = subprocess.run(["node", "lighthouse-runs.mjs", str(job_file), LIGHTHOUSE_CHROME_FLAGS], cwd=BENCH,
                            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if result.returncode != 0:
        sys.exit(f"Lighthouse failed:\n{result.stdout}{result.stderr}")
    runs: dict = collections.defaultdict(list)
    for job in jobs:
        report = json.loads(Path(job["out"]).read_text(encoding="utf-8"))
        scores = {c["title"]: round(c["score"] * 100) for c in report["categories"].values()}
        if job["build"] == "quality":
            runs[job["page"], "quality"].append({"scores": scores})
            continue
        race = json.loads(Path(job["race"]).read_text(encoding="utf-8"))
        audits = report["audits"]
        runs[job["page"], job["build"]].append({
            "scores": scores,
            **{column: audits[audit]["numericValue"] for audit, column in METRICS.items()},
            # When this Chromium really painted first; FCP, LCP and TBT are Lighthouse's simulation.
            "painted": audits["metrics"]["details"]["items"][0]["observedFirstContentfulPaint"],
            # Whether Material's script ran before that paint: then the simulation leaves it out of TBT.
            "ran_first": race["script"] is not None and race["paint"] is not None and race["script"] < race["paint"],
            "long_tasks": [(t.get("url", ""), t["duration"]) for t in audits["long-tasks"]["details"]["items"]],
            "main_thread": {i["groupLabel"]: i["duration"] for i in audits["mainthread-work-breakdown"]["details"]["items"]},
        })
    return runs


def guide_to_plain(g: dict, p: dict, column: str) -> str:
    """The guide's median over plain Material's, as printed."""
    return f"{g[column] / p[column]:.2f}" if p[column] else ("1.00" if not g[column] else "inf")


def print_medians(runs: dict, pages: list[str]) -> dict:
    """The issue's table: medians per page and build, and guide/plain. Returns the medians."""
    print(f"  {'page':16} {'build':6} {'score':>5} {'FCP':>9} {'LCP':>9} {'TBT':>8} {'bytes':>9} {'painted':>9} {'ran first':>9} "
          f"{'main thread':>11}")
    by_page = {}
    for page in pages:
        medians = {}
        for build in ("guide", "plain"):
            each = runs[page, build]
            m = {"score": median([r["scores"]["Performance"] for r in each]),
                 **{column: median([r[column] for r in each]) for column in (*METRICS.values(), "painted")}}
            medians[build] = m
            ran_first = f"{sum(r['ran_first'] for r in each)} of {len(each)}"
            print(f"  {page:16} {build:6} {m['score']:5.0f} {m['FCP']:6,.0f} ms {m['LCP']:6,.0f} ms "
                  f"{m['TBT']:5,.0f} ms {m['bytes'] / KIB:5.0f} KiB {m['painted']:6,.0f} ms {ran_first:>9} "
                  f"{m['work']:8,.0f} ms")
        g, p = medians["guide"], medians["plain"]

        ratio = functools.partial(guide_to_plain, g, p)
        print(f"  {'':16} {'g/p':6} {ratio('score'):>5} {ratio('FCP'):>9} {ratio('LCP'):>9} {ratio('TBT'):>8} "
              f"{ratio('bytes'):>9} {ratio('painted'):>9} {'':>9} {ratio('work'):>11}   (guide/plain)")
        by_page[page] = medians
    return by_page


def report_side_by_side(runs: dict, pages: list[str]) -> list[tuple[str, str, bool]]:
    """The issue's table (medians), then guide/plain per page against the targets."""
    targets = []
    for page, medians in print_medians(runs, pages).items():
        g, p = medians["guide"], medians["plain"]

        ratio = functools.partial(guide_to_plain, g, p)
        targets += [
            (f"{page}: score >= plain", f"{g['score']:.0f} vs {p['score']:.0f}", g["score"] >= p["score"]),
            (f"{page}: LCP <= plain", f"{ratio('LCP')} x", g["LCP"] <= p["LCP"]),
            (f"{page}: TBT <= plain", f"{ratio('TBT')} x", g["TBT"] <= p["TBT"]),
            (f"{page}: bytes <= plain + {TARGETS['extra_kib']} KiB", f"{(g['bytes'] - p['bytes']) / KIB:+.1f} KiB",
             g["bytes"] <= p["bytes"] + TARGETS["extra_kib"] * KIB),
        ]
        worst = {}
        for title in ("Accessibility", "Best Practices", "SEO"):
            worst[title] = min(r["scores"][title] for r in runs[page, "quality"])
        targets.append((f"{page}: Accessibility/Best Practices/SEO 100", "/".join(str(v) for v in worst.values()),
                        all(v == 100 for v in worst.values())))
    print("\n  Long tasks (Lighthouse's trace, 4x CPU slowdown; median run by TBT): script or the page itself")
    for page in pages:
        for build in ("guide", "plain"):
            each = sorted(runs[page, build], key=lambda r: r["TBT"])
            tasks = each[len(each) // 2]["long_tasks"][:5]
            described = ", ".join(f"{(url.rsplit('/', 1)[-1] or 'document')[:32]} {ms:.0f} ms" for url, ms in tasks)
            main = each[len(each) // 2]["main_thread"]
            busiest = ", ".join(f"{k} {v:.0f} ms" for k, v in sorted(main.items(), key=lambda kv: -kv[1])[:3])
            print(f"  {page:16} {build:6} {described or 'none'}\n  {'':23} main thread: {busiest}")
    # The same build's TBT moves by 100 ms and more from run to run on a shared machine: a median a few
    # tens of ms above plain Material's may be noise, and these lines show how far apart the runs were.
    print("\n  TBT of each run, in run order (ms)")
    for page in pages:
        for build in ("guide", "plain"):
            per_run = ", ".join(f"{r['TBT']:.0f}" for r in runs[page, build])
            print(f"  {page:16} {build:6} {per_run}")
        guide, plain = ([r["TBT"] for r in runs[page, build]] for build in ("guide", "plain"))
        lower, chance = lower_runs_and_chance(guide, plain)
        print(f"  {'':16} {'':6} guide below plain in {lower:.0%} of run pairs; shuffled between the builds, "
              f"the runs give medians this far apart {chance:.0%} of the time")
    return targets


def lower_runs_and_chance(guide: list[float], plain: list[float]) -> tuple[float, float]:
    """How often a run of the guide is below a run of plain Material (ties count half), and a permutation
    test: of the ways to split all the runs into two groups of these sizes, the share whose medians are
    at least as far apart as the builds' are. Every split while there are few (252 for 5 runs each),
    else 20,000 drawn at random with a fixed seed. Near 100%, the runs cannot tell the two apart."""
    lower = sum((g < p) + (g == p) / 2 for g in guide for p in plain) / (len(guide) * len(plain))
    every = guide + plain
    observed = abs(median(guide) - median(plain))
    if math.comb(len(every), len(guide)) <= 20_000:
        splits = list(itertools.combinations(range(len(every)), len(guide)))
    else:
        draw = random.Random(19)
        splits = [tuple(draw.sample(range(len(every)), len(guide))) for _ in range(20_000)]

    def apart(chosen: tuple[int, ...]) -> float:
        group = set(chosen)
        rest = [v for i, v in enumerate(every) if i not in group]
        return abs(median([every[i] for i in group]) - median(rest))

    return lower, sum(apart(chosen) >= observed - 1e-9 for chosen in splits) / len(splits)


# --- make serve: from saving a file to the new page ---------------------------------------------------

SERVE_EDITS = 3


def serve_command_of_makefile() -> list[str]:
    """The mkdocs arguments of the Makefile's serve target, without the address (the bench picks a port)."""
    recipe = re.search(r"^serve:.*\n\t(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    words = recipe.split()
    words = words[words.index("serve"):]
    if "--dev-addr" in words:
        del words[words.index("--dev-addr"):words.index("--dev-addr") + 2]
    return words


def measure_serve(work: Path, arguments: list[str]) -> dict[str, list[float]]:
    """`mkdocs <arguments>` on a copy of the project. Each edit is saved, then the page is asked for every
    20 ms until it has the new words: the seconds from saving to the new page, as an editor sees it
    (MkDocs notices a change by polling every 0.5 s, so that is part of every figure)."""
    import urllib.request

    from macros.content import load_content

    project = work / f"serve-{len(list(work.glob('serve-*')))}"
    project.mkdir()
    copy_project(ROOT, project)
    with socket_port() as port:
        pass
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", *arguments, "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def page(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def saved_then_seen(path: Path, edit, url: str, words: str) -> float:
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        saved = time.perf_counter()
        while words not in page(url):
            if time.perf_counter() - saved > 60:
                sys.exit(f"make serve never showed the edit of {path.name}:\n{server.stderr.read() if server.poll() is not None else ''}")
            time.sleep(0.02)
        return time.perf_counter() - saved

    try:
        started = time.perf_counter()
        while "</html>" not in page("start/introduction/"):
            if server.poll() is not None or time.perf_counter() - started > 180:
                sys.exit(f"make serve did not start:\n{server.stderr.read() if server.poll() is not None else ''}")
            time.sleep(0.1)
        time.sleep(1)
        chapter = project / "docs" / "start" / "introduction.md"
        checklist = load_content(ROOT / "data", ROOT / "docs")["checklists.yml"][0]
        item = checklist["items"][0]["text"]
        times = {"chapter": [], "data": []}
        for n in range(SERVE_EDITS):  # a sentence added at the end of a chapter
            marker = f"Saved edit number {n} for the bench."
            times["chapter"].append(saved_then_seen(chapter, lambda text: text + f"\n{marker}\n",
                                                    "start/introduction/", marker))
            time.sleep(0.7)
        for n in range(SERVE_EDITS):  # a word added to a checklist item in data/
            def edit(text, n=n):
                assert item in text, f"the first checklist item is not written as one line in data/checklists.yml: {item}"
                return text.replace(item, f"{item} Edit{n}", 1) if n == 0 else text.replace(f"Edit{n - 1}", f"Edit{n}", 1)
            times["data"].append(saved_then_seen(project / "data" / "checklists.yml", edit,
                                                 f"checklists/{checklist['id']}/", f"Edit{n}"))
            time.sleep(0.7)
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)


class socket_port:
    """A free TCP port on 127.0.0.1."""

    def __enter__(self):
        import socket
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        return self.socket.getsockname()[1]

    def __exit__(self, *exc):
        self.socket.close()


def report_serve(times: dict[str, list[float]], label: str) -> list[tuple[str, str, bool]]:
    chapter, data = median(times["chapter"]), median(times["data"])
    print(f"  {label}: chapter saved -> new page {chapter:.2f} s (runs: {', '.join(f'{t:.2f}' for t in times['chapter'])}); "
          f"data file saved -> new page {data:.2f} s (runs: {', '.join(f'{t:.2f}' for t in times['data'])})")
    return [(f"make serve: chapter saved -> new page <= {TARGETS['serve_s']} s", f"{chapter:.2f} s",
             chapter <= TARGETS["serve_s"])]


# --- scale run: our hooks' time with the content copied SCALE times --------------------------------

def scaled_project(work: Path, copies: int) -> Path:
    """A copy of the project whose chapters appear `copies` times: each part's folder copied as
    `<part>-<n>/` (same depth, so relative links still resolve) and listed again in the nav.
    The glossary grows with the chapters; the other data (checklists, cards) stays as it is."""
    import yaml
    from mkdocs.config import load_config

    project = work / f"project-{copies}x"
    project.mkdir()
    copy_project(ROOT, project)
    nav = load_config(str(ROOT / "mkdocs.yml"))["nav"]
    parts = [entry for entry in nav if isinstance(next(iter(entry.values())), list)
             and next(iter(entry)) != "Tools"]
    extra = []
    for n in range(2, copies + 1):
        for entry in parts:
            (section, items), = entry.items()
            paths = [i if isinstance(i, str) else next(iter(i.values())) for i in items]
            extra.append({f"{section} ({n})": [f"{p.split('/')[0]}-{n}/{p.split('/', 1)[1]}" for p in paths]})
            for folder in {p.split("/")[0] for p in paths}:
                if not (project / "docs" / f"{folder}-{n}").exists():
                    shutil.copytree(project / "docs" / folder, project / "docs" / f"{folder}-{n}")
    # A guide with more chapters has more words to explain: the glossary grows with it, each copied term
    # renamed so it stays distinct (the copies are not in the text; they cost what any unused term costs).
    glossary = yaml.load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    scaled = list(glossary)
    for n in range(2, copies + 1):
        for entry in glossary:
            copy = {**entry, "id": f"{entry['id']}-v{n}", "term": f"{entry['term']} v{n}"}
            if entry.get("aliases"):
                copy["aliases"] = [f"{alias} v{n}" for alias in entry["aliases"]]
            scaled.append(copy)
    (project / "data" / "glossary.yml").write_text(yaml.safe_dump(scaled, allow_unicode=True, sort_keys=False),
                                                   encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, _ = config.partition("\nnav:\n")
    (project / "mkdocs.yml").write_text(head + "\n" + yaml.safe_dump({"nav": nav + extra}, allow_unicode=True,
                                                                     sort_keys=False), encoding="utf-8")
    return project


def our_hook_times(config_file: str, site_dir: str) -> dict:
    """Build in this process with every event of our hooks (and of our macros module, run by mkdocs-macros)
    timed; returns seconds per hook, and the whole build. CPU time of this process, so other work on a
    shared machine does not count."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file, site_dir=site_dir)
    spent: dict[str, float] = collections.defaultdict(float)
    plugins = config.plugins
    origins = plugins._event_origins  # MkDocs' record of which plugin registered each event method

    def timed(method, origin):
        def run(*args, **kwargs):
            started = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent[origin] += time.process_time() - started
        return run

    for methods in plugins.events.values():
        for index, method in enumerate(methods):
            origin = origins.get(method, "")
            if origin == "macros" or origin.startswith("macros/"):
                methods[index] = timed(method, origin)
                origins[methods[index]] = origin  # File.generated names the plugin that is running
    started = time.process_time()
    build(config)
    return {**spent, "build": time.process_time() - started}


def measure_scale(work: Path) -> dict[int, dict]:
    """Hook times at 1x and SCALE x, each build in a fresh process; after one warm-up build, the fastest
    of SCALE_RUNS runs per hook (other work on the machine only ever adds time). Also the HTML written."""
    results = {}
    for copies in (1, SCALE):
        project = scaled_project(work, copies)
        command = [sys.executable, __file__, "hook-times", str(project / "mkdocs.yml"), str(project / "site")]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("OFFLINE", None)
        runs = []
        for _ in range(1 + SCALE_RUNS):
            result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project)
            if result.returncode != 0:
                sys.exit(f"scaled build failed ({copies}x):\n{result.stdout}{result.stderr[-3000:]}")
            runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
        results[copies] = {name: min(run[name] for run in runs[1:]) for name in runs[1]}
        results[copies]["html_mb"] = sum(p.stat().st_size for p in (project / "site").rglob("*.html")) / 1e6
        results[copies]["pages"] = len(list((project / "site").rglob("*.html")))
    return results


def report_scale(results: dict[int, dict]) -> tuple[str, bool]:
    one, many = results[1], results[SCALE]
    hooks = sorted(k for k in one if k not in ("build", "html_mb", "pages"))
    print(f"  pages {one['pages']} -> {many['pages']}; HTML written {one['html_mb']:.1f} MB -> {many['html_mb']:.1f} MB "
          f"({many['html_mb'] / one['html_mb']:.1f}x: Material renders the whole nav into every page)")
    print(f"  {'':36} {'1x':>9} {f'{SCALE}x':>9} {'growth':>8}   (CPU seconds, fastest of {SCALE_RUNS} builds)")
    for name in hooks:
        label = "macros module (via mkdocs-macros)" if name == "macros" else name
        print(f"  {label:36} {one[name]:8.3f}s {many.get(name, 0):8.3f}s {many.get(name, 0) / one[name]:7.1f}x")
    ours_one, ours_many = sum(one[k] for k in hooks), sum(many.get(k, 0) for k in hooks)
    rest_one, rest_many = one["build"] - ours_one, many["build"] - ours_many
    print(f"  {'all our hooks':36} {ours_one:8.3f}s {ours_many:8.3f}s {ours_many / ours_one:7.1f}x"
          f"  (target <= {TARGETS['hooks_at_8x']}x)")
    print(f"  {'MkDocs + Material, the rest':36} {rest_one:8.3f}s {rest_many:8.3f}s {rest_many / rest_one:7.1f}x"
          "  (Material's nav, rendered whole on every page, grows as pages x nav entries: not ours to fix)")
    print(f"  {'whole build':36} {one['build']:8.3f}s {many['build']:8.3f}s {many['build'] / one['build']:7.1f}x")
    print("  (hooks.py secures each page as written, so it follows the HTML's size, not the page count)")
    growth = ours_many / ours_one
    return f"{growth:.1f}x", growth <= TARGETS["hooks_at_8x"]

# --- report ----------------------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main():
    work = Path(tempfile.mkdtemp(prefix="hallpass-bench-"))
    targets = []
    try:
        print(f"== Build (clean builds in fresh processes, {BUILD_RUNS} alternating runs each, after one untimed warm-up) ==")
        guide_times, plain_times, zensical, site, plain_site = measure_build(work)
        guide, plain = median(guide_times), median(plain_times)
        ratio = guide / plain
        print(f"  this site (macros + hooks, --strict)   {guide:6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in guide_times)})")
        print(f"  plain Material, same pages             {plain:6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in plain_times)})")
        print(f"  this site with Zensical (make zensical){zensical:6.2f} s  (one run, for comparison; no target)")
        print(f"  ratio of the medians                   {ratio:6.2f} x  (target <= {TARGETS['build_ratio']} x)")
        targets.append((f"build time <= {TARGETS['build_ratio']} x plain (median of {BUILD_RUNS})", f"{ratio:.2f} x",
                        ratio <= TARGETS["build_ratio"]))

        print("\n== Page weight, gzipped (HTML + every file it references) ==")
        rows, later = measure_weight(site)
        print(f"  {'page':52} {'page + refs':>12} {'+ fetched after start':>22}")
        for rel, own, total in rows:
            print(f"  {rel:52} {own / KIB:9.1f} KiB {total / KIB:19.1f} KiB")
        heaviest = rows[0]
        print(f"  largest page: {heaviest[0]} at {heaviest[1] / KIB:.1f} KiB; Material's scripts then fetch "
              f"{later / KIB:.1f} KiB more (search worker + index, sitemap), once for the whole visit")
        targets.append((f"each page <= {TARGETS['page_kib']} KiB gzipped with assets",
                        f"largest {heaviest[1] / KIB:.1f} KiB ({heaviest[0]})", heaviest[1] <= TARGETS["page_kib"] * KIB))

        print("\n== Our own JS + CSS that each page loads, gzipped as built, against its budget ==")
        by_page = own_assets_by_page(site)
        kinds: dict = collections.defaultdict(list)
        for rel, own, size, budget in by_page:
            kinds[tuple(own)].append((rel, size, budget))
        for own, pages_of_kind in sorted(kinds.items(), key=lambda kv: -max(s for _, s, _ in kv[1])):
            largest = max(pages_of_kind, key=lambda row: row[1])
            print(f"  {len(pages_of_kind):2} page(s) loading {', '.join(a.rsplit('/', 1)[-1] for a in own)}: "
                  f"{largest[1] / KIB:.2f} KiB (budget {largest[2] / KIB:.1f} KiB), e.g. {largest[0]}")
        over = [(rel, size, budget) for rel, _, size, budget in by_page if size > budget]
        targets.append(("own JS+CSS within each page's budget",
                        "all within" if not over else "; ".join(f"{r} {s / KIB:.2f} > {b / KIB:.1f} KiB" for r, s, b in over),
                        not over))

        print(f"\n== Scale run: our hooks at 1x and {SCALE}x the chapters (in-process builds, hooks timed) ==")
        growth, ok = report_scale(measure_scale(work))
        targets.append((f"our hooks at {SCALE}x <= {TARGETS['hooks_at_8x']} x their time at 1x", growth, ok))

        print(f"\n== make serve: seconds from saving a file to the new page (median of {SERVE_EDITS} saves each) ==")
        arguments = serve_command_of_makefile()
        targets += report_serve(measure_serve(work, arguments), "mkdocs " + " ".join(arguments))

        base_url, server = serve(site)
        try:
            print("\n== Every page in Chromium: axe (light + dark), other hosts, console ==")
            seen = browser_pass(site, base_url)
            axe_total = sum(seen["axe"].values())
            foreign_total = sum(len(v) for v in seen["foreign"].values())
            error_total = sum(len(v) for v in seen["errors"].values())
            print(f"  pages: {seen['pages']} (each in the light and the dark palette)")
            print(f"  axe WCAG 2.x A/AA violations (elements): {axe_total}"
                  + "".join(f"\n    {p}: {n}" for p, n in seen["axe"].items() if n))
            print(f"  requests to other hosts: {foreign_total}" + "".join(f"\n    {p}: {v}" for p, v in seen["foreign"].items()))
            print(f"  console errors: {error_total}" + "".join(f"\n    {p}: {v}" for p, v in seen["errors"].items()))
            print(f"  cookies: {seen['cookies']}")
            targets += [("axe violations 0", str(axe_total), axe_total == 0),
                        ("foreign requests 0", str(foreign_total), foreign_total == 0),
                        ("console errors 0", str(error_total), error_total == 0)]

        finally:
            server.shutdown()

        targets += lighthouse_beside_plain(work, site, plain_site)

        print("\n== Targets ==")
        for name, value, ok in targets:
            print(f"  {verdict(ok):8} {name:52} {value}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def lighthouse_beside_plain(work: Path, site: Path, plain_site: Path) -> list[tuple[str, str, bool]]:
    """Both builds served gzipped; Lighthouse alternating between them on the same pages; the targets."""
    print(f"\n== Lighthouse {LIGHTHOUSE.split('@')[1]}, mobile, served gzipped: the guide beside plain Material "
          f"(median of {LIGHTHOUSE_RUNS} alternating runs each) ==")
    base_url, server = serve(site)
    plain_url, plain_server = serve(plain_site)
    try:
        pages = lighthouse_pages(site)
        urls = {label: (page_url(base_url, rel), page_url(plain_url, rel)) for label, rel in pages.items()}
        runs = lighthouse_side_by_side(work, urls)
        slow_phone = lighthouse_side_by_side(work, urls, throttling="devtools", runs=SLOW_PHONE_RUNS)
    finally:
        server.shutdown()
        plain_server.shutdown()
    print("  pages: " + "; ".join(f"{label} {rel}" for label, rel in pages.items()))
    targets = report_side_by_side(runs, list(pages))
    print(f"\n  As a slow phone loads them: Lighthouse's applied throttling (devtools: the line and the CPU really "
          f"slowed), median of {SLOW_PHONE_RUNS} alternating runs each; figures to read, not targets")
    print_medians(slow_phone, list(pages))
    return targets


def side_by_side_only():
    """Only the Lighthouse comparison: one build of each, then the alternating runs."""
    work = Path(tempfile.mkdtemp(prefix="hallpass-bench-"))
    try:
        site, plain_site = work / "site", work / "plain-site"
        timed_build(ROOT / "mkdocs.yml", site, strict=True)
        timed_build(plain_config(work), plain_site, strict=True)
        for name, value, ok in lighthouse_beside_plain(work, site, plain_site):
            print(f"  {verdict(ok):8} {name:52} {value}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def scale_only():
    work = Path(tempfile.mkdtemp(prefix="hallpass-bench-"))
    try:
        print(f"== Scale run: our hooks at 1x and {SCALE}x the chapters ==")
        report_scale(measure_scale(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["hook-times"]:
        import logging
        logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(message)s")
        print(json.dumps(our_hook_times(*sys.argv[2:4])))
    elif sys.argv[1:2] == ["scale"]:
        scale_only()
    elif sys.argv[1:2] == ["side-by-side"]:
        side_by_side_only()
    elif sys.argv[1:2] == ["serve"]:  # `bench.py serve [mkdocs arguments]`: default, the Makefile's
        work = Path(tempfile.mkdtemp(prefix="hallpass-bench-"))
        try:
            arguments = sys.argv[2:] or serve_command_of_makefile()
            report_serve(measure_serve(work, arguments), "mkdocs " + " ".join(arguments))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    else:
        main()
