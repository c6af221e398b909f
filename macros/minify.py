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


def strip_js(text: str) -> str:
    """JavaScript without /* */ comments, indentation and blank lines. Strings are skipped, so a "/*"
    inside one stays; `//` is left alone (it starts addresses and regular expressions too)."""
    out, i, n = [], 0, len(text)
    while i < n:
        char = text[i]
        if char in "\"'":
            end = i + 1
            while end < n and text[end] != char:
                end += 2 if text[end] == "\\" else 1
            out.append(text[i:end + 1])
            i = end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise ValueError("a /* comment is never closed")
            out.append("\n" if "\n" in text[i:end] else " ")  # what a comment stands for to the parser
            i = end + 2
        else:
            out.append(char)
            i += 1
    return "".join(line.strip() + "\n" for line in "".join(out).splitlines() if line.strip())


def strip_built_assets(site_dir: Path, paths: list[str]) -> None:
    """Strip each of our built files (paths relative to the site, as in extra_css / extra_javascript)."""
    for rel in paths:
        path = Path(site_dir) / rel
        if path.suffix == ".css":
            path.write_text(strip_css(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.suffix == ".js":
            path.write_text(strip_js(path.read_text(encoding="utf-8")), encoding="utf-8")
