"""Bad content gets a clear message naming file, field and nearest valid value,
every problem at once, and the previous output/ is left untouched."""

from __future__ import annotations

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
    assert "unknown cluster 'khoi-2'" in message
    assert "did you mean 'khoi-02'?" in message


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

    find(problems, "broken-yaml/index.md:", "front matter", "malformed YAML")
    find(problems, "no-title/index.md", "title", "missing")
    find(problems, "no-date/index.md", "date", "missing")
    find(problems, "bad-date/index.md", "date", "'ngày 32 tháng 13': không đọc được ngày này")
    find(problems, "no-cluster/index.md", "cluster", "missing")
    find(problems, "bad-event/index.md", "event", "unknown event 'ky-kett'", "'ky-ket'")
    find(problems, "bad-unit/index.md", "units", "unknown unit 'vks-tuy-duk'", "'vks-tuy-duc'")
    find(problems, "not-member/index.md", "units", "'bg-phong-3' is not a member of cum-1 in 2024")
    find(problems, "no-term/index.md", "year", "no term for 2019", "did you mean 2023")
    find(problems, "moved-unit/index.md", "units", "in cum-12 that year")
    assert len(problems) == 10


def test_a_field_set_twice_is_reported_not_silently_dropped(site):
    site.write(
        "articles/2024/hai-lan/index.md",
        "---\ntitle: Hai lần\ndate: 2024-01-01\ncluster: cum-1\nunits: [vks-tuy-duc]\n"
        "units: [vks-dak-rlap]\n---\nx\n",
    )
    message = find(
        problems_of(site), "hai-lan/index.md:6", "'units' is set twice (first on line 5)"
    )
    assert "front matter" in message
    site.write("clusters/cum-12.yml", "name: Cụm 12\nterms: []\nname: Cụm 13\n")
    find(problems_of(site), "clusters/cum-12.yml:3", "'name' is set twice")


def test_status_must_be_written_as_pelican_reads_it(site):
    site.article("hoa", status="Draft")
    find(problems_of(site), "hoa/index.md", "status", "unknown status 'Draft'", "'draft'")


def test_malformed_yaml_names_the_line(site):
    site.write(
        "articles/2024/x/index.md", "---\ntitle: Tốt\ndate: 2024-01-01\ncluster: [cum-1\n---\n"
    )
    message = find(problems_of(site), "front matter")
    assert "articles/2024/x/index.md:4" in message or "articles/2024/x/index.md:5" in message


def test_native_pelican_header_is_accepted(site):
    site.write(
        "articles/2024/native.md",
        "Title: Bài viết kiểu Pelican\nDate: 2024-04-02 10:00\nCluster: cum-1\n"
        "Event: so-ket\nUnits: vks-gia-nghia, vks-dak-rlap\n\nNội dung.\n",
    )
    assert problems_of(site) == []
    site.write("articles/2024/native-bad.md", "Title: Sai\nDate: 2024-04-02\nCluster: cum-2\n\nx\n")
    find(problems_of(site), "native-bad.md", "cluster", "unknown cluster 'cum-2'")


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
    find(problems, "units.yml", "slug", "'vks-dak-song' is used twice")
    find(problems, "clusters/a.yml", "members", "unknown unit 'vks-gia-ngia'", "'vks-gia-nghia'")
    find(problems, "clusters/a.yml", "terms[1].head", "not among this year's members")
    find(problems, "clusters/b.yml", "slug", "'dup' is already used by")
    find(problems, "clusters/c.yml", "kind", "unknown kind 'khoii'", "'khối'")


def test_malformed_cluster_yaml_names_the_line(site):
    site.write(
        "clusters/hong.yml", "name: Cụm thi đua số 9\nterms:\n  - year: 2024\n   members: [a\n"
    )
    find(problems_of(site), "clusters/hong.yml:", "malformed YAML")


def test_failed_build_leaves_previous_output_untouched(site, capsys):
    site.article("tot", title="Bài tốt")
    site.output.mkdir()
    (site.output / "index.html").write_text("trang cũ", encoding="utf-8")
    site.article("xau", title="Bài lỗi", cluster="khong-co", event="khong-co")
    assert site.build() == 1
    assert (site.output / "index.html").read_text(encoding="utf-8") == "trang cũ"
    assert sorted(p.name for p in site.output.iterdir()) == ["index.html"]
    err = capsys.readouterr().err
    assert "unknown cluster 'khong-co'" in err and "unknown event 'khong-co'" in err
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
