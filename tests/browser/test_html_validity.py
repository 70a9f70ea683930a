"""The Nu Html Checker (npm vnu-jar, pinned in package.json, run with java -jar)
finds no error in the key pages: the built files, and the search page as the
browser shows it with results."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import node_tool, require
from .pages import KEY_PAGES, SEARCH, file_of

pytestmark = pytest.mark.browser

RENDERED = "search-rendered"


@pytest.fixture(scope="module")
def checked(site_root, server, browser, tmp_path_factory) -> dict[str, list[dict]]:
    """vnu's errors for each key page, from one run of the checker."""
    java = shutil.which("java")
    require(java is not None, "java is not installed (the Nu Html Checker needs it)")
    jar = node_tool("vnu-jar/build/dist/vnu.jar")
    folder = tmp_path_factory.mktemp("vnu")
    files = {}
    for name, url in KEY_PAGES.items():
        files[name] = folder / f"{name}.html"
        shutil.copyfile(site_root / file_of(url), files[name])
    files[RENDERED] = folder / f"{RENDERED}.html"
    files[RENDERED].write_text(rendered_search_page(browser, server), encoding="utf-8")

    done = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout",
         "--exit-zero-always", *map(str, files.values())],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    messages = json.loads(done.stdout)["messages"]
    by_file: dict[str, list[dict]] = {name: [] for name in files}
    for message in messages:
        # vnu names files "file:/tmp/…/article.html"
        stem = Path(unquote(urlsplit(message.get("url", "")).path)).stem
        by_file.setdefault(stem if stem in files else "?", []).append(message)
    return by_file


def rendered_search_page(browser, server) -> str:
    from .conftest import new_page

    page = new_page(browser)
    try:
        page.goto(server.url(SEARCH))
        page.wait_for_selector("[data-search-app][data-search-state=done]")
        return "<!DOCTYPE html>\n" + page.evaluate("document.documentElement.outerHTML")
    finally:
        page.context.close()


def describe(messages: list[dict]) -> str:
    return "\n".join(
        f"  line {m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()[:80]}]"
        for m in messages
    )


@pytest.mark.parametrize("name", [*KEY_PAGES, RENDERED])
def test_html_has_no_error(checked, name):
    errors = [m for m in checked[name] if m.get("type") in ("error", "non-document-error")]
    assert not errors, f"{name}:\n{describe(errors)}"


def test_checker_saw_every_page(checked):
    assert "?" not in checked, describe(checked["?"])
