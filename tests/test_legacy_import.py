"""`make import` brings a legacy portal's article over: debris gone, fields guessed, a valid draft.

The pages under tests/sites/legacy/ imitate what archivists save from agency
portals (menus, counters, toolbars, lists of other posts); they were written
for these tests.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import text_of
from thidua.cli import build, import_legacy
from thidua.domain import frontmatter

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "sites" / "legacy"
DEBRIS = (
    "leftcenterrightdel", "Số người truy cập", "IP của bạn", "Đăng nhập", "Liên kết web",
    "Ngày đăng", "Lượt xem", "In bài viết", "Gửi email", "Chia sẻ", "Tin khác",
    "Các tin đã đưa", "Trang chủ", "Bản quyền", "Copyright", "Tin mới",
)  # fmt: skip


def run(site, page: str, *extra: str) -> int:
    return import_legacy.main([str(PAGES / page), "--content", str(site.content), *extra])


def written(site) -> tuple[Path, dict, str]:
    """The one imported article: its path, front matter and body."""
    [path] = sorted((site.content / "articles").rglob("index.md"))
    text = path.read_text(encoding="utf-8")
    header = frontmatter.parse(text)
    assert header.error is None, header.error
    body = text.split("\n---\n", 1)[1]
    return path, header.values, body


def assert_no_debris(body: str) -> None:
    """No debris line left (the words may still occur inside the article's sentences)."""
    assert "leftcenterrightdel" not in body.lower()
    assert body.strip(), "the imported article has no text"
    for line in body.lower().splitlines():
        for word in DEBRIS:
            assert not line.lstrip("#-0123456789. ").startswith(word.lower()), line


def test_page_with_full_debris(site, capsys):
    assert run(site, "khoi-02-ky-ket.html") == 0
    path, meta, body = written(site)
    assert path.parent.parent.name == "2024"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# nhập từ cổng cũ ngày ")
    assert 'đọc lại các trường ghi "kiểm tra"' in text.splitlines()[1]
    assert text.splitlines()[2].startswith("# nguồn: ") and "sha256 " in text.splitlines()[2]
    assert meta["title"] == (
        "Khối thi đua số 02 VKSND tỉnh Bắc Giang tổ chức Lễ ký kết giao ước thi đua năm 2024"
    )
    assert str(meta["date"]) == "2024-03-25 09:15"
    assert (meta["cluster"], meta["year"], meta["event"]) == ("khoi-02", 2024, "ky-ket")
    # Phòng 3 and Phòng 7 are named (Phòng 10, a guest, is not Phòng 1), yet naming some
    # members does not say only they took part: 'units' is left out, the named ones noted.
    assert "units" not in meta
    assert "# units: [bg-phong-3, bg-phong-7]   # kiểm tra" in text
    assert (meta["author"], meta["author_unit"]) == ("Vũ Thị Hoa", "Phòng 3, VKSND tỉnh Bắc Giang")
    assert meta["status"] == "draft"
    assert "cluster: khoi-02   # kiểm tra" in text
    assert "Quyết định số 610/QĐ-VKS ngày 08/3/2024" in text.split("\ntitle:")[0]
    assert "“Khối thi đua số 02” ở tiêu đề + cơ quan “VKSND tỉnh Bắc Giang”" in text
    assert_no_debris(body)
    assert "Vũ Thị Hoa" not in body  # the byline moved to the front matter
    assert body.startswith("Chiều ngày 22/3/2024, tại Hội trường tầng 3")
    assert "\n## Nội dung giao ước thi đua năm 2024\n" in body
    assert "\n1. Thực hiện nghiêm" in body and "\n2. Không để xảy ra" in body
    assert "\n3. Mỗi phòng có ít nhất" in body
    # Without --photos the photo is kept as a comment with its original address.
    assert "# src: /Uploads/2024/3/hoi-truong-khoi-02.jpg" in text
    assert "caption: Quang cảnh Lễ ký kết giao ước thi đua của Khối thi đua số 02" in text
    out = capsys.readouterr().out
    assert "bộ đếm lượt truy cập ×3" in out and "thanh công cụ ảnh" in out
    assert "không có vấn đề nào" in out


def test_plain_text_copy(site):
    assert run(site, "cum-1-so-ket.txt") == 0
    path, meta, body = written(site)
    assert meta["title"] == (
        "Cụm thi đua số 1 VKSND tỉnh Đắk Nông sơ kết công tác thi đua 6 tháng đầu năm 2024"
    )
    assert str(meta["date"]) == "2024-07-12"
    assert (meta["cluster"], meta["year"], meta["event"]) == ("cum-1", 2024, "so-ket")
    assert "units" not in meta  # 3 of the 4 members named: not a list of participants
    assert (meta["author"], meta["author_unit"]) == ("Nguyễn Văn An", "VKSND huyện Tuy Đức")
    assert meta["location"] == "Hội trường VKSND thành phố Gia Nghĩa"
    assert_no_debris(body)
    assert "05/07/2024" not in body and "Hội nghị tập huấn" not in body
    assert "\n- Việc trao đổi kinh nghiệm" in body
    assert "\n1. Tổ chức ít nhất một buổi" in body and "\n3. Tăng cường kiểm tra chéo" in body
    assert body.rstrip().endswith("phản ánh đúng thực chất phong trào.")
    # Captions glued to the toolbar word become (commented) photo entries, not body text.
    assert "Toàn cảnh hội nghị" not in body
    caption = "Toàn cảnh hội nghị sơ kết 6 tháng đầu năm 2024 của Cụm thi đua số 1"
    assert f"#     caption: {caption}" in path.read_text(encoding="utf-8")


def _photos_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "saved_files"
    folder.mkdir()
    for name, colour in (("IMG_2041.JPG", "red"), ("trao-cup.jpg", "green"),
                         ("Keo co (1).jpg", "blue"), ("unrelated.jpg", "white")):  # fmt: skip
        Image.new("RGB", (320, 240), colour).save(folder / name, "JPEG")
    return folder


def test_photos_with_captions_glued_to_the_toolbar(site, tmp_path):
    folder = _photos_folder(tmp_path)
    assert run(site, "cum-1-giao-luu-anh.html", "--photos", str(folder)) == 0
    path, meta, body = written(site)
    assert "leftcenterrightdel" not in path.read_text(encoding="utf-8")
    assert meta["photos"] == [
        {
            "file": "img-2041.jpg",
            "caption": "Khai mạc giải giao lưu bóng chuyền của Cụm thi đua số I",
            "alt": "Khai mạc giải giao lưu bóng chuyền của Cụm thi đua số I",
        },
        {
            "file": "trao-cup.jpg",
            "caption": "Đội bóng VKSND huyện Tuy Đức nhận cúp vô địch",
            "alt": "Lãnh đạo cụm trao cúp cho đội vô địch",
        },
        {
            "file": "keo-co-1.jpg",
            "caption": "Phần thi kéo co giữa hai đội nữ",
            "alt": "Phần thi kéo co giữa hai đội nữ",
        },
    ]
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "img-2041.jpg", "index.md", "keo-co-1.jpg", "trao-cup.jpg",
    ]  # fmt: skip
    # "Cụm thi đua số I" is cluster number 1; no "năm …" in the title: the date's year.
    assert (meta["cluster"], meta["year"], meta["event"]) == ("cum-1", 2024, "giao-luu")
    assert str(meta["date"]) == "2024-10-18 16:40"
    assert "units" not in meta  # all four members are named ("Đắk Glong" too)
    assert (meta["author"], meta["author_unit"]) == ("Trần Thị Mai", "VKSND huyện Đắk G'Long")
    assert_no_debris(body)
    assert "Phần thi kéo co" not in body and "Khai mạc giải" not in body


def test_the_unrelated_posts_dates_are_ignored(site):
    assert run(site, "cum-12-hai-ngay.html") == 0
    path, meta, body = written(site)
    # Not the portal's "today" (10/01/2025) nor the sidebar's post (28/06/2024) above it.
    assert str(meta["date"]) == "2024-12-20 08:30"
    assert path.parent.parent.name == "2024"
    # The title names Cụm 12; the text's mention of Cụm 1 (a guest) does not win.
    assert (meta["cluster"], meta["year"], meta["event"]) == ("cum-12", 2024, "tong-ket")
    assert "units" not in meta
    assert "author" not in meta and meta["author_unit"] == "Văn phòng VKSND tỉnh Đắk Nông"
    assert_no_debris(body)
    assert "28/06/2024" not in body and "15/11/2024" not in body
    text = path.read_text(encoding="utf-8")
    assert "văn bản được nêu: Kế hoạch số 109/KH-CTĐ1; Quyết định số 35/QĐ-VKS" in text
    # A year-end review without its year, held in December: the year of that December.
    assert "“tổng kết họp tháng 12/2024: năm của ngày”" not in text
    assert "year: tổng kết họp tháng 12/2024: năm của ngày" in text


def _import_all(site, tmp_path) -> list[Path]:
    folder = _photos_folder(tmp_path)
    for page in ("khoi-02-ky-ket.html", "cum-1-so-ket.txt", "cum-12-hai-ngay.html"):
        assert run(site, page) == 0
    assert run(site, "cum-1-giao-luu-anh.html", "--photos", str(folder)) == 0
    assert build.check(site.settings()).errors == []
    return sorted((site.content / "articles").rglob("index.md"))


def test_imported_articles_build_and_show_their_titles(site, tmp_path):
    paths = _import_all(site, tmp_path)
    assert len(paths) == 4
    for path in paths:  # what the archivist does once the "kiểm tra" fields are checked
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\nstatus: draft\n", "\nstatus: published\n"), "utf-8")
    assert site.build() == 0
    for path in paths:
        meta = frontmatter.parse(path.read_text(encoding="utf-8")).values
        page = site.page(f"bai-viet/{path.parent.parent.name}/{path.parent.name}/")
        assert text_of(page.h1) == meta["title"]
        assert "leftcenterrightdel" not in text_of(page.main)
    [photos] = [p for p in paths if p.parent.name.startswith("cum-thi-dua-so-i-giao-luu")]
    page = site.page(f"bai-viet/2024/{photos.parent.name}/")
    assert "Đội bóng VKSND huyện Tuy Đức nhận cúp vô địch" in text_of(page.main)


def test_imported_draft_builds(site):
    assert run(site, "cum-12-hai-ngay.html") == 0
    assert site.build() == 0


def test_never_overwrites(site, tmp_path, capsys):
    folder = _photos_folder(tmp_path)
    assert run(site, "cum-1-giao-luu-anh.html", "--photos", str(folder)) == 0
    path, _meta, _body = written(site)
    path.write_text("bài đã sửa tay", encoding="utf-8")
    photo = path.parent / "trao-cup.jpg"
    before = photo.read_bytes()
    assert run(site, "cum-1-giao-luu-anh.html", "--photos", str(folder)) == 1
    assert "đã có" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "bài đã sửa tay"
    assert photo.read_bytes() == before
    # The same slug in another year's folder is the same draft URL: refused too.
    assert run(site, "cum-1-giao-luu-anh.html", "--date", "2023-05-01") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["khong-co.html"], "không thấy tệp"),
        (["menu-only"], "không thấy nội dung bài viết"),
        (["khoi-02-ky-ket.html", "--cluster", "khoi-2"], "có phải 'khoi-02'?"),
        (["no-cluster"], "bài không ghi “Cụm/Khối thi đua số …”"),
        (["khoi-02-ky-ket.html", "--photos", "khong-co-thu-muc"], "không thấy thư mục ảnh"),
    ],
)
def test_clear_errors(site, tmp_path, capsys, args, message):
    menu = tmp_path / "menu-only.html"
    menu.write_text(
        "<html><body><ul><li><a href='/'>Trang chủ</a></li><li><a href='/a'>Giới thiệu</a></li>"
        "</ul><p>Số người truy cập: 1.024</p><p>Đăng nhập</p></body></html>",
        encoding="utf-8",
    )
    no_cluster = tmp_path / "no-cluster.txt"
    no_cluster.write_text(
        "Hội nghị bàn về công tác cải cách hành chính của cơ quan\nNgày đăng: 04/03/2024\n"
        "Sáng nay, cơ quan tổ chức hội nghị bàn các giải pháp đẩy mạnh cải cách hành chính, "
        "rút ngắn thời gian xử lý hồ sơ và nâng cao chất lượng phục vụ người dân.\n",
        encoding="utf-8",
    )
    paths = {"menu-only": str(menu), "no-cluster": str(no_cluster)}
    first = paths.get(args[0], str(PAGES / args[0]))
    code = import_legacy.main([first, "--content", str(site.content), *args[1:]])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (site.content / "articles").exists()


def test_dry_run_writes_nothing(site, capsys):
    assert run(site, "cum-12-hai-ngay.html", "--dry-run") == 0
    assert capsys.readouterr().out.startswith("---\n# nhập từ cổng cũ ")
    assert not (site.content / "articles").exists()


def test_make_import(site):
    result = subprocess.run(
        ["make", "--no-print-directory", "import", f"FILE={PAGES / 'cum-1-so-ket.txt'}",
         f"CONTENT={site.content}", "CLUSTER=cum-1", f"PYTHON_SYSTEM={sys.executable}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path, meta, _body = written(site)
    assert meta["cluster"] == "cum-1"
    assert "cluster: cum-1   # kiểm tra" not in path.read_text(encoding="utf-8")
