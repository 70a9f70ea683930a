"""Bad content gets a clear message naming file, field and nearest valid value,
every problem at once, and the previous output/ is left untouched."""

from __future__ import annotations

from conftest import CLUSTERS, UNITS
from thidua.cli import build


def problems_of(site) -> list[str]:
    return [str(p) for p in build.check(site.settings()).errors]


def find(problems: list[str], *parts: str) -> str:
    matches = [p for p in problems if all(part in p for part in parts)]
    assert matches, f"no problem mentions {parts}; got:\n" + "\n".join(problems)
    return matches[0]


def test_valid_content_has_no_problems(site):
    site.article("ky-ket-2024", event="ky-ket", units=["vks-gia-nghia", "vks-tuy-duc"])
    assert problems_of(site) == []


def test_unknown_cluster_suggests_the_nearest_slug(site):
    site.article("a", title="Ký kết", cluster="khoi-2")
    message = find(problems_of(site), "articles/2024/a/index.md", "cluster")
    assert "không có cụm hay khối nào mang mã 'khoi-2'" in message
    assert "có phải ý bạn là 'khoi-02' (Khối thi đua số 02 – VKSND tỉnh Bắc Giang)?" in message


def test_every_article_problem_is_reported_in_one_run(site):
    site.write(
        "articles/2024/broken-yaml/index.md", "---\ntitle: [unclosed\ndate: 2024-01-01\n---\nx\n"
    )
    site.article("no-title", title="", cluster="cum-1")
    site.write(
        "articles/2024/no-date/index.md", "---\ntitle: Không có ngày\ncluster: cum-1\n---\nx\n"
    )
    site.article("bad-date", date="ngày 32 tháng 13")
    site.article("no-cluster", cluster="")
    site.article("bad-event", event="ky-kett")
    site.article("bad-unit", units=["vks-tuy-duk"])
    site.article("not-member", units=["bg-phong-3"])
    site.article("no-term", year=2019)
    site.article("moved-unit", units=["vks-dak-song"])  # in cum-1 in 2023, cum-12 in 2024
    problems = problems_of(site)

    find(problems, "broken-yaml/index.md:2:", "phần đầu bài", "'[' ở dòng này chưa được đóng")
    find(problems, "no-title/index.md", "title", "chưa có tiêu đề")
    find(problems, "no-date/index.md", "date", "chưa có ngày đăng")
    find(problems, "bad-date/index.md", "date", "'ngày 32 tháng 13': không đọc được ngày này")
    find(problems, "no-cluster/index.md", "cluster", "chưa ghi cụm")
    find(problems, "bad-event/index.md", "event", "không có loại sự kiện 'ky-kett'", "'ky-ket'")
    find(
        problems,
        "bad-unit/index.md",
        "units",
        "không có đơn vị nào mang mã 'vks-tuy-duk'",
        "'vks-tuy-duc'",
    )
    find(
        problems,
        "not-member/index.md",
        "units",
        "'bg-phong-3' không phải thành viên của cum-1 năm 2024",
    )
    # A year without a term: the cluster's years and where to add it, never another year.
    no_term = find(
        problems,
        "no-term/index.md",
        "year",
        "cum-1 chưa có năm thi đua 2019 (các năm đã có: 2023, 2024)",
        "thêm năm 2019 vào terms: trong content/clusters/cum-1.yml",
    )
    assert "có phải ý bạn là" not in no_term
    find(problems, "moved-unit/index.md", "units", "năm đó đơn vị này thuộc cum-12")
    assert len(problems) == 10


def test_a_field_set_twice_is_reported_not_silently_dropped(site):
    site.write(
        "articles/2024/hai-lan/index.md",
        "---\ntitle: Hai lần\ndate: 2024-01-01\ncluster: cum-1\nunits: [vks-tuy-duc]\n"
        "units: [vks-dak-rlap]\n---\nx\n",
    )
    message = find(
        problems_of(site), "hai-lan/index.md:6", "'units' được ghi hai lần (lần đầu ở dòng 5)"
    )
    assert "phần đầu bài" in message
    site.write("clusters/cum-12.yml", "name: Cụm 12\nterms: []\nname: Cụm 13\n")
    find(problems_of(site), "clusters/cum-12.yml:3", "'name' được ghi hai lần")


def test_status_must_be_written_as_pelican_reads_it(site):
    site.article("hoa", status="Draft")
    find(problems_of(site), "hoa/index.md", "status", "không có trạng thái 'Draft'", "'draft'")


def test_malformed_yaml_names_the_line(site):
    site.write(
        "articles/2024/x/index.md", "---\ntitle: Tốt\ndate: 2024-01-01\ncluster: [cum-1\n---\n"
    )
    message = find(problems_of(site), "phần đầu bài")
    assert "articles/2024/x/index.md:4:" in message  # where the '[' opens


def test_native_pelican_header_is_accepted(site):
    site.write(
        "articles/2024/native.md",
        "Title: Bài viết kiểu Pelican\nDate: 2024-04-02 10:00\nCluster: cum-1\n"
        "Event: so-ket\nUnits: vks-gia-nghia, vks-dak-rlap\n\nNội dung.\n",
    )
    assert problems_of(site) == []
    site.write("articles/2024/native-bad.md", "Title: Sai\nDate: 2024-04-02\nCluster: cum-2\n\nx\n")
    find(problems_of(site), "native-bad.md", "cluster", "không có cụm hay khối nào mang mã 'cum-2'")


def test_two_articles_with_one_url(site):
    site.article("first", title="Hai bài trùng")  # the folder name is the slug
    site.write(
        "articles/2024/copy.md",
        "---\ntitle: Khác\nslug: first\ndate: 2024-06-01\ncluster: cum-1\n---\nx\n",
    )
    message = find(problems_of(site), "slug", "bai-viet/2024/first/index.html")
    assert "copy.md" in message and "first/index.md" in message


def test_registry_problems(site):
    site.write_registry(
        clusters={
            "a": {
                "slug": "dup", "name": "Cụm thi đua số 1", "kind": "cụm", "number": "1",
                "terms": [{"year": 2024, "members": ["vks-tuy-duc", "vks-gia-ngia"],
                           "head": "vks-dak-song", "deputy": "vks-tuy-duc"}],
            },
            "b": {
                "slug": "dup", "name": "Cụm thi đua số 2", "kind": "cum", "number": "2",
                "terms": [{"year": 2024, "members": ["vks-dak-song"], "head": "vks-dak-song"}],
            },
            "c": {
                "name": "Khối thi đua số III", "kind": "khoii", "number": "III",
                "terms": [{"year": 2024, "members": ["bg-phong-1"], "head": "bg-phong-1"}],
            },
        },
        units=[
            {"slug": "vks-tuy-duc", "name": "VKSND huyện Tuy Đức"},
            {"slug": "vks-dak-song", "name": "VKSND huyện Đắk Song"},
            {"slug": "vks-dak-song", "name": "Trùng"},
            {"slug": "bg-phong-1", "name": "Phòng 1"},
            {"slug": "vks-gia-nghia", "name": "VKSND TP Gia Nghĩa"},
        ],
    )  # fmt: skip
    problems = problems_of(site)
    find(problems, "units.yml", "slug", "'vks-dak-song' có hai lần")
    find(
        problems,
        "clusters/a.yml",
        "members",
        "không có đơn vị nào mang mã 'vks-gia-ngia'",
        "'vks-gia-nghia'",
    )
    find(problems, "clusters/a.yml", "terms[1].head", "không có trong members: của năm này")
    find(problems, "clusters/b.yml", "slug", "'dup' đã được dùng trong")
    find(problems, "clusters/c.yml", "kind", "không có loại 'khoii'", "'khối'")


def test_malformed_cluster_yaml_names_the_line(site):
    site.write(
        "clusters/hong.yml", "name: Cụm thi đua số 9\nterms:\n  - year: 2024\n   members: [a\n"
    )
    find(problems_of(site), "clusters/hong.yml:4:", "tệp", "thụt lề")


def test_failed_build_leaves_previous_output_untouched(site, capsys):
    site.article("tot", title="Bài tốt")
    site.output.mkdir()
    (site.output / "index.html").write_text("trang cũ", encoding="utf-8")
    site.article("xau", title="Bài lỗi", cluster="khong-co", event="khong-co")
    assert site.build() == 1
    assert (site.output / "index.html").read_text(encoding="utf-8") == "trang cũ"
    assert sorted(p.name for p in site.output.iterdir()) == ["index.html"]
    err = capsys.readouterr().err
    assert "không có cụm hay khối nào mang mã 'khong-co'" in err
    assert "không có loại sự kiện 'khong-co'" in err
    assert not list(site.root.glob(".build-*")), "the staging folder must be removed"


def test_check_only_writes_nothing(site):
    site.article("tot", title="Bài tốt")
    assert site.check() == 0
    assert not site.output.exists()
    site.article("xau", cluster="khoi-2")
    assert site.check() == 1


def test_pelican_error_during_render_keeps_old_output(site, monkeypatch):
    site.article("tot", title="Bài tốt")
    site.output.mkdir()
    (site.output / "marker.txt").write_text("cũ", encoding="utf-8")

    def broken_render(settings, staging):
        staging.mkdir()
        (staging / "half.html").write_text("nửa chừng", encoding="utf-8")
        raise build.BuildFailed("template exploded")

    monkeypatch.setattr(build, "render", broken_render)
    assert site.build() == 1
    assert [p.name for p in site.output.iterdir()] == ["marker.txt"]
    assert not list(site.root.glob(".build-*"))


def test_a_cluster_typed_by_name_or_number_gets_the_clusters_with_that_number(site):
    # A second agency with its own "Cụm thi đua số 01": both are offered, each with its agency.
    other = {
        "slug": "cum-1-thanh-tra",
        "name": "Cụm thi đua số 01",
        "kind": "cụm",
        "number": "01",
        "agency": "Thanh tra tỉnh Bắc Giang",
        "terms": [{"year": 2024, "members": ["tt-phong-1"], "head": "tt-phong-1"}],
    }
    units = [*UNITS, {"slug": "tt-phong-1", "name": "Phòng 1, Thanh tra tỉnh Bắc Giang"}]
    site.write_registry(clusters={**CLUSTERS, "cum-1-thanh-tra": other}, units=units)
    # An article's fields are written in this order: cluster (line 2), title, date.
    site.article("ten", cluster="Cụm thi đua số 1")
    site.article("khoi", cluster="khối 02")
    site.article("so", cluster="cụm 12")
    site.article("co-tinh", cluster="Cụm thi đua số 1 Thanh tra tỉnh Bắc Giang")
    problems = problems_of(site)

    by_name = find(problems, "ten/index.md:2:", "cluster")
    assert "'Cụm thi đua số 1' là tên, không phải mã của cụm" in by_name
    assert by_name.endswith(
        "có phải ý bạn là 'cum-1' (Cụm thi đua số 1 – VKSND tỉnh Đắk Nông) hoặc "
        "'cum-1-thanh-tra' (Cụm thi đua số 01 – Thanh tra tỉnh Bắc Giang)?"
    )
    assert find(problems, "khoi/index.md:2:").endswith(
        "có phải ý bạn là 'khoi-02' (Khối thi đua số 02 – VKSND tỉnh Bắc Giang)?"
    )
    assert find(problems, "so/index.md:2:").endswith(
        "có phải ý bạn là 'cum-12' (Cụm thi đua số 12 – VKSND tỉnh Đắk Nông)?"
    )
    assert find(problems, "co-tinh/index.md:2:").endswith(
        "có phải ý bạn là 'cum-1-thanh-tra' (Cụm thi đua số 01 – Thanh tra tỉnh Bắc Giang)?"
    )


def test_yaml_mistakes_are_reported_in_plain_words_where_to_fix_them(site):
    site.write(
        "articles/2024/ngoac/index.md",
        '---\ntitle: "Khối 02 ký kết giao ước\n'
        'date: 2024-03-05\ncluster: khoi-02\nevent: ky-ket\nsummary: Lễ "ký" kết\n---\nx\n',
    )
    site.write(
        "articles/2024/tab/index.md", "---\ntitle: A\ndate: 2024-03-05\n\tcluster: cum-1\n---\nx\n"
    )
    site.write("articles/2024/hai-cham/index.md", "---\ntitle: Hội nghị: sơ kết\n---\nx\n")
    problems = problems_of(site)
    find(problems, 'ngoac/index.md:2: lỗi: phần đầu bài: dấu ngoặc kép (") mở ở dòng này')
    find(
        problems, "tab/index.md:4: lỗi: phần đầu bài: dòng này có ký tự tab; hãy thay bằng dấu cách"
    )
    find(problems, "hai-cham/index.md:2:", 'ví dụ: title: "Hội nghị: sơ kết"')


def test_the_summary_counts_every_problem_the_build_prints(site, capsys):
    site.article("anh", photos=[{"file": "khong-co.jpg", "caption": "Ảnh thiếu"}])
    assert site.build() == 0  # a missing photo is left out, the site is built
    out, err = capsys.readouterr()
    assert "Đã kiểm tra 1 bài viết, 0 trang, 3 cụm/khối, 8 đơn vị: 0 lỗi, 1 cảnh báo" in out
    assert "anh/index.md:2: cảnh báo: photos: ảnh 'khong-co.jpg': không có tệp này" in err
