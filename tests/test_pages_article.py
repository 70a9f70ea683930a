"""Article pages: metadata panel, neighbours in the cluster, breadcrumbs, escaping."""

import json

from conftest import labelled_nav, link_to, text_of


def test_article_metadata_panel(site):
    site.article(
        "ky-ket-2024",
        title="Cụm số 1 ký kết giao ước thi đua năm 2024",
        date="2024-03-05 09:30",
        event="ky-ket",
        units=["vks-tuy-duc", "vks-gia-nghia", "vks-dak-rlap"],
        location="Hội trường VKSND huyện Tuy Đức",
        author="Nguyễn Thị Lan",
        author_unit="VKSND huyện Tuy Đức",
        tags=["giao ước thi đua"],
    )
    assert site.build() == 0
    page = site.page("bai-viet/2024/ky-ket-2024/")
    assert page.html["lang"] == "vi"
    assert text_of(page.h1) == "Cụm số 1 ký kết giao ước thi đua năm 2024"
    main = text_of(page.main)
    assert "Thứ ba, 05/03/2024" in main
    assert page.find("time", datetime=lambda d: d and d.startswith("2024-03-05"))
    assert link_to(page.main, "cum-thi-dua/cum-1/")
    assert link_to(page.main, "cum-thi-dua/cum-1/2024/")
    assert "Lễ ký kết giao ước thi đua" in main
    assert "Hội trường VKSND huyện Tuy Đức" in main
    assert "Nguyễn Thị Lan" in main
    unit_links = page.main.find_all("a", href=lambda h: bool(h) and "don-vi/" in h)
    assert {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in unit_links} >= {
        "vks-tuy-duc", "vks-gia-nghia", "vks-dak-rlap",
    }  # fmt: skip
    # The head (Gia Nghĩa in 2024) and the deputy (Tuy Đức) are marked.
    assert "Cụm trưởng" in main and "Cụm phó" in main
    crumbs = labelled_nav(page, "đường dẫn")
    assert crumbs and link_to(crumbs, "cum-thi-dua/cum-1/")


def test_previous_and_next_stay_in_the_cluster(site):
    site.article("cu", title="Bài cũ", date="2024-01-10 08:00")
    site.article("khac", title="Bài cụm khác", cluster="cum-12", date="2024-01-15 08:00")
    site.article("moi", title="Bài mới", date="2024-01-20 08:00")
    assert site.build() == 0
    newest = site.page("bai-viet/2024/moi/")
    oldest = site.page("bai-viet/2024/cu/")
    assert link_to(newest, "bai-viet/2024/cu/")
    assert not link_to(newest, "bai-viet/2024/khac/")
    assert link_to(oldest, "bai-viet/2024/moi/")


def test_front_matter_and_registry_values_are_escaped(site):
    clusters = {
        "cum-1": {
            "slug": "cum-1", "name": "Cụm <b>số 1</b>", "kind": "cụm", "number": "1",
            "agency": "<script>alert('agency')</script>",
            "description": "Mô tả <img src=x onerror=alert(1)>",
            "terms": [{"year": 2024, "members": ["vks-tuy-duc"], "head": "vks-tuy-duc"}],
        }
    }  # fmt: skip
    site.write_registry(clusters=clusters)
    site.article(
        "xss",
        title="<script>alert('title')</script> Ký kết",
        location="<img src=x onerror=alert('loc')>",
        author_unit="</script><script>alert('unit')</script>",
        summary="<script>alert('summary')</script>",
    )
    assert site.build() == 0
    for url in ("bai-viet/2024/xss/", "cum-thi-dua/cum-1/", "", "cum-thi-dua/"):
        page = site.page(url)
        scripts = page.find_all("script")
        assert scripts, url
        for script in scripts:
            source = script.string or ""
            if script.get("type") == "application/ld+json":
                # Data, not code: valid JSON that no "</script>" inside can break out of.
                assert "<" not in source and json.loads(source), f"{url}: {script}"
            else:
                assert "alert(" not in source, f"{url}: {script}"
        assert not page.find("img", onerror=True), url
        assert not page.find("b", string="số 1"), url
    article = site.page("bai-viet/2024/xss/")
    assert "<script>alert('title')</script> Ký kết" in text_of(article.h1)


def test_drafts_are_built_apart_and_never_listed(site):
    site.article("ban-nhap", title="Bài còn nháp", status="draft")
    site.article("da-dang", title="Bài đã đăng")
    assert site.build() == 0
    draft = site.page("ban-nhap/ban-nhap/")
    assert text_of(draft.h1) == "Bài còn nháp"
    for url in ("", "cum-thi-dua/cum-1/", "luu-tru/2024/"):
        assert "Bài còn nháp" not in text_of(site.page(url).main), url
    assert "Bài còn nháp" not in (site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
