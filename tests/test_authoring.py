"""`make new` writes a valid article skeleton and never overwrites an article: the date read
day first sets its year, the title its event, any title stays valid YAML."""

import subprocess
import sys
from pathlib import Path

import pytest

from thidua.cli import build, new_article
from thidua.domain import frontmatter
from thidua.domain.fields import read_fields

ROOT = Path(__file__).resolve().parent.parent


def test_new_article_skeleton_is_valid(site, capsys):
    code = new_article.main(
        ["--content", str(site.content), "--cluster", "khoi-02", "--title",
         "Khối 02 ký kết giao ước thi đua năm 2024", "--date", "2024-03-25 09:00"]
    )  # fmt: skip
    assert code == 0
    written = site.content / "articles/2024/khoi-02-ky-ket-giao-uoc-thi-dua-nam-2024/index.md"
    text = written.read_text(encoding="utf-8")
    assert "cluster: khoi-02" in text and "year: 2024" in text and "status: draft" in text
    assert build.check(site.settings()).errors == []


def test_new_article_never_overwrites(site, capsys):
    args = ["--content", str(site.content), "--cluster", "cum-1", "--title", "Trùng tên",
            "--date", "2024-01-02 08:00"]  # fmt: skip
    assert new_article.main(args) == 0
    target = site.content / "articles/2024/trung-ten/index.md"
    target.write_text("bài của người khác", encoding="utf-8")
    assert new_article.main(args) == 1
    assert target.read_text(encoding="utf-8") == "bài của người khác"
    assert "đã có bài viết mang địa chỉ 'trung-ten'" in capsys.readouterr().err


def test_new_article_suggests_the_cluster(site, capsys):
    args = ["--content", str(site.content), "--cluster", "khoi-2", "--title", "X"]
    assert new_article.main(args) == 2
    assert "có phải ý bạn là 'khoi-02' (Khối thi đua số 02 – VKSND tỉnh Bắc Giang)?" in (
        capsys.readouterr().err
    )
    assert not (site.content / "articles").exists()


def test_make_check_validates_another_content_folder(site):
    site.article("loi", cluster="cum-99")
    result = subprocess.run(
        ["make", "--no-print-directory", "check", f"CONTENT={site.content}",
         f"PYTHON_SYSTEM={sys.executable}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode != 0
    assert "không có cụm hay khối nào mang mã 'cum-99'" in result.stderr


def new(site, *args: str) -> int:
    return new_article.main(["--content", str(site.content), *args])


def test_the_date_is_read_day_first_and_sets_the_year_folder_and_the_emulation_year(site, capsys):
    assert (
        new(
            site,
            "--cluster",
            "cum-1",
            "--title",
            "Cụm 1 ký kết giao ước năm 2023",
            "--date",
            "05/03/2023 14:30",
        )
        == 0
    )
    text = (site.content / "articles/2023/cum-1-ky-ket-giao-uoc-nam-2023/index.md").read_text()
    assert "\ndate: 05/03/2023 14:30\n" in text and "\nyear: 2023 " in text
    assert "Chiều ngày 05/03/2023" in text
    report = build.check(site.settings())
    assert (report.errors, report.warnings) == ([], [])


def test_a_year_the_cluster_has_no_term_for_is_refused_with_its_years(site, capsys):
    assert new(site, "--cluster", "khoi-02", "--title", "Ký kết", "--date", "01/02/2023") == 2
    err = capsys.readouterr().err
    assert "khoi-02 chưa có năm thi đua 2023 (các năm đã có: 2024)" in err
    assert "DATE=01/02/2024" in err and "content/clusters/khoi-02.yml" in err
    assert not (site.content / "articles").exists()
    assert new(site, "--cluster", "khoi-02", "--title", "Ký kết", "--date", "30/02/2024") == 2
    assert "DATE: '30/02/2024': tháng 2 năm 2024 không có ngày 30" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("title", "event", "heading"),
    [
        ("Khối 02 ký kết giao ước thi đua năm 2024", "ky-ket", "## Nội dung giao ước"),
        ("Hội nghị triển khai công tác thi đua", "trien-khai", "## Nhiệm vụ trọng tâm"),
        ("Khối 02 sơ kết 6 tháng đầu năm", "so-ket", "## Nhiệm vụ thời gian tới"),
        ("Tổng kết năm 2024 và ký kết giao ước năm 2025", "tong-ket", "## Khen thưởng"),
        ("Giao lưu thể thao chào mừng 26/3", "giao-luu", "## Nội dung giao lưu"),
    ],
)
def test_the_event_is_read_from_the_title(site, capsys, title, event, heading):
    assert new(site, "--cluster", "khoi-02", "--title", title, "--date", "25/03/2024") == 0
    [written] = (site.content / "articles/2024").glob("*/index.md")
    text = written.read_text(encoding="utf-8")
    assert f"\nevent: {event}\n" in text and heading in text
    assert ("## Nội dung giao ước" in text) == (event == "ky-ket")  # the body fits the title


def test_without_event_words_the_event_is_left_empty_not_guessed(site, capsys):
    assert (
        new(
            site,
            "--cluster",
            "khoi-02",
            "--title",
            "Họp mặt đầu xuân",
            "--date",
            "15/02/2024 09:00",
        )
        == 0
    )
    text = (site.content / "articles/2024/hop-mat-dau-xuan/index.md").read_text()
    assert "\nevent:    # chưa rõ từ tiêu đề: ghi một trong ky-ket, trien-khai" in text
    assert "ky-ket" not in text.replace("một trong ky-ket", "")
    assert "hãy ghi event: trong bài" in capsys.readouterr().out
    assert build.check(site.settings()).errors == []
    # EVENT= says it instead.
    assert (
        new(
            site,
            "--cluster",
            "khoi-02",
            "--title",
            "Họp mặt cuối năm",
            "--event",
            "tong-ket",
            "--date",
            "15/12/2024",
        )
        == 0
    )
    assert (
        "\nevent: tong-ket\n"
        in (site.content / "articles/2024/hop-mat-cuoi-nam/index.md").read_text()
    )


TRICKY = 'Hội nghị: sơ kết #2 "đợt 1" – it\'s <script>alert(1)</script>'


def test_any_title_is_written_as_yaml_that_reads_back_exactly(site, capsys):
    assert (
        new(
            site,
            "--cluster",
            "khoi-02",
            "--title",
            TRICKY,
            "--date",
            "25/07/2024",
            "--author",
            "Vũ Thị Hoa: Phòng 3",
            "--author-unit",
            "#Phòng 3",
        )
        == 0
    )
    [written] = (site.content / "articles/2024").glob("*/index.md")
    fields = read_fields(frontmatter.parse(written.read_text(encoding="utf-8")), "x")
    assert fields.problems == []
    assert (fields.title, fields.author, fields.author_unit) == (
        TRICKY,
        "Vũ Thị Hoa: Phòng 3",
        "#Phòng 3",
    )
    assert (fields.event, fields.status) == ("so-ket", "draft")
    report = build.check(site.settings())
    assert (report.errors, report.warnings) == ([], [])


def test_it_says_where_the_draft_is_seen_under_make_serve(site, capsys):
    assert (
        new(
            site,
            "--cluster",
            "cum-1",
            "--title",
            "Giao lưu văn nghệ",
            "--date",
            "20/10/2024",
            "--serve-url",
            "http://127.0.0.1:8001/",
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Đã tạo bài viết nháp" in out
    assert "make serve rồi mở http://127.0.0.1:8001/ban-nhap/giao-luu-van-nghe/" in out


def test_make_new_passes_date_and_event(site):
    result = subprocess.run(
        ["make", "--no-print-directory", "new", f"CONTENT={site.content}", "CLUSTER=cum-1",
         "TITLE=Cụm 1: gặp mặt", "DATE=05/03/2023", "EVENT=giao-luu",
         f"PYTHON_SYSTEM={sys.executable}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (site.content / "articles/2023/cum-1-gap-mat/index.md").read_text(encoding="utf-8")
    assert 'title: "Cụm 1: gặp mặt"' in text and "\nevent: giao-luu\n" in text
    assert "http://127.0.0.1:8000/ban-nhap/cum-1-gap-mat/" in result.stdout
