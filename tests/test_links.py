"""A crawl of the whole built sample site: every internal link, image, script,
stylesheet and in-page anchor resolves to a file (and an id) in the output."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from sample_site import built_sample_site, page_url

# (selector, attribute, holds a srcset)
REFERENCES = [
    ("a[href]", "href", False),
    ("link[href]", "href", False),
    ("img[src]", "src", False),
    ("img[srcset]", "srcset", True),
    ("source[srcset]", "srcset", True),
    ("script[src]", "src", False),
    ("a[data-srcset]", "data-srcset", True),
    ("meta[property='og:image']", "content", False),
    ("meta[name='twitter:image']", "content", False),
]
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data"}


@pytest.fixture(scope="module")
def site() -> Path:
    return built_sample_site()


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    return {
        page_url(site, path): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
        if "pagefind" not in path.relative_to(site).parts
    }


def references(soup: BeautifulSoup):
    """(tag, url) for every URL the page refers to."""
    for selector, attribute, is_srcset in REFERENCES:
        for tag in soup.select(selector):
            value = tag.get(attribute, "").strip()
            if is_srcset:
                for candidate in value.split(","):
                    if candidate.strip():
                        yield tag.name, candidate.split()[0]
            elif value:
                yield tag.name, value


def target_file(site: Path, path: str) -> Path | None:
    """The output file serving `path`, or None."""
    candidate = site / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@functools.cache
def ids_in(file: Path) -> frozenset[str]:
    text = file.read_text(encoding="utf-8", errors="replace")
    return frozenset(re.findall(r'\b(?:id|name)="([^"]+)"', text))


def broken_references(site: Path, pages: dict[str, BeautifulSoup]) -> list[str]:
    broken = []
    for url, soup in pages.items():
        for tag, ref in references(soup):
            parts = urlsplit(urljoin("http://site" + url, ref))
            if parts.scheme in SKIPPED_SCHEMES or parts.netloc not in ("site", ""):
                continue  # other sites: not ours to check offline
            file = target_file(site, parts.path)
            if file is None:
                broken.append(f"{url}: <{tag}> {ref} -> no such file")
            elif parts.fragment and file.suffix == ".html":
                if unquote(parts.fragment) not in ids_in(file):
                    broken.append(f"{url}: <{tag}> {ref} -> no id '{parts.fragment}'")
            elif tag == "a" and ref == "#":
                broken.append(f"{url}: <a href='#'> goes nowhere")
    return broken


def test_every_internal_link_and_image_resolves(site, pages):
    assert len(pages) > 50, "the sample site should have many pages"
    broken = broken_references(site, pages)
    assert not broken, f"{len(broken)} broken:\n  " + "\n  ".join(broken[:60])


def test_every_page_is_reachable_by_links(site, pages):
    """No page is an orphan: each is linked from another page (or is the home page)."""
    assert len(pages) > 50, "the sample site should have many pages"
    linked = set()
    for url, soup in pages.items():
        for tag, ref in references(soup):
            if tag != "a":
                continue
            parts = urlsplit(urljoin("http://site" + url, ref))
            if parts.netloc in ("site", "") and parts.path != url:
                file = target_file(site, parts.path)
                if file is not None:
                    linked.add(page_url(site, file))
    orphans = sorted(set(pages) - linked - {"/", "/404.html"})
    assert not orphans, "pages no other page links to:\n  " + "\n  ".join(orphans)


def test_the_crawl_reports_a_broken_link(tmp_path):
    """The crawl itself notices a missing file and a missing anchor."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="x">x</p>', encoding="utf-8")
    soup = BeautifulSoup(
        '<a href="/a/#x">ok</a><a href="/a/#y">no id</a><img src="/missing.jpg" alt="">'
        '<a href="https://example.org/">elsewhere</a><a href="mailto:a@b.vn">mail</a>',
        "html.parser",
    )
    broken = broken_references(tmp_path, {"/": soup})
    assert len(broken) == 2
    assert "no id 'y'" in broken[0] and "/missing.jpg" in broken[1]
