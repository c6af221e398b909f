"""The engine-neutral search-index helpers (macros/search_index.py), on an index shaped like any engine's."""

from macros.search_index import add_keywords, exclude_controls, page_front_matter
from conftest import ROOT


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
    assert first["keywords"] == ["therapist", "counsellor"] and first["text"] == "<p>All about &lt;A&gt;.</p>"
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
