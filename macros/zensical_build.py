"""`make zensical`: the guide built with Zensical into dist/zensical/, from the same sources.

Zensical reads mkdocs.yml but ignores MkDocs hooks, so this adapter does their work around it.
Before the build it makes a build-time copy of the project beside the output (dist/.zensical-build/):
docs/ with a generated page per checklist, data/, our overrides minus those Zensical does without,
and mkdocs.yml as macros/engine.py adapts it. After the build it moves the site to dist/zensical/ and
removes the copy. docs/ in the repository is never written to.

Run with the Zensical virtualenv's Python from the project folder: `python -m macros.zensical_build`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import yaml

from macros import engine, offline, pages
from macros.content import front_matter, load_content
from macros.errors import GuideError, markdown_offset, page_mistake
from macros.reading_aids import PageIndex
from macros.search_index import add_keywords_as_text, page_front_matter
from macros.render import STRUCTURED_DATA, structured_data_into_head
from macros.security import PolicyError, secure_site

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "dist" / "zensical"


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as both engines read it: `!ENV [NAME, default]` is the variable's value, or the default."""


def _env_tag(loader, node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=ConfigLoader)


def prepare(project: Path, work: Path) -> Path:
    """The build-time copy of the project, checked as MkDocs' hooks check it; returns its mkdocs.yml."""
    config = read_config(project / "mkdocs.yml")
    note = engine.placeholder_site_url(config)
    if note:
        print(f"Note: {note}")
    content = load_content(project / "data", project / "docs")
    checklist_pages = pages.checklist_pages(content)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(project / "docs", work / "docs")
    shutil.copytree(project / "data", work / "data")
    overrides = project / "overrides"
    shutil.copytree(overrides, work / "overrides", ignore=lambda folder, names: [
        name for name in names
        if (Path(folder) / name).relative_to(overrides).as_posix() in engine.ZENSICAL_SKIPS_OVERRIDES])
    for path, (_, markdown) in checklist_pages.items():
        target = work / "docs" / path
        if not target.exists():
            target.write_text(markdown, encoding="utf-8")
    config = engine.zensical_config(config, checklist_pages)
    if engine.offline_copy(config):  # what MkDocs' on_files hook does for the offline copy
        (work / "docs" / offline.SHIM_PATH).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(offline.shim_source(), work / "docs" / offline.SHIM_PATH)
    # Front matter is checked before the build, so a mistake is reported as one message.
    PageIndex(((src, (work / "docs" / src).read_text(encoding="utf-8")) for src in pages.nav_sources(config["nav"])),
              engine.allowed_tags(config))
    config_path = work / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


def build(project: Path = ROOT, out: Path = OUT) -> None:
    """Build the project (the folder of its mkdocs.yml) into `out`, through a build-time copy beside
    the output (removed afterwards)."""
    work = out.parent / f".{out.name}-build"
    config_path = prepare(project, work)
    zensical = Path(sys.executable).parent / "zensical"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([str(zensical), "build", "--clean", "--strict", "-f", str(config_path)],
                            cwd=work, env=env, capture_output=True, text=True)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise SystemExit(f"Zensical build failed:\n{log}")
    mistakes = page_mistakes(log, work / "docs")
    if mistakes:  # Zensical reports a page's mistake and goes on, even with --strict: we stop, as MkDocs does
        raise GuideError(f"{len(mistakes)} problem(s) in the pages:\n  - " + "\n  - ".join(mistakes))
    post_build(work / "site", read_config(config_path))
    shutil.rmtree(out, ignore_errors=True)
    shutil.move(str(work / "site"), str(out))
    shutil.rmtree(work)
    print(log.strip())


ZENSICAL_PAGE_MISTAKE = re.compile(r"^Macro rendering failed in (\S+): (.*)$", re.MULTILINE)


def page_mistakes(log: str, docs: Path) -> list[str]:
    """Zensical's reports of a page's mistake, as MkDocs' adapter words them: the page's file, and the
    line in it that names the unknown id (Zensical gives no line)."""
    mistakes = []
    for src, message in ZENSICAL_PAGE_MISTAKE.findall(log):
        source = (docs / src).read_text(encoding="utf-8") if (docs / src).is_file() else ""
        named = re.match(r'^\w[\w ]* "([^"]+)" is not in data/', message)
        line = next((n for n, text in enumerate(source.splitlines(), 1) if named and f'"{named.group(1)}"' in text), None)
        markdown = front_matter(source)[0]
        try:  # a Jinja syntax error: parsed again here for its line, counted from the top of the file
            jinja2.Environment().parse(markdown)
        except jinja2.TemplateSyntaxError as error:
            message = page_mistake(error, src, source, markdown).split(": ", 1)[1]
            line = error.lineno + markdown_offset(source, markdown)
        mistakes.append(f"docs/{src}" + (f", line {line}" if line else "") + f": {message}")
    return mistakes


def post_build(site: Path, config: dict) -> None:
    """What MkDocs' hooks do as pages are written and after the build, over the built site: chapters'
    keywords into the search index; the Content-Security-Policy in every page, and `_headers`."""
    directory_urls = not engine.offline_copy(config) and config.get("use_directory_urls", True)
    pages_meta = page_front_matter(site.parent / "docs", directory_urls)
    index_path = site / engine.ZENSICAL_SEARCH_INDEX
    index = add_keywords_as_text(json.loads(index_path.read_text(encoding="utf-8")), pages_meta)
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_path.write_text(text, encoding="utf-8")
    script, wrapper = engine.ZENSICAL_OFFLINE_SEARCH_INDEX
    if (site / script).is_file():
        (site / script).write_text(wrapper.replace("{}", text), encoding="utf-8")
    for page in site.rglob("*.html"):
        page_html = page.read_text(encoding="utf-8")
        if STRUCTURED_DATA.search(page_html):
            page.write_text(structured_data_into_head(page_html), encoding="utf-8")
    secure_site(site, offline=engine.offline_copy(config), styles=search_dialog_styles(site))


# A stylesheet written as one string in a script: a long quoted run of CSS rules (".x{...}...").
CSS_STRING = re.compile(r"'(\.[a-z][\w-]*\{[^'\\]{500,})'")


def search_dialog_styles(site: Path) -> list[str]:
    """The stylesheet Zensical's search dialog writes into a <style> element at run time, as its
    bundle holds it, so the page policy can allow exactly that style by its hash."""
    styles = [match.group(1) for bundle in site.glob(engine.ZENSICAL_BUNDLE)
              for match in CSS_STRING.finditer(bundle.read_text(encoding="utf-8"))]
    if len(styles) != 1:
        raise PolicyError(f"expected the one stylesheet of Zensical's search dialog in {engine.ZENSICAL_BUNDLE}, found {len(styles)}")
    return styles


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml", help="the project's mkdocs.yml")
    parser.add_argument("-d", "--site-dir", type=Path, default=OUT, help="where the built site goes (default dist/zensical)")
    args = parser.parse_args()
    try:
        build(args.config_file.resolve().parent, args.site_dir.resolve())
    except GuideError as error:
        raise SystemExit(f"ERROR: {error}") from None
    print(f"Zensical build: {args.site_dir}")


if __name__ == "__main__":
    main()
