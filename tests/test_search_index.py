"""The engine-neutral search-index helpers (macros/search_index.py), on an index shaped like any engine's."""

import re

from macros.search_index import add_keywords, exclude_controls, page_front_matter
from macros.search_words import SKIPPED_WORDS, inflected_forms, separator
from conftest import ROOT, SITE_CONFIG


def test_keywords_join_only_the_pages_own_entry_and_a_blank_entry_gets_the_description():
    index = {"config": {"fields": {"title": {"boost": 1000}}}, "docs": [
        {"location": "a/", "title": "A", "text": ""},
        {"location": "a/#part", "title": "Part", "text": "<p>Words.</p>"},
        {"location": "b/", "title": "B", "text": "<p>Own words.</p>"},
    ]}
    pages = {"a/": {"keywords": ["therapist", "counsellor"], "description": "All about <A>."},
             "b/": {"description": "Never shown: B has its own text."}}
    add_keywords(index, pages)
    first, part, other = index["docs"]
    assert index["config"]["fields"]["keywords"]["boost"] > 1
    # The keywords as written come first, then the other forms of their words a reader may type.
    assert first["keywords"][:2] == ["therapist", "counsellor"] and first["text"] == "<p>All about &lt;A&gt;.</p>"
    assert {"therapists", "counsellors"} <= set(first["keywords"][2:])
    assert "keywords" not in part and part["text"] == "<p>Words.</p>"
    assert "keywords" not in other and other["text"] == "<p>Own words.</p>"


def test_the_real_chapters_keywords_are_read_from_their_front_matter():
    pages = page_front_matter(ROOT / "docs")
    assert "therapist" in pages["repair/professional-help/"]["keywords"]
    assert page_front_matter(ROOT / "docs", directory_urls=False)["repair/professional-help.html"] == pages["repair/professional-help/"]


def test_controls_and_hidden_words_are_marked_out_of_search_once():
    marked = exclude_controls(
        '<p>Say it.</p><button class="md-button">Copy<span class="hp-visually-hidden"> it</span></button>'
        '<label class="md-button" for="f">Load</label><noscript><p>No script</p></noscript>'
        '<span aria-hidden="true" data-search-exclude>A</span><a class="headerlink" href="#x">¶</a>'
    )
    assert marked.count("data-search-exclude") == 5
    assert marked.startswith("<p>Say it.</p><button data-search-exclude")
    assert '<a class="headerlink" href="#x">' in marked


def test_the_separator_is_made_from_one_list_and_keeps_no_not_and_say():
    # mkdocs.yml holds no separator of its own: the built index's comes from macros/search_words.py.
    search = next(p["search"] for p in SITE_CONFIG["plugins"] if isinstance(p, dict) and "search" in p)
    assert "separator" not in search
    words = [w for w in re.split(separator(), "Say no: I’m not ready, and I don't want this. Can't stop thinking.") if w]
    assert words == ["Say", "no", "not", "ready", "don", "want", "stop", "thinking"], words
    assert not {"no", "not", "nor", "say", "said", "says", "wants"} & set(SKIPPED_WORDS)
    assert re.fullmatch(separator(), "The") and not re.fullmatch(separator(), "Then.")


def test_the_built_index_uses_the_generated_separator_and_no_stop_word_filter(site_dir):
    import json
    config = json.loads((site_dir / "search" / "search_index.json").read_text())["config"]
    assert config["separator"] == separator()
    assert config["pipeline"] == []


def test_inflected_forms_let_a_reader_type_another_ending_of_a_keyword():
    assert {"cheat", "cheated", "cheats"} <= inflected_forms("cheating")
    assert {"betray", "betrayed", "betraying"} <= inflected_forms("betrayal")
    assert {"obsessed", "obsessing"} <= inflected_forms("obsess")
    assert {"blamed", "blaming"} <= inflected_forms("blame")
    assert "stop" in inflected_forms("stopping")
