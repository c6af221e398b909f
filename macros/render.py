"""Render validated content through autoescaped Jinja templates, one small function per component."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from macros import engine
from macros.content import GuideError, chapter_lines, chapter_sections
from macros.engine import page_url

TEMPLATES = Path(__file__).parent / "templates"
# A JSON-LD block a macro put in a page's text (the FAQ's). Material's instant navigation re-creates every
# script of the page's content without its type, so there it would run as a script (and the policy refuse
# it): it belongs in <head>, which instant navigation copies as it is.
STRUCTURED_DATA = re.compile(r'\n?<script type="application/ld\+json">.*?</script>', re.DOTALL)
# One template environment for every component; autoescaping keeps data text as text.
TEMPLATE_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


# The only numbers the Get help page shows, each a link that calls it: numbers change, home pages last.
EMERGENCY_NUMBERS = ("911", "988", "999", "112")
EMERGENCY_NUMBER = re.compile(r"(?<![\w-])(" + "|".join(EMERGENCY_NUMBERS) + r")(?![\w-])")


def tel_links(text: str) -> Markup:
    """Data text, escaped, with each emergency number made a link that calls it (a tap on a phone)."""
    return Markup(EMERGENCY_NUMBER.sub(r'<a href="tel:\1">\1</a>', str(escape(text))))


TEMPLATE_ENV.filters["tel_links"] = tel_links


def chapter_title(docs_dir: Path, src_path: str) -> str:
    """The first Markdown heading of a chapter, or its front-matter title."""
    for line in chapter_lines(docs_dir, src_path):
        if line.startswith("title:"):
            return line.split(":", 1)[1].strip().strip("\"'")
        if line.startswith("# "):
            return line[2:].strip()
    return src_path


def structured_data_into_head(page_html: str) -> str:
    """The built page with any JSON-LD block of its text moved to the end of its <head>."""
    blocks = STRUCTURED_DATA.findall(page_html)
    if not blocks or "</head>" not in page_html:
        return page_html
    page_html = STRUCTURED_DATA.sub("", page_html)
    head_end = page_html.index("</head>")
    return page_html[:head_end] + "".join(block.strip() for block in blocks) + "\n" + page_html[head_end:]


class Renderer:
    """The macros pages call. Each looks entries up by id and renders one template."""

    MACROS = (
        "checklist", "checklist_page", "checklist_index", "all_checklists",
        "script_cards", "all_script_cards", "outcomes", "stories", "faq", "community_links",
        "agreement_form", "glossary", "faq_structured_data", "help_page", "help_emergency",
    )

    def __init__(self, content: dict, config, page_src):
        self.content = content
        self.config = config
        self.page_src = page_src
        self.docs_dir = engine.docs_dir(config)
        self.site_url = config.get("site_url") or ""
        self.checklists = {c["id"]: c for c in content["checklists.yml"]}
        self.situations = {s["id"]: s for s in content["scripts.yml"]}
        self.helpers = {
            "link": self.link,
            "title_of": lambda src: chapter_title(self.docs_dir, src),
            "address_of": self.checklist_address,
        }

    # --- helpers shared by the templates ---

    def link(self, src_path: str) -> str:
        """A URL to another page, relative to the page being rendered."""
        return engine.link(self.config, src_path, self.page_src())

    def checklist_address(self, checklist_id: str) -> str:
        """The full web address of a checklist's own page, printed at its foot."""
        return self.site_url + page_url(f"checklists/{checklist_id}.md")

    def _lookup(self, table: dict, kind: str, entry_id: str):
        if entry_id not in table:
            raise GuideError(
                f'{kind} "{entry_id}" (called from docs/{self.page_src()}) is not in data/; '
                f"known ids: {', '.join(table)}"
            )
        return table[entry_id]

    def _render(self, template: str, **values) -> str:
        return TEMPLATE_ENV.get_template(template).render(**self.helpers, **values)

    # --- the macros ---

    def checklist(self, checklist_id: str) -> str:
        """A checklist inside a chapter, linking to its own printable page."""
        checklist = self._lookup(self.checklists, "Checklist", checklist_id)
        return self._render("checklist.html", checklist=checklist, standalone=False)

    def checklist_page(self, checklist_id: str) -> str:
        """A checklist on its own page, with its address and a date line for print."""
        checklist = self._lookup(self.checklists, "Checklist", checklist_id)
        return self._render(
            "checklist.html", checklist=checklist, standalone=True, address=self.checklist_address(checklist_id)
        )

    def checklist_index(self) -> str:
        """Every checklist with its purpose and a link to its page."""
        return self._render("checklist-index.html", checklists=self.checklists.values())

    def all_checklists(self) -> str:
        """Every checklist, one to a printed sheet."""
        return self._render("checklist-booklet.html", checklists=self.checklists.values())

    def script_cards(self, situation_id: str) -> str:
        """The script cards for one situation, as they appear in a chapter."""
        situation = self._lookup(self.situations, "Script situation", situation_id)
        return self._render("script-cards.html", situation=situation)

    def all_script_cards(self) -> str:
        """Every script card, grouped by situation, for the cards page."""
        return self._render("script-sheet.md", situations=self.situations.values())

    def outcomes(self) -> str:
        """The positive, neutral and negative outcomes side by side."""
        return self._render("outcomes.md", outcomes=self.content["outcomes.yml"]["outcomes"])

    def stories(self) -> str:
        """The generalized stories as scenario cards."""
        return self._render("stories.html", stories=self.content["outcomes.yml"]["stories"])

    def faq(self) -> str:
        """The questions and answers, as headed sections."""
        return self._render("faq.md", questions=self.content["faq.yml"])

    def community_links(self) -> str:
        """The blog's community links, only those configured in mkdocs.yml extra.community."""
        links = self.config["extra"].get("community") or {}
        for name, url in links.items():
            if url and not str(url).startswith(("https://", "http://")):
                raise GuideError(f'mkdocs.yml extra.community.{name}: "{url}" is not a web address (https://...)')
        return self._render("community.html", links={k: v for k, v in links.items() if v})

    def agreement_form(self) -> str:
        """The agreement worksheet: one labelled control per question, each linking to the section it comes from."""
        questions = []
        for question in self.content["agreement.yml"]:
            path, _, anchor = question["chapter"].partition("#")
            section = chapter_sections(self.docs_dir, path)[anchor] if anchor else chapter_title(self.docs_dir, path)
            questions.append({**question, "section": section})
        return self._render("agreement.html", questions=questions)

    def glossary(self) -> str:
        """Every glossary term with its definition, A to Z, each linking to the chapter that says most."""
        def other_names(entry):  # aliases that are only another form of the term (boundaries) go unsaid
            stem = entry["term"][: max(len(entry["term"]) - 3, 4)].lower()
            return [alias for alias in entry["aliases"] or [] if not alias.lower().startswith(stem)]

        terms = sorted(self.content["glossary.yml"], key=lambda entry: entry["term"].lower())
        return self._render("glossary.html", terms=[{**entry, "other_names": other_names(entry)} for entry in terms])

    def help_page(self) -> str:
        """Where to get help, section by section: organisations with their region and what they offer;
        then when the list was last reviewed (the oldest of the organisations' dates)."""
        sections = self.content["help.yml"]
        reviewed = min(org["last_checked"] for section in sections for org in section["organisations"])
        return self._render("help.md", sections=sections, reviewed=reviewed)

    def help_emergency(self) -> str:
        """The Get help page's first box: the emergency numbers to tap, and a link to each section."""
        return self._render("help-emergency.html", sections=self.content["help.yml"])

    def faq_structured_data(self) -> str:
        """The questions and answers as schema.org FAQPage JSON-LD, for search engines' rich results."""
        data = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": entry["question"],
                    "acceptedAnswer": {"@type": "Answer", "text": "\n\n".join(entry["answer"])},
                }
                for entry in self.content["faq.yml"]
            ],
        }
        return self._render("faq-structured-data.html", data=data)
