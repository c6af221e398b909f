"""How search splits text and queries into words, generated here, the one place, for both engines:
the separator (punctuation and the words search skips) and the pipeline, set on the search plugin by
MkDocs' on_config hook (macros/hooks.py) and in Zensical's config (macros/engine.py); and the inflected
forms of chapters' keywords (macros/search_index.py). Imports nothing of the guide's, so any module can use it."""

from __future__ import annotations

import re

# Punctuation between words, so "(midlife," is found as "midlife". Apostrophes split too, so "don't",
# "don’t" typed on any keyboard meet the same words ("don" stays a word: "I don't want this").
SEPARATOR_PUNCTUATION = "\\s\\-—–,;:.!?()\\[\\]\"“”/'’‘"
# Words search skips, in text and in queries. Material adds a wildcard to every typed word (so "I" in
# "am I ready" would match every word starting with i), and a wildcard skips lunr's own stop-word
# filter and stemmer, so the skipped words are separators instead. Not skipped, though lunr's English
# list has them: "no", "not", "nor", "say", "says", "said" and "wants". In this guide
# they are what a reader means ("say no", "not ready", "I don't want this"), so they are searched. The
# last line: what is left of contractions once apostrophes split them ("can't": "can", "t").
SKIPPED_WORDS = """
    a able about across after all almost also am among an and any are as at be because been but by can
    cannot could dear did do does either else ever every for from get got had has have he her hers him
    his how however i if in into is it its just least let like likely may me might most must my neither
    of off often on only or other our own rather she should since so some than that the their them then
    there these they this tis to too twas us was we were what when where which while who whom why will
    with would yet you your
    t s d m ll re ve doesn didn isn aren wasn weren won wouldn couldn shouldn haven hasn hadn ain
""".split()


def separator() -> str:
    """The search separator (a regular expression): punctuation and whitespace, or a whole skipped word
    in either case of its first letter."""
    words = "|".join(f"[{word[0].upper()}{word[0]}]{re.escape(word[1:])}" for word in SKIPPED_WORDS)
    return f"[{SEPARATOR_PUNCTUATION}]+|\\b(?:{words})\\b"


# Indexing runs no stop-word filter (the separator skips words) and no stemmer (a typed word carries a
# wildcard, which lunr never stems): inflections come from inflected_forms() instead.
PIPELINE: list[str] = []


def search_settings(plugin_config) -> None:
    """Set the search plugin's separator and pipeline (a dict-like plugin config, either engine's)."""
    plugin_config["separator"] = separator()
    plugin_config["pipeline"] = list(PIPELINE)


# Endings a reader's word may carry that the guide's keyword does not ("cheated" for "cheating").
_ENDINGS = ("ing", "ed", "es", "s", "al")


def inflected_forms(word: str) -> set[str]:
    """A keyword's word with its common English endings (cheating: cheat, cheats, cheated, cheating).
    Search matches what a reader types as the start of an indexed word, so each form a reader might
    type is indexed; a form no one writes ("cheatment" is not made, but "rul" is) costs nothing."""
    word = word.lower()
    stems = set()
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3 and not word.endswith(("ss", "us", "is")):
            stem = word[: -len(ending)]
            stems.add(stem)
            if stem[-1] == stem[-2] and stem[-1] not in "ls":  # stopping: stop
                stems.add(stem[:-1])
    forms = {word}
    for stem in stems or {word}:
        base = stem[:-1] if stem.endswith("e") else stem  # blame: blamed, blaming
        forms |= {stem, stem + "s", base + "ed", base + "ing"}
    return forms
