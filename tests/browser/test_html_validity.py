"""The Nu Html Checker (npm vnu-jar, pinned in package.json, run with java -jar)
finds no error in any page of the built site, nor in the search page as the
browser shows it with its results. The key pages are reported one by one."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import new_page, node_tool, require
from .pages import KEY_PAGES, SEARCH, file_of

pytestmark = pytest.mark.browser

RENDERED = "search-rendered.html"


@pytest.fixture(scope="module")
def checked(site_root, server, browser, tmp_path_factory) -> dict[Path, list[dict]]:
    """vnu's errors for every page (keyed by file), from one run of the checker."""
    java = shutil.which("java")
    require(java is not None, "java is not installed (the Nu Html Checker needs it)")
    jar = node_tool("vnu-jar/build/dist/vnu.jar")
    rendered = tmp_path_factory.mktemp("vnu") / RENDERED
    rendered.write_text(rendered_search_page(browser, server), encoding="utf-8")
    files = [p for p in sorted(site_root.rglob("*.html")) if "pagefind" not in p.parts]
    files.append(rendered)

    done = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout",
         "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    by_file: dict[Path, list[dict]] = {path.resolve(): [] for path in files}
    for message in json.loads(done.stdout)["messages"]:
        # vnu names files "file:/tmp/…/index.html"
        path = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        by_file.setdefault(path, []).append(message)
    return by_file


def rendered_search_page(browser, server) -> str:
    page = new_page(browser)
    try:
        page.goto(server.url(SEARCH))
        page.wait_for_selector("[data-search-app][data-search-state=done]")
        return "<!DOCTYPE html>\n" + page.evaluate("document.documentElement.outerHTML")
    finally:
        page.context.close()


def errors_in(messages: list[dict]) -> list[dict]:
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def describe(messages: list[dict]) -> str:
    return "\n".join(
        f"  line {m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()[:80]}]"
        for m in messages
    )


@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_key_page_has_no_html_error(checked, site_root, name):
    errors = errors_in(checked[(site_root / file_of(KEY_PAGES[name])).resolve()])
    assert not errors, f"{name}:\n{describe(errors)}"


def test_search_page_with_results_has_no_html_error(checked):
    [errors] = [errors_in(m) for path, m in checked.items() if path.name == RENDERED]
    assert not errors, describe(errors)


def test_every_page_has_no_html_error(checked):
    assert len(checked) > 50, "every page of the sample site is checked"
    failing = {path: errors_in(m) for path, m in checked.items() if errors_in(m)}
    assert not failing, "\n".join(f"{path}:\n{describe(e)}" for path, e in failing.items())
