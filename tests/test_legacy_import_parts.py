"""The import's parts one by one: dates, debris lines, bylines, cluster numbers, units, Markdown."""

import datetime as dt

import pytest

from thidua.domain.model import Unit
from thidua.domain.registry import load_registry
from thidua.legacy_import import dates, debris, guess, write
from thidua.legacy_import.extract import parse_byline, parse_byline_pair
from thidua.legacy_import.model import BodyBlock, ImportFailed


@pytest.mark.parametrize(
    ("text", "expected", "has_time"),
    [
        ("Ngày đăng: 01/03/2019", dt.datetime(2019, 3, 1), False),
        ("Thứ hai, 27/05/2024", dt.datetime(2024, 5, 27), False),
        ("27/05/2024 09:15", dt.datetime(2024, 5, 27, 9, 15), True),
        ("Cập nhật lúc 08:30 ngày 20/12/2024", dt.datetime(2024, 12, 20, 8, 30), True),
        ("09h15 - 27/05/2024", dt.datetime(2024, 5, 27, 9, 15), True),
        ("Thứ sáu, 18/10/2024 - 16:40", dt.datetime(2024, 10, 18, 16, 40), True),
        ("ngày 08 tháng 3 năm 2024", dt.datetime(2024, 3, 8), False),
    ],
)
def test_dates_as_portals_print_them(text, expected, has_time):
    [found] = dates.find_dates(text)
    assert (found.value, found.has_time) == (expected, has_time)


def test_impossible_dates_are_not_dates():
    assert dates.find_dates("Điện thoại: 31/02/2024") == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Số người truy cập: 1.284.093", "visitor counter"),
        ("Đang truy cập: 27", "visitor counter"),
        ("IP của bạn: 113.22.140.8", "IP line"),
        ("Đăng nhập", "login link"),
        ("Liên kết web", '"Liên kết web"'),
        ("-- Chọn liên kết --", '"Liên kết web"'),
        ("Lượt xem: 312", "view count"),
        ("In bài viết | Gửi email | Chia sẻ", "print/share buttons"),
        ("Ngày đăng: 25/03/2024 09:15 | Lượt xem: 312", "date line"),
        ("Thứ hai, 27/05/2024", "date line"),
        ("Hội nghị tập huấn kỹ năng viết cáo trạng (05/07/2024)", "timestamped post"),
        ("Tập huấn nghiệp vụ kiểm sát án dân sự 09/10/2024 10:05", "timestamped post"),
        ("Trang chủ > Tin tức > Thi đua - Khen thưởng", "breadcrumb"),
        ("Bản quyền thuộc Viện kiểm sát nhân dân tỉnh Bắc Giang", "footer"),
        # Article text that mentions the same words or dates stays.
        ("Các đơn vị đã chia sẻ kinh nghiệm chấm điểm chéo.", None),
        ("Đợt 2 từ ngày 01/7/2024 đến ngày 31/12/2024", None),
        ("Sáng ngày 25/3/2024, tại Hội trường VKSND tỉnh, Khối tổ chức lễ ký kết.", None),
        ("Vũ Thị Hoa - Phòng 3, VKSND tỉnh Bắc Giang", None),
    ],
)
def test_debris_lines(line, kind):
    assert debris.kind_of(line) == kind


def test_toolbar_word_is_stripped_even_when_glued():
    assert debris.strip_toolbar("leftcenterrightdelToàn cảnh hội nghị") == ("Toàn cảnh hội nghị", 1)
    assert debris.strip_toolbar("left center right del") == ("", 1)


@pytest.mark.parametrize("line", ["Tin khác", "Các tin đã đưa", "Tin liên quan:", "TIN KHÁC"])
def test_other_post_list_headings_end_the_article(line):
    assert debris.is_stop(line)


@pytest.mark.parametrize(
    ("line", "author", "unit"),
    [
        (
            "Vũ Thị Hoa - Phòng 3, VKSND tỉnh Bắc Giang",
            "Vũ Thị Hoa",
            "Phòng 3, VKSND tỉnh Bắc Giang",
        ),
        ("Nguyễn Văn A (VKSND huyện Tuy Đức)", "Nguyễn Văn A", "VKSND huyện Tuy Đức"),
        ("Tin, ảnh: Lê Minh Đức", "Lê Minh Đức", ""),
        ("Văn phòng Thanh tra tỉnh", "", "Văn phòng Thanh tra tỉnh"),
        ("NGUYỄN THỊ LAN", "NGUYỄN THỊ LAN", ""),
    ],
)
def test_bylines(line, author, unit):
    byline = parse_byline(line)
    assert byline is not None and (byline.author, byline.author_unit) == (author, unit)


@pytest.mark.parametrize(
    "line", ["Phát biểu chỉ đạo", "Kết luận", "Các phòng thống nhất ký kết.", "Năm nội dung"]
)
def test_article_lines_are_not_bylines(line):
    assert parse_byline(line) is None


def test_byline_on_two_lines():
    byline = parse_byline_pair("Trần Thị Mai", "VKSND huyện Đắk G'Long")
    assert (byline.author, byline.author_unit) == ("Trần Thị Mai", "VKSND huyện Đắk G'Long")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Khối thi đua số 02 ký kết giao ước", "khoi-02"),
        ("Khối thi đua số 2 ký kết giao ước", "khoi-02"),
        ("Khối thi đua số II ký kết giao ước", "khoi-02"),
        ("Cụm thi đua số 12 tổng kết", "cum-12"),
        ("Cụm thi đua số I giao lưu", "cum-1"),
        ("CỤM THI ĐUA SỐ 01 SƠ KẾT", "cum-1"),
    ],
)
def test_cluster_numbers_compare_by_value(site, title, slug):
    registry, _ = load_registry(site.content, {})
    assert guess.guess_cluster(registry, title, "", 2024).value.slug == slug


def test_cluster_from_members_when_no_number_is_written(site):
    registry, _ = load_registry(site.content, {})
    text = "Phòng 1 và Phòng 7 giao lưu bóng bàn, Phòng 3 làm trọng tài."
    found = guess.guess_cluster(registry, "Giao lưu bóng bàn", text, 2024)
    assert found.value.slug == "khoi-02" and "members" in found.evidence


def test_unknown_cluster_suggests_the_nearest(site):
    registry, _ = load_registry(site.content, {})
    with pytest.raises(ImportFailed, match="did you mean 'khoi-02'"):
        guess.guess_cluster(registry, "x", "", 2024, given="khoi-2")
    with pytest.raises(ImportFailed, match="Cụm thi đua số 7"):
        guess.guess_cluster(registry, "Cụm thi đua số 7 ký kết", "", 2024)


@pytest.mark.parametrize(
    ("title", "event"),
    [
        ("Khối 02 tổ chức Lễ ký giao ước thi đua năm 2024", "ky-ket"),
        ("Hội nghị triển khai công tác thi đua năm 2024", "trien-khai"),
        ("Cụm 1 sơ kết 6 tháng đầu năm", "so-ket"),
        ("Tổng kết thi đua năm 2023 và ký kết giao ước năm 2024", "tong-ket"),
        ("Giao lưu văn nghệ chào mừng 20/10", "giao-luu"),
    ],
)
def test_event_from_keywords(title, event):
    assert guess.guess_event(title, "").value == event


def test_year_from_the_title_else_the_date():
    when = dt.datetime(2025, 1, 8)
    assert guess.guess_year("Ký kết giao ước thi đua năm 2024", when).value == 2024
    assert guess.guess_year("Ký kết giao ước thi đua", when).value == 2025


def _unit(slug: str, name: str, short: str) -> Unit:
    return Unit(slug=slug, name=name, short_name=short)


def test_short_unit_names_count_only_when_unambiguous():
    members = [
        _unit("dm-kho-bac", "Kho bạc Nhà nước Đắk Mil", "KBNN Đắk Mil"),
        _unit("dm-buu-dien", "Bưu điện huyện Đắk Mil", "Bưu điện Đắk Mil"),
        _unit("vks-tuy-duc", "Viện kiểm sát nhân dân huyện Tuy Đức", "VKSND huyện Tuy Đức"),
        _unit("bg-phong-1", "Phòng 1 (Phòng 1), VKSND tỉnh Bắc Giang", "Phòng 1 – VKSND tỉnh"),
    ]
    text = "Lãnh đạo Kho bạc Nhà nước huyện, Viện KSND huyện Tuy Đức và Phòng 10 dự tại Đắk Mil."
    # 'Đắk Mil' is shared by two members, 'Phòng 10' is not 'Phòng 1'.
    assert guess.named_units(members, text) == ["vks-tuy-duc"]
    assert guess.named_units(members, "KBNN Đắk Mil, Phòng 1") == ["dm-kho-bac", "bg-phong-1"]


def test_markdown_keeps_legacy_text_literal():
    assert write.escape("<script>alert(1)</script>") == "&lt;script>alert(1)&lt;/script>"
    assert write.escape("1. không phải danh sách") == "1\\. không phải danh sách"
    assert write.escape("# không phải tiêu đề *đậm*") == "\\# không phải tiêu đề \\*đậm\\*"
    body = [
        BodyBlock("p", "Các nội dung:"),
        BodyBlock("ol", "Một"),
        BodyBlock("ol", "Hai"),
        BodyBlock("h", "Phân công"),
        BodyBlock("ul", "Ba"),
    ]
    assert write.body_markdown(body) == "Các nội dung:\n\n1. Một\n2. Hai\n\n## Phân công\n\n- Ba\n"


def test_photo_names_are_ascii_and_unique(tmp_path):
    from thidua.legacy_import.model import Photo

    planned = write.plan_photos(
        [
            Photo("/a/Ảnh%20Hội%20nghị.JPG"),
            Photo("/b/ảnh hội nghị.jpg"),
            Photo(caption="Chỉ chú thích"),
        ],
        None,
    )
    assert [p.name for p in planned] == ["anh-hoi-nghi.jpg", "anh-hoi-nghi-2.jpg", "anh-3.jpg"]
    assert planned[2].alt == "Chỉ chú thích" and planned[2].alt_from_caption


def test_title_from_the_page_title_when_no_heading(tmp_path):
    from thidua.legacy_import.extract import extract
    from thidua.legacy_import.source import read_source

    page = tmp_path / "trang.html"
    page.write_text(
        "<html><head><title>Cụm thi đua số 12 ký kết giao ước năm 2024 | Cổng TTĐT</title></head>"
        "<body><div><p>Ngày đăng: 04/03/2024</p><p>Sáng ngày 01/3/2024, Cụm thi đua số 12 tổ chức"
        " ký kết giao ước thi đua năm 2024 với sự tham gia của các đơn vị trong cụm.</p>"
        "<p>Các đơn vị cam kết thực hiện tốt chỉ tiêu công tác và giữ vững đoàn kết nội bộ.</p>"
        "</div></body></html>",
        encoding="utf-8",
    )
    article = extract(read_source(page))
    assert article.title == "Cụm thi đua số 12 ký kết giao ước năm 2024"
    assert article.title_guessed
    assert article.date.value == dt.datetime(2024, 3, 4)
