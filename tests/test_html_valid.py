"""Every built page is valid HTML: the W3C Nu Html Checker (vnu-jar, pinned in package.json and
installed by `make test`) checks them all in one run, served over HTTP so the checker also evaluates the
Content-Security-Policy as a browser would. Our markup may have no error and no warning."""

import json
import subprocess

from conftest import ROOT
from site_pages import built_pages, page_url

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Material's templates, not ours: each known error, matched by its message and the element it is on.
MATERIAL_KNOWN = [
    # partials/nav-item.html writes tabindex="" on section labels of navigation.sections when the label
    # is not focusable; browsers treat it as no tabindex.
    ('Bad value “” for attribute “tabindex” on element “label”', '<label class="md-nav__link" for="__nav_'),
    # base.html's drawer and search toggles are hidden checkboxes with autocomplete="off", which keeps
    # Firefox from restoring them open after going back; HTML allows autocomplete only on text-like inputs.
    ("Attribute “autocomplete” is only allowed when the input type is", '<input class="md-toggle" data-md-toggle='),
]


def material_known(message: dict) -> bool:
    return message["type"] == "error" and any(
        message["message"].startswith(text) and element in message.get("extract", "")
        for text, element in MATERIAL_KNOWN)


def test_every_page_is_valid_html_but_for_materials_two_known_errors(site_dir, base_url):
    assert VNU.is_file(), f"{VNU} is missing: run `make test`, which installs it (npm ci)"
    urls = [page_url(base_url, relative) for relative in built_pages(site_dir)]
    # The checker refuses local addresses unless told to: the pages come from our own test server.
    result = subprocess.run(["java", "-Dnu.validator.servlet.allow-forbidden-hosts=true", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *urls],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    ours = [f"{m['url'].removeprefix(base_url)}: {m['type']}/{m.get('subType', '')}: {m['message']} "
            f"[{m.get('extract', '').strip()[:80]}]" for m in messages if not material_known(m)]
    assert ours == [], "\n".join(ours)
    # Every page was checked: each one carries Material's known errors.
    assert {m["url"] for m in messages if material_known(m)} == set(urls)
    assert len(urls) > 20
