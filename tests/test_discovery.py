"""Discovery and sharing: sitemap, robots.txt, canonical URLs, Open Graph and
Twitter tags, JSON-LD NewsArticle, feed links and the Vietnamese 404 page."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import Site
from sample_site import ROOT, build_site, built_sample_site, page_url, settings_file
from thidua.cli import build

ARTICLE = "bai-viet/2024/cum-1-ky-ket-giao-uoc-thi-dua-2024/"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def site() -> Path:
    return built_sample_site()


@pytest.fixture(scope="module")
def agency() -> dict:
    return build.load_settings(settings_file(), ROOT / "content")["AGENCY"]


def soup_of(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if url.endswith("/") or not url else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def exists(site: Path, url: str) -> bool:
    path = urlsplit(url).path
    target = site / path.lstrip("/")
    return (target / "index.html").is_file() if path.endswith("/") else target.is_file()


def html_pages(site: Path) -> set[str]:
    return {
        page_url(site, p)
        for p in site.rglob("*.html")
        if "pagefind" not in p.relative_to(site).parts
    }


# -- Sitemap and robots.txt ---------------------------------------------------------


def test_sitemap_lists_every_page(site):
    tree = ET.parse(site / "sitemap.xml")
    listed = {urlsplit(loc.text.strip()).path for loc in tree.iterfind(".//sm:loc", SITEMAP_NS)}
    assert listed == html_pages(site) - {"/404.html"}


def test_robots_txt_points_at_the_sitemap(site):
    text = (site / "robots.txt").read_text(encoding="utf-8")
    siteurl = build.load_settings(settings_file(), ROOT / "content")["SITEURL"]  # "" in development
    assert text == (
        f"# Thi đua – Khen thưởng\nUser-agent: *\nDisallow:\n\nSitemap: {siteurl}/sitemap.xml\n"
    )
    assert exists(site, "/sitemap.xml")


def test_robots_txt_in_production_names_the_absolute_sitemap(tmp_path):
    small = Site(tmp_path)
    small.write_registry()
    small.article("tin-thu", title="Tin thử", date="2024-03-05 09:00", cluster="cum-1")
    production = {"SITEURL": "https://thiduakhenthuong.example.vn", "SITENAME": "Thi đua & “Khen”"}
    output = build_site(
        small.content, tmp_path / "out", ROBOTS_DISALLOW=["/ban-nhap/"], **production
    )
    # Plain text: the name is not HTML-escaped.
    assert (output / "robots.txt").read_text(encoding="utf-8") == (
        "# Thi đua & “Khen”\nUser-agent: *\nDisallow: /ban-nhap/\n"
        "\nSitemap: https://thiduakhenthuong.example.vn/sitemap.xml\n"
    )
    # Without the sitemap plugin there is no sitemap to name.
    plugins = build.load_settings(settings_file(), small.content)["PLUGINS"]
    without = [p for p in plugins if "sitemap" not in p]
    output = build_site(small.content, tmp_path / "plain", PLUGINS=without, **production)
    assert (output / "robots.txt").read_text(encoding="utf-8") == (
        "# Thi đua & “Khen”\nUser-agent: *\nDisallow:\n"
    )


# -- Canonical URLs and sharing tags ---------------------------------------------------


def test_every_page_has_its_own_canonical_url(site):
    wrong = []
    pages = sorted(html_pages(site) - {"/404.html"})
    assert len(pages) > 50, "the sample site should have many pages"
    for url in pages:
        links = soup_of(site, url.lstrip("/")).find_all("link", rel="canonical")
        hrefs = [urlsplit(link["href"]).path for link in links]
        if hrefs != [url]:
            wrong.append(f"{url}: {hrefs}")
    assert not wrong, "\n".join(wrong)


def test_article_sharing_tags(site):
    page = soup_of(site, ARTICLE)
    title = page.find("h1").get_text(" ", strip=True)
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:title") == title == meta(page, "twitter:title")
    assert meta(page, "og:description") == meta(page, "description")
    assert urlsplit(meta(page, "og:url")).path == "/" + ARTICLE
    assert meta(page, "og:locale") == "vi_VN"
    image = meta(page, "og:image")
    assert image and image.endswith(".jpg") and exists(site, image), image
    assert meta(page, "og:image:alt")
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "twitter:image") == image
    assert meta(page, "article:published_time").startswith("2024-03-05T08:00")


def test_article_json_ld_is_a_news_article_by_the_agency(site, agency):
    page = soup_of(site, ARTICLE)
    [data] = json_ld(page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.find("h1").get_text(" ", strip=True)
    assert data["datePublished"] == page.find("article").find("time")["datetime"]
    assert data["inLanguage"] == "vi"
    assert urlsplit(data["mainEntityOfPage"]["@id"]).path == "/" + ARTICLE
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == agency["name"]
    assert exists(site, publisher["logo"]["url"])
    assert data["author"][0]["name"]
    assert data["image"] and all(exists(site, url) for url in data["image"])


def test_home_page_describes_the_website(site, agency):
    page = soup_of(site, "")
    [data] = json_ld(page)
    assert data["@type"] == "WebSite"
    assert data["publisher"]["name"] == agency["name"]
    assert meta(page, "og:type") == "website"


def test_feeds_are_announced(site):
    home = soup_of(site, "").find_all("link", rel="alternate", type="application/atom+xml")
    cluster = soup_of(site, "cum-thi-dua/cum-1-vks-dak-nong/").find_all(
        "link", rel="alternate", type="application/atom+xml"
    )
    assert home and all(exists(site, link["href"]) for link in home)
    assert len(cluster) == 2 and all(exists(site, link["href"]) for link in cluster)
    assert any("cum-1-vks-dak-nong" in link["href"] for link in cluster)


def test_404_page_is_vietnamese_and_not_indexed(site):
    page = soup_of(site, "404.html")
    assert page.html["lang"] == "vi"
    assert page.find("h1").get_text(strip=True) == "Không tìm thấy trang"
    assert meta(page, "robots") == "noindex"
    assert not page.find("link", rel="canonical")
    assert page.find("a", href=lambda h: h and h.rstrip("/").endswith("luu-tru"))


# -- Values from front matter stay data ------------------------------------------------


def test_json_ld_cannot_be_closed_by_a_title(small_site):
    title = "Tin </script><script>alert(1)</script> & “ngoặc”"
    output = small_site(title)
    page = BeautifulSoup(
        (output / "bai-viet/2024/tin-thu/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    scripts = page.find_all("script")
    assert not any("alert(1)" in (s.string or "") and not s.get("type") for s in scripts)
    [data] = json_ld(page)
    assert data["headline"] == data["name"] == title
    assert meta(page, "og:title") == title
    # Production builds: absolute canonical and sharing URLs.
    assert page.find("link", rel="canonical")["href"] == (
        "https://thiduakhenthuong.example.vn/bai-viet/2024/tin-thu/"
    )
    assert data["url"] == meta(page, "og:url") == page.find("link", rel="canonical")["href"]


def test_json_ld_holds_title_and_summary_escaped_once(small_site):
    text = '"quotes" & <script>alert(1)</script>'
    output = small_site(text, summary=text)
    html = (output / "bai-viet/2024/tin-thu/index.html").read_text(encoding="utf-8")
    # The JSON runs up to the first "</script>": it must be the whole object, with
    # no "<" of its own, so nothing in a value can end the element early.
    opening = '<script type="application/ld+json">'
    start = html.index(opening) + len(opening)
    raw = html[start : html.index("</script>", start)]
    assert "<" not in raw and ">" not in raw, raw
    data = json.loads(raw)
    assert data["headline"] == data["name"] == text
    assert data["description"] == text  # not "&#34;quotes&#34; &amp; …"
    page = BeautifulSoup(html, "html.parser")
    assert meta(page, "description") == meta(page, "og:description") == text
    assert meta(page, "twitter:description") == text


@pytest.fixture
def small_site(tmp_path):
    """Builds a one-article site (the registry of tests/conftest.py) with production URLs."""

    def make(title: str, **meta) -> Path:
        small = Site(tmp_path)
        small.write_registry()
        small.article("tin-thu", title=title, date="2024-03-05 09:00", cluster="cum-1", **meta)
        return build_site(
            small.content, small.output, SITEURL="https://thiduakhenthuong.example.vn"
        )

    return make
