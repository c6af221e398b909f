"""Publishing: the workflow tests every pull request and deploys only what passed on main; a build for
publishing stops while site_url is the placeholder; the offline zip is linked when published."""

import os

import yaml

from conftest import ROOT, build, failing_build, soup


def workflow():
    # PyYAML reads the key `on` as True (YAML 1.1); BaseLoader keeps every key and value as text.
    return yaml.load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_the_workflow_tests_pull_requests_and_deploys_only_after_the_tests_on_main():
    flow = workflow()
    assert "pull_request" in flow["on"] and flow["on"]["push"]["branches"] == ["main"]
    jobs = flow["jobs"]
    assert any(".ci/run" in step.get("run", "") for step in jobs["test"]["steps"])
    assert jobs["build"]["needs"] == "test" and "refs/heads/main" in jobs["build"]["if"]
    assert jobs["deploy"]["needs"] == "build"
    build_steps = jobs["build"]["steps"]
    assert any(step.get("env", {}).get("HP_PUBLISHING") == "true" for step in build_steps)
    assert any("hall-pass-guide-offline.zip site/" in step.get("run", "") for step in build_steps)


def test_publishing_stops_on_the_placeholder_address_and_links_the_offline_zip(project_copy, tmp_path):
    os.environ["HP_PUBLISHING"] = "true"
    try:
        output = failing_build(project_copy, tmp_path / "refused")
    finally:
        del os.environ["HP_PUBLISHING"]
    assert "site_url in mkdocs.yml is still the placeholder https://hallpass-guide.example.org/" in output
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("https://hallpass-guide.example.org/", "https://guide.test/"))
    os.environ.update(HP_PUBLISHING="true", HP_OFFLINE_ZIP="hall-pass-guide-offline.zip")
    try:
        result = build(project_copy, tmp_path / "site")
    finally:
        del os.environ["HP_PUBLISHING"], os.environ["HP_OFFLINE_ZIP"]
    assert result.returncode == 0, result.stdout + result.stderr
    link = soup(tmp_path / "site" / "privacy" / "index.html").select_one(".hp-offline-copy a")
    assert link["href"] == "../hall-pass-guide-offline.zip"


def test_an_ordinary_build_notes_the_placeholder_without_a_warning(project_copy, tmp_path):
    result = build(project_copy, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode == 0 and "WARNING" not in log, log
    assert "INFO    -  Note: site_url in mkdocs.yml is still the placeholder https://hallpass-guide.example.org/" in log
    assert soup(tmp_path / "site" / "privacy" / "index.html").select_one(".hp-offline-copy") is None
