"""Our built CSS and JavaScript lose their comments and indentation, and nothing else."""

import re
import shutil
import subprocess

import pytest

from conftest import ROOT, SITE_CONFIG
from macros.minify import strip_css, strip_js
from macros.stylesheets import own_part


def test_strings_keep_what_looks_like_a_comment_and_a_comment_keeps_its_line_break():
    source = 'var a = "/* kept */", b = \'it\\\'s /* kept */\';\n  /* dropped */\nreturn /* one\nline */ x;\n'
    stripped = strip_js(source)
    assert '"/* kept */"' in stripped and "'it\\'s /* kept */'" in stripped
    assert "dropped" not in stripped
    assert "return\n" in stripped, "a comment holding a line break still ends the line (return; x)"
    assert strip_css(".a { color: red; } /* why */\n  .b{}\n") == ".a { color: red; }\n.b{}\n"


@pytest.mark.parametrize("script", [str(s) for s in SITE_CONFIG["extra_javascript"]])
def test_every_built_script_parses_and_has_the_sources_code(site_dir, script):
    built = (site_dir / script).read_text(encoding="utf-8")
    assert "/*" not in built.replace('"/*', "").replace("'/*", "")
    node = shutil.which("node")
    assert node, "Node is needed (make test installs the bench tools with npm)"
    result = subprocess.run([node, "--check", str(site_dir / script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    source = (ROOT / "docs" / script).read_text(encoding="utf-8")
    words = lambda text: re.findall(r"[A-Za-z_$][\w$]*", re.sub(r"/\*.*?\*/", " ", text, flags=re.S))
    assert words(built) == words(source)


def test_built_stylesheet_has_every_rule_of_the_source(site_dir):
    for sheet in SITE_CONFIG["extra_css"]:
        built = own_part((site_dir / str(sheet)).read_text(encoding="utf-8"))  # after Material's stylesheets
        source = re.sub(r"/\*.*?\*/", "", (ROOT / "docs" / str(sheet)).read_text(encoding="utf-8"), flags=re.S)
        assert "/*" not in built
        assert built.split() == source.split()
