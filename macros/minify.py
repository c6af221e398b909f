"""Our CSS and JavaScript as the browser gets them: without comments and indentation. The files in
docs/assets/ keep their comments for the people who edit them; the built copies drop them, a third of
their gzipped size. Nothing is renamed or rewritten, so the built code reads as the source does."""

from __future__ import annotations

import re
from pathlib import Path

CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def strip_css(text: str) -> str:
    """CSS without comments, indentation and blank lines (our CSS has no "/*" inside a string)."""
    text = CSS_COMMENT.sub("", text)
    return "".join(line.strip() + "\n" for line in text.splitlines() if line.strip())


# A JavaScript string (kept as it is) or a /* */ comment (dropped).
JS_STRING_OR_COMMENT = re.compile(r""""(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|/\*.*?\*/""", re.DOTALL)


def strip_js(text: str) -> str:
    """JavaScript without /* */ comments, indentation and blank lines. Strings (one line each) are
    skipped, so a "/*" inside one stays; `//` is left alone (it starts addresses and regular expressions
    too). Regular expressions holding a quote or "/*" would need a real tokenizer: ours have none."""
    def keep_strings(match):
        token = match.group(0)
        if not token.startswith("/*"):
            return token
        return "\n" if "\n" in token else " "  # what a comment stands for to the parser
    text = JS_STRING_OR_COMMENT.sub(keep_strings, text)
    return "".join(line.strip() + "\n" for line in text.splitlines() if line.strip())


def strip_built_assets(site_dir: Path, paths: list[str]) -> None:
    """Strip each of our built files (paths relative to the site, as in extra_css / extra_javascript)."""
    for rel in paths:
        path = Path(site_dir) / rel
        if path.suffix == ".css":
            path.write_text(strip_css(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.suffix == ".js":
            path.write_text(strip_js(path.read_text(encoding="utf-8")), encoding="utf-8")
