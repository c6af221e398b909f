"""Search and sharing on the built HTML: description, canonical URL, Open Graph tags on every page,
a sitemap that lists every page, and the FAQ as schema.org FAQPage structured data."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import ROOT, SITE_CONFIG, build, heading_text, html_pages, soup
from macros.content import load_content

SITE_URL = SITE_CONFIG["site_url"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def web_address(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return SITE_URL + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def meta(page, attribute, name):
    tags = page.find_all("meta", attrs={attribute: name})
    assert len(tags) == 1, f"{len(tags)} <meta {attribute}={name}>"
    return tags[0].get("content", "")


def test_every_page_has_description_canonical_url_and_open_graph_tags(site_dir):
    pages = html_pages(site_dir)
    assert len(pages) > 20
    problems = []
    for path in pages:
        page, address = soup(path), web_address(site_dir, path)
        try:
            description = meta(page, "name", "description")
            assert len(description) >= 50, f"description too short: {description!r}"
            canonicals = page.find_all("link", rel="canonical")
            assert [c["href"] for c in canonicals] == [address], f"canonical {canonicals}, expected {address}"
            assert meta(page, "property", "og:url") == address
            assert meta(page, "property", "og:description") == description
            assert meta(page, "property", "og:title").strip()
            assert meta(page, "property", "og:title") in page.title.string
            expected_type = "website" if address == SITE_URL else "article"
            assert meta(page, "property", "og:type") == expected_type
        except AssertionError as problem:
            problems.append(f"{path.relative_to(site_dir)}: {problem}")
    assert not problems, "\n".join(problems)


def test_sitemap_lists_every_page_and_nothing_else(site_dir):
    listed = [loc.text for loc in ET.parse(site_dir / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    built = [web_address(site_dir, path) for path in html_pages(site_dir)]
    assert sorted(listed) == sorted(built)
    assert (site_dir / "sitemap.xml.gz").is_file()


def faq_structured_data(site_dir):
    scripts = soup(site_dir / "faq" / "index.html").find_all("script", type="application/ld+json")
    assert len(scripts) == 1, f"{len(scripts)} JSON-LD blocks on the FAQ page"
    return json.loads(scripts[0].string)


def test_faq_page_carries_every_question_and_answer_as_faqpage_json_ld(site_dir):
    questions = load_content(ROOT / "data", ROOT / "docs")["faq.yml"]
    data = faq_structured_data(site_dir)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    found = [(q["@type"], q["name"], q["acceptedAnswer"]["@type"], q["acceptedAnswer"]["text"]) for q in data["mainEntity"]]
    expected = [("Question", q["question"], "Answer", "\n\n".join(q["answer"])) for q in questions]
    assert found == expected
    # Structured data must describe what the reader sees: each question is a heading on the page.
    headings = {heading_text(h) for h in soup(site_dir / "faq" / "index.html").find_all("h2")}
    assert {q["question"] for q in questions} <= headings



def test_faq_structured_data_cannot_be_closed_by_an_answer(project_copy, tmp_path):
    faq = project_copy / "data" / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace(
        "It depends.", "It depends.</script><script>alert(1)</script>", 1), encoding="utf-8")
    result = build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "out" / "faq" / "index.html")
    [script] = page.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert any("</script><script>alert(1)</script>" in q["acceptedAnswer"]["text"] for q in data["mainEntity"])
    assert not [s for s in page.find_all("script") if s.string and "alert(1)" in s.string and s is not script]
