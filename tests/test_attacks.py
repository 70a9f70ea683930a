"""A hostile content folder: what an attacker writes is refused at its line or published
as harmless text, and nothing from outside the content folder reaches the site."""

from __future__ import annotations

import yaml
from bs4 import BeautifulSoup
from PIL import Image

from thidua.cli import build

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SECRET = "BÍ-MẬT-NGOÀI-THƯ-MỤC"


def every_output_text(output) -> str:
    texts = []
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".json", ".js", ".css"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    assert len(texts) > 20, "the site was not built"
    return "\n".join(texts)


def errors_of(site) -> dict[tuple[str, str], int | None]:
    return {(p.file, p.field): p.line for p in build.check(site.settings()).errors}


def test_script_in_every_field_is_published_as_text(site):
    clusters = yaml.safe_load((site.content / "clusters/cum-1.yml").read_text(encoding="utf-8"))
    clusters.update(name=f"Cụm {SCRIPT}", agency=f"Cơ quan {SCRIPT}", description=SCRIPT)
    site.write("clusters/cum-1.yml", yaml.safe_dump(clusters, allow_unicode=True))
    folder = site.content / "articles/2024/tan-cong"
    folder.mkdir(parents=True)
    Image.new("RGB", (300, 200), (200, 30, 30)).save(folder / "anh.jpg")
    site.article(
        "tan-cong", title=f"Tiêu đề {SCRIPT}", summary=f"Tóm tắt {SCRIPT}",
        author=SCRIPT, author_unit=SCRIPT, location=SCRIPT, tags=[f"thẻ {SCRIPT}"],
        photos=[{"file": "anh.jpg", "caption": SCRIPT, "alt": SCRIPT, "credit": SCRIPT}],
        photo_credit=SCRIPT,
    )  # fmt: skip
    assert site.build() == 0
    text = every_output_text(site.output)
    assert "<script>alert" not in text
    assert "javascript:" not in text.lower()
    for page in site.output.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        handlers = [(t.name, a) for t in soup.find_all(True) for a in t.attrs if a.startswith("on")]
        assert handlers == [], (page, handlers)
    title = site.page("bai-viet/2024/tan-cong/").h1.get_text()
    assert SCRIPT in title  # shown as the text it is


def test_active_html_and_javascript_links_in_the_body_are_errors_at_their_line(site):
    body = "Đoạn đầu.\n\n<script>alert(1)</script>\n\n[bấm](javascript:alert(1))\n\n" + (
        '<img src="a.jpg" onerror="alert(1)">\n\n[thư](mailto:a@b.vn) [web](https://a.vn)\n'
    )
    path = site.article("than-bai", body=body)
    report = build.check(site.settings())
    mine = sorted((p.line, p.message) for p in report.errors if p.field == "body")
    source = f"content/{path.relative_to(site.content)}"
    assert all(p.file == source for p in report.errors)
    header_lines = 5  # ---, title, date, cluster, ---
    assert [line for line, _m in mine] == [header_lines + 3, header_lines + 5, header_lines + 7]
    assert "<script>" in mine[0][1]
    assert "'javascript:'" in mine[1][1]
    assert "'onerror'" in mine[2][1]
    assert site.build() == 1 and not site.output.exists()


def test_a_javascript_link_in_a_registry_description_is_an_error(site):
    cluster = yaml.safe_load((site.content / "clusters/cum-12.yml").read_text(encoding="utf-8"))
    cluster["description"] = "Xem [trang](javascript:alert(document.cookie))."
    site.write("clusters/cum-12.yml", yaml.safe_dump(cluster, allow_unicode=True))
    site.article("a")
    assert ("content/clusters/cum-12.yml", "description") in errors_of(site)


def test_alias_bombs_and_deep_nesting_are_refused_everywhere(site):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    site.write("clusters/bom.yml", f"name: Cụm bom\n{bomb}")
    site.write("articles/2024/bom/index.md", f"---\ntitle: Bom\n{bomb}---\nX\n")
    deep = "[" * 1000 + "]" * 1000
    site.write("articles/2024/sau/index.md", f"---\ntitle: Sâu\ndate: 2024-03-05\nx: {deep}\n---\n")
    errors = errors_of(site)
    assert errors[("content/clusters/bom.yml", "yaml")] == 2
    assert errors[("content/articles/2024/bom/index.md", "front matter")] == 3
    assert errors[("content/articles/2024/sau/index.md", "front matter")] == 4
    assert site.build() == 1


def test_huge_fields_and_files_are_refused(site):
    site.article("dai", summary="chữ " * 200)  # 800 characters
    site.article("rat-dai", summary="chữ " * 300_000)  # a 1.2 MB header
    site.write("articles/2024/khong-lo/index.md", "---\ntitle: A\n---\n" + "x" * 3_000_000)
    errors = errors_of(site)
    assert errors[("content/articles/2024/dai/index.md", "summary")] == 2
    assert errors[("content/articles/2024/rat-dai/index.md", "front matter")] == 2
    assert ("content/articles/2024/khong-lo/index.md", "file") in errors


def test_links_to_outside_files_are_never_published(site, tmp_path):
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    Image.new("RGB", (300, 200)).save(outside / "anh.jpg")
    folder = site.content / "articles/2024/lien-ket"
    folder.mkdir(parents=True)
    (folder / "mat.jpg").symlink_to(outside / "secret.txt")
    (folder / "ngoai.jpg").symlink_to(outside / "anh.jpg")
    (site.content / "clusters/ngoai.yml").symlink_to(outside / "secret.txt")
    site.article(
        "lien-ket", body="![ảnh](ngoai.jpg)\n",
        photos=[{"file": "mat.jpg"}, {"file": "../../../../ngoai/anh.jpg"}],
    )  # fmt: skip
    errors = errors_of(site)
    article = "content/articles/2024/lien-ket/index.md"
    assert (article, "photos") in errors
    assert ("content/clusters/ngoai.yml", "file") in errors
    messages = [str(p) for p in build.check(site.settings()).errors if p.file == article]
    assert any("mat.jpg" in m and "ra ngoài thư mục nội dung" in m for m in messages), messages
    assert any("ngoai.jpg" in m for m in messages), messages
    assert site.build() == 1 and not site.output.exists()
