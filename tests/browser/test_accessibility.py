"""axe-core (npm, pinned in package.json) run inside each key page: no serious
or critical violation. The search page is checked with its results shown and
the article page with its lightbox open as well."""

from __future__ import annotations

import pytest

from .conftest import node_tool
from .pages import ARTICLE, KEY_PAGES

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}

RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    },
    resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(
      n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' ')),
  }));
}"""


def violations(page) -> list[dict]:
    page.add_script_tag(path=str(node_tool("axe-core/axe.min.js")))
    return page.evaluate(RUN_AXE)


def report(found: list[dict]) -> str:
    return "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in found
    )


@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_no_serious_accessibility_violation(page, server, name):
    page.goto(server.url(KEY_PAGES[name]))
    if name == "search":
        page.wait_for_selector("[data-search-app][data-search-state=done]")
    found = violations(page)
    blocking = [v for v in found if v["impact"] in BLOCKING]
    assert not blocking, f"{name}:\n{report(blocking)}"


def test_open_lightbox_is_accessible(page, server):
    page.goto(server.url(ARTICLE))
    page.locator("a[data-lightbox]").first.click()
    page.locator("[role=dialog]").wait_for(state="visible")
    blocking = [v for v in violations(page) if v["impact"] in BLOCKING]
    assert not blocking, report(blocking)
