"""The production build (publishconf.py) and the development server."""

import urllib.request

from conftest import ROOT, text_of
from thidua.cli import build, serve


def test_publish_uses_absolute_urls_and_leaves_drafts_out(site, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://tin.example.vn")
    site.article("dang", title="Bài đã đăng")
    site.article("nhap", title="Bài nháp", status="draft")
    code = build.main(["--content", str(site.content), "--output", str(site.output),
                       "--settings", str(ROOT / "publishconf.py")])  # fmt: skip
    assert code == 0
    page = site.page("bai-viet/2024/dang/")
    assert (
        page.find("link", rel="canonical")["href"] == "https://tin.example.vn/bai-viet/2024/dang/"
    )
    assert page.find("a", href="https://tin.example.vn/cum-thi-dua/cum-1/")
    feed = (site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "https://tin.example.vn/bai-viet/2024/dang/" in feed and "Bài nháp" not in feed
    assert not (site.output / "ban-nhap").exists()
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://tin.example.vn/sitemap.xml" in robots


def test_server_serves_each_swapped_in_build(site):
    site.article("mot", title="Bản đầu tiên")
    assert site.build() == 0
    server = serve.serve(site.output, "127.0.0.1", 0)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/bai-viet/2024/mot/"
        assert "Bản đầu tiên" in urllib.request.urlopen(url, timeout=10).read().decode()
        site.article("mot", title="Bản sửa lại")
        assert site.build() == 0  # output/ is replaced by a new folder
        assert "Bản sửa lại" in urllib.request.urlopen(url, timeout=10).read().decode()
    finally:
        server.shutdown()
        server.server_close()
    assert "Bản sửa lại" in text_of(site.page("bai-viet/2024/mot/").h1)
