"""The source article, read as sections, headings and sentences, to check the site keeps all of it."""

import re
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = Path(__file__).parent / "fixtures" / "hall-pass-article.txt"

# Sentences that only promote the blog's own community; the site shows them as one optional block.
CALL_TO_ACTION_MARKERS = ("community", "facebook", "pinterest", "sign up", "join", "boards", "weekly")

SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[“\"A-Z0-9])")


@dataclass
class Section:
    title: str
    subheadings: list = field(default_factory=list)
    sentences: list = field(default_factory=list)


def normalize(text: str) -> str:
    """Lower-case words only, so formatting (lists, quotes, bold, admonitions) does not matter."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower().replace("’", "'").replace("'", "")).split())


def is_call_to_action(sentence: str) -> bool:
    return any(marker in sentence.lower() for marker in CALL_TO_ACTION_MARKERS)


def _is_heading(line: str) -> bool:
    if line.startswith("- ") or line.endswith((".", ":", "”", '"')):
        return False
    return bool(re.match(r"^\d\) ", line)) or len(line.split()) <= 12


def sections() -> list[Section]:
    lines = [line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[0] == "Table of Contents"
    titles = []
    for line in lines[1:]:
        if not line.startswith("- "):
            break
        titles.append(line[2:])
    result: list[Section] = []
    for line in lines[1 + len(titles):]:
        if len(result) < len(titles) and line == titles[len(result)]:
            result.append(Section(line))
        elif _is_heading(line):
            result[-1].subheadings.append(line)
        else:
            text = line[2:] if line.startswith("- ") else line
            result[-1].sentences.extend(s for s in SENTENCE_END.split(text) if s.strip())
    assert [s.title for s in result] == titles, "the article's sections do not match its table of contents"
    return result
