"""`make linkcheck` (scripts/linkcheck.py): which links it opens, and what it says with no network."""

import sys

import yaml

from conftest import ROOT, SITE_CONFIG
from scripts import linkcheck


def test_it_opens_every_link_to_another_website_and_no_other(site_dir):
    help_urls = {org["url"] for section in yaml.safe_load((ROOT / "data" / "help.yml").read_text("utf-8"))
                 for org in section["organisations"]}
    found = linkcheck.external_links(site_dir)
    assert help_urls | {SITE_CONFIG["extra"]["quick_exit_url"]} <= found
    assert all(url.startswith(("http://", "https://")) for url in found)


def test_with_no_network_it_says_so_in_one_line_and_does_not_pass(site_dir, monkeypatch, capsys):
    monkeypatch.setattr(linkcheck, "reachable", lambda hosts, tries=3: False)
    monkeypatch.setattr(sys, "argv", ["linkcheck.py", str(site_dir), "--linkchecker", "/nonexistent/linkchecker"])
    assert linkcheck.main() == linkcheck.NO_NETWORK
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "no network" in out, out
