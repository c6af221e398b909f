"""Render validated content through autoescaped Jinja templates, one small function per component."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from macros import engine, ids_lock
from macros.content import chapter_title
from macros.errors import GuideError, nearest
from macros.engine import page_url
from macros.pages import CHECKLIST_INDEX, nav_sources

TEMPLATES = Path(__file__).parent / "templates"

# The worksheet: the most characters an answer may have, typed or loaded from a file (agreement.js reads it).
MAX_ANSWER = 4000
# Where the compare view points when either partner is not sure or does not want this: the chapter for
# the partner who was asked, and ways to talk it through before any planning.
PARTNER_WHO_WAS_ASKED = "decide/if-your-partner-asked.md"
TALK_BEFORE_PLANNING = "prepare/communication-scripts.md"
# A JSON-LD block a macro put in a page's text (the FAQ's). Material's instant navigation re-creates every
# script of the page's content without its type, so there it would run as a script (and the policy refuse
# it): it belongs in <head>, which instant navigation copies as it is.
STRUCTURED_DATA = re.compile(r'\n?<script type="application/ld\+json">.*?</script>', re.DOTALL)


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Where every build keeps its templates compiled (.cache/templates/), ours and Material's: compiling
    them was a third of a build's time and of every save in `make serve`. Jinja checks each template's
    source and compiles a changed one again. None (compile every time) where the folder cannot be made."""
    folder = TEMPLATES.parent.parent / ".cache" / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


# One cache for our component templates and Material's (hooks.py, on_env).
COMPILED_TEMPLATES = _compiled_templates()
# One template environment for every component; autoescaping keeps data text as text.
TEMPLATE_ENV = jinja2.Environment(
    bytecode_cache=COMPILED_TEMPLATES,
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
    # A class, not a[href^="tel:"], in guide.css: see macros/stylesheets.py on rules about links' addresses.
    return Markup(EMERGENCY_NUMBER.sub(r'<a class="hp-tel" href="tel:\1">\1</a>', str(escape(text))))


TEMPLATE_ENV.filters["tel_links"] = tel_links


def structured_data_into_head(page_html: str) -> str:
    """The built page with any JSON-LD block of its text moved to the end of its <head>."""
    if "application/ld+json" not in page_html:  # most pages: no regex over the whole page
        return page_html
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
        "agreement_form", "glossary", "faq_structured_data", "help_page", "help_emergency", "offline_copy_link",
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
            "renamed_items_of": self.renamed_items_of,
        }

    # --- helpers shared by the templates ---

    def link(self, src_path: str) -> str:
        """A URL to another page, relative to the page being rendered."""
        return engine.link(self.config, src_path, self.page_src())

    def renamed_items_of(self, checklist_id: str) -> str:
        """A checklist's item ids renamed in data/ids.lock, as "old:new old:new", for its page to move
        readers' saved ticks to the new ids (docs/assets/checklists.js)."""
        renamed = ids_lock.renamed_items(self.content.get("ids.lock"), checklist_id)
        return " ".join(f"{old}:{new}" for old, new in renamed.items())

    def checklist_address(self, checklist_id: str) -> str:
        """The full web address of a checklist's own page, printed at its foot."""
        return self.site_url + page_url(f"checklists/{checklist_id}.md")

    DATA_FILE_OF = {"Checklist": "checklists.yml", "Script situation": "scripts.yml"}

    def _lookup(self, table: dict, kind: str, entry_id: str):
        """An entry by the id a page's macro call names; the page's adapter adds the page and line."""
        if entry_id not in table:
            raise GuideError(f'{kind} "{entry_id}" is not in data/{self.DATA_FILE_OF[kind]}; {nearest(entry_id, table)}')
        return table[entry_id]

    def _render(self, template: str, **values) -> str:
        return TEMPLATE_ENV.get_template(template).render(**self.helpers, **values)

    # --- the macros ---

    def checklist(self, checklist_id: str) -> str:
        """A checklist inside a chapter, linking to its own printable page."""
        checklist = self._lookup(self.checklists, "Checklist", checklist_id)
        return self._render("checklist.html", checklist=checklist, standalone=False)

    def checklist_page(self, checklist_id: str) -> str:
        """A checklist on its own page, with its address and a date line for print, and links back to
        its chapter and on to its next step."""
        checklist = self._lookup(self.checklists, "Checklist", checklist_id)
        return self._render(
            "checklist.html", checklist=checklist, standalone=True, address=self.checklist_address(checklist_id),
            next_step=checklist["next"] or self.chapter_after(checklist["chapter"]),
        )

    def chapter_after(self, src_path: str) -> str | None:
        """The chapter that follows `src_path` in the reader's journey (the nav), skipping checklist pages."""
        path = src_path.partition("#")[0]
        journey = [src for src in nav_sources(self.config["nav"]) if not src.startswith(CHECKLIST_INDEX.rpartition("/")[0] + "/")]
        position = journey.index(path) if path in journey else len(journey)
        return journey[position + 1] if position + 1 < len(journey) else None

    def checklist_index(self) -> str:
        """Every checklist with its purpose and a link to its page."""
        return self._render("checklist-index.html", checklists=self.checklists.values())

    def all_checklists(self) -> str:
        """Every checklist in one booklet to print: a cover with the contents, then the checklists, packed."""
        return self._render("checklist-booklet.html", checklists=self.checklists.values(),
                            address=self.site_url + page_url("checklists/print-all.md"))

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
            questions.append({**question, "section": chapter_title(self.docs_dir, question["chapter"])})
        return self._render(
            "agreement.html", questions=questions, max_answer=MAX_ANSWER,
            asked_url=self.link(PARTNER_WHO_WAS_ASKED), talk_url=self.link(TALK_BEFORE_PLANNING),
        )

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

    def offline_copy_link(self) -> str:
        """A link to the offline copy's zip, beside the site, when the publishing workflow put it there
        (extra.offline_zip, from HP_OFFLINE_ZIP); nothing otherwise, so no link ever leads nowhere."""
        zip_name = self.config["extra"].get("offline_zip") or ""
        if not zip_name:
            return ""
        return self._render("offline-copy.html", href=engine.relative_url(zip_name, page_url(self.page_src())))

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
