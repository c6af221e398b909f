"""`make serve` as an editor uses it (the Makefile's command, rebuilding only saved chapters): a saved
chapter and a saved data file both show on the served pages (macros/preview.py)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT


def makefile_serve_arguments():
    recipe = re.search(r"^serve:.*\n\t(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    words = recipe.split()
    words = words[words.index("serve"):]
    del words[words.index("--dev-addr"):words.index("--dev-addr") + 2]
    return words


def wait_for(fetch, words, seconds=180):
    """The served page once it holds `words` (no timing is asserted: the machine may be busy)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = fetch()
        if words in text:
            return text
        time.sleep(0.2)
    raise AssertionError(f"the preview never showed {words!r}")


def test_saved_chapter_and_saved_data_show_in_the_preview(project_copy):
    assert "--dirty" in makefile_serve_arguments(), "make serve rebuilds only what was saved"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", *makefile_serve_arguments(), "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project_copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def fetch(path):
        def get():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as response:
                    return response.read().decode("utf-8")
            except OSError:
                return ""
        return get

    try:
        wait_for(fetch("start/introduction/"), "</html>")
        chapter = project_copy / "docs" / "start" / "introduction.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence saved during the preview.\n", encoding="utf-8")
        wait_for(fetch("start/introduction/"), "A sentence saved during the preview.")

        # A data edit shows on the checklist's own page and in its chapter (every page is rebuilt).
        data = project_copy / "data" / "checklists.yml"
        old = "Am I prepared to feel jealous or regret afterward?"
        assert old in data.read_text(encoding="utf-8")
        data.write_text(data.read_text(encoding="utf-8").replace(old, "Am I ready for jealousy or regret afterwards?"),
                        encoding="utf-8")
        wait_for(fetch("checklists/self-reflection/"), "Am I ready for jealousy or regret afterwards?")
        wait_for(fetch("decide/how-to-decide/"), "Am I ready for jealousy or regret afterwards?")

        # Then a chapter saved again is rebuilt alone, with the new data still in place.
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA second sentence.\n", encoding="utf-8")
        wait_for(fetch("start/introduction/"), "A second sentence.")
        assert "Am I ready for jealousy or regret afterwards?" in fetch("checklists/self-reflection/")()
        assert server.poll() is None, server.stderr.read() if server.poll() is not None else ""
    finally:
        server.terminate()
        server.wait(timeout=30)
