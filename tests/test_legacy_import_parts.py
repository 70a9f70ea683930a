"""The import's parts one by one: dates, debris lines, bylines, cluster numbers, units, Markdown."""

import datetime as dt
from pathlib import Path

import pytest

from thidua.cli import import_legacy
from thidua.domain.model import Unit
from thidua.domain.registry import load_registry
from thidua.legacy_import import dates, debris, evidence, guess, places, write
from thidua.legacy_import.extract import event_date, extract, parse_byline, parse_byline_pair
from thidua.legacy_import.model import BodyBlock
from thidua.legacy_import.source import read_source

PAGES = Path(__file__).resolve().parent / "sites" / "legacy"


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
        ("|", "separator"),
        ("* * *", "separator"),
        ("Chia sẻ 12 | Thích 3", "print/share buttons"),
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
        # As agencies really write them: no space before the dash, an en dash, a unit's
        # abbreviation right after the name.
        (
            "Vũ Thị Hoa- Phòng 3, VKSND tỉnh Bắc Giang",
            "Vũ Thị Hoa",
            "Phòng 3, VKSND tỉnh Bắc Giang",
        ),
        ("Lê Thị Thu Hà – Văn phòng tổng hợp", "Lê Thị Thu Hà", "Văn phòng tổng hợp"),
        ("Đình Toàn Đài TT-TH", "Đình Toàn", "Đài TT-TH"),
        ("Minh Khôi TTVH-TT", "Minh Khôi", "TTVH-TT"),
        ("Nguyễn Văn Hội", "Nguyễn Văn Hội", ""),  # a name, not an association (Hội …)
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
        ("Khối thi đua số 02 VKSND tỉnh Bắc Giang ký kết giao ước", "khoi-02"),
        ("Khối thi đua số 2 VKSND tỉnh Bắc Giang ký kết giao ước", "khoi-02"),
        ("Khối thi đua số II VKSND tỉnh Bắc Giang ký kết giao ước", "khoi-02"),
        ("Cụm thi đua số 12 VKSND tỉnh Đắk Nông tổng kết", "cum-12"),
        ("Cụm thi đua số I VKSND tỉnh Đắk Nông giao lưu", "cum-1"),
        ("CỤM THI ĐUA SỐ 01 VKSND TỈNH ĐẮK NÔNG SƠ KẾT", "cum-1"),
    ],
)
def test_cluster_numbers_compare_by_value(site, title, slug):
    registry, _ = load_registry(site.content, {})
    choice = evidence.choose_cluster(registry, title, "", "", 2024)
    assert choice.cluster is not None and choice.cluster.slug == slug, choice.problem


def test_a_number_alone_is_not_enough(site):
    """Every province has a 'Khối thi đua số 2': kind and number need a second witness."""
    registry, _ = load_registry(site.content, {})
    choice = evidence.choose_cluster(registry, "Khối thi đua số 2 ký kết giao ước", "", "", 2024)
    assert choice.cluster is None
    [candidate] = choice.candidates
    assert candidate.cluster.slug == "khoi-02" and candidate.support == []
    assert "chưa đủ" in candidate.describe()


def test_members_without_a_number_do_not_choose(site):
    """Members named, no 'Cụm/Khối … số': asked, with the cluster they point to as a candidate."""
    registry, _ = load_registry(site.content, {})
    text = "VKSND huyện Tuy Đức và VKSND huyện Đắk R'Lấp giao lưu bóng bàn."
    choice = evidence.choose_cluster(registry, "Giao lưu bóng bàn", text, text, 2024)
    assert choice.cluster is None and "không ghi “Cụm/Khối thi đua số …”" in choice.problem
    [candidate] = choice.candidates
    assert candidate.cluster.slug == "cum-1" and "bài không ghi số" in candidate.describe()


def test_a_generic_unit_name_is_no_evidence(site):
    """'Phòng 8' of Huế is not 'Phòng 8' of Bắc Giang; the province in the title is against."""
    registry, _ = load_registry(site.content, {})
    title = "Khối thi đua số 2 VKSND tỉnh Thừa Thiên Huế ký kết giao ước thi đua năm 2024"
    lead = "Khối gồm Văn phòng tổng hợp, Phòng 1, Phòng 3 và Phòng 7."
    choice = evidence.choose_cluster(registry, title, lead, lead, 2024)
    assert choice.cluster is None
    [candidate] = choice.candidates
    assert candidate.support == []
    assert "“tỉnh Thừa Thiên Huế” không phải nơi của cụm này" in candidate.against[0]


def test_places_and_agencies_in_a_text():
    found = places.places(
        "Cụm thi đua số 03 huyện Lang Chánh (Thanh Hóa); đồng chí Nguyễn Thái Bình; "
        "TP. Hồ Chí Minh; học tập tư tưởng Hồ Chí Minh; VKSND Đắk Nông; Thái Bình Dương"
    )
    assert [(p.level, p.key) for p in found] == [
        ("district", "lang-chanh"), ("province", "thanh-hoa"), ("province", "ho-chi-minh"),
        ("province", "dak-nong"),
    ]  # fmt: skip
    assert places.agency_kind("Thanh tra Chính phủ (Thanh tra các tỉnh Tây Nguyên)")[0] == (
        "thanh tra"
    )
    # The council and the people's committee of a district are one kind of agency.
    assert places.agency_kind_anywhere("Hội đồng Thi đua – Khen thưởng huyện Đắk Mil") == (
        places.agency_kind_anywhere("UBND huyện Đắk Mil")
    )


def test_the_qualifier_after_a_clusters_number():
    [mention] = evidence.mentions("Cụm thi đua số III – Thanh tra Chính phủ (Thanh tra các tỉnh)")
    assert (mention.value, mention.qualifier, mention.agency) == (
        3,
        "Thanh tra Chính phủ",
        "thanh tra",
    )
    [mention] = evidence.mentions("Khối thi đua số 02 VKSND tỉnh Bắc Giang tổ chức Lễ ký kết")
    assert mention.qualifier == "VKSND tỉnh Bắc Giang"
    assert [p.key for p in mention.places] == ["bac-giang"]
    [mention] = evidence.mentions("Cụm thi đua số 12 tổng kết phong trào thi đua")
    assert mention.qualifier == "" and mention.agency is None


def test_unknown_cluster_given_is_asked_again_with_the_nearest(site, capsys):
    page = PAGES / "khoi-02-ky-ket.html"
    assert (
        import_legacy.main([str(page), "--content", str(site.content), "--cluster", "khoi-2"]) == 2
    )
    err = capsys.readouterr().err
    assert "không có cụm/khối “khoi-2” trong sổ đăng ký — có phải 'khoi-02'?" in err
    assert "CLUSTER=" in err


@pytest.mark.parametrize(
    ("title", "event"),
    [
        ("Khối 02 tổ chức Lễ ký giao ước thi đua năm 2024", "ky-ket"),
        ("Hội nghị triển khai công tác thi đua năm 2024", "trien-khai"),
        ("Cụm 1 sơ kết 6 tháng đầu năm", "so-ket"),
        ("Giao lưu văn nghệ chào mừng 20/10", "giao-luu"),
        ("Cụm thi đua số 1 tổng kết công tác thi đua năm 2024", "tong-ket"),
    ],
)
def test_event_from_keywords(title, event):
    found, problem = guess.guess_event(title, "")
    assert found.value == event and problem == ""


@pytest.mark.parametrize(
    "title",
    [
        "Tổng kết thi đua năm 2023 và ký kết giao ước năm 2024",  # two events: which one?
        "Cụm 1 đánh giá việc thực hiện giao ước thi đua",  # 'giao ước' alone is no event
    ],
)
def test_an_event_not_settled_by_the_title_is_left_out(title):
    found, problem = guess.guess_event(title, "")
    assert found is None and problem


def test_year_from_the_title_the_lead_or_the_date():
    when = dt.datetime(2025, 3, 8)
    assert guess.guess_year("Ký kết giao ước thi đua năm 2024", "", when, "ky-ket")[0].value == 2024
    lead = "Ngày 8/3/2025, Cụm tổ chức ký kết giao ước thi đua năm 2025 giữa các đơn vị."
    assert guess.guess_year("Ký kết giao ước thi đua", lead, when, "ky-ket")[0].value == 2025
    assert guess.guess_year("Ký kết giao ước thi đua", "", when, "ky-ket")[0].value == 2025
    # Two years in the title, or a review in January without its year: asked.
    year, problem = guess.guess_year("Tổng kết năm 2023, ký kết năm 2024", "", when, None)
    assert year is None and "2023, 2024" in problem
    year, problem = guess.guess_year(
        "Cụm 1 tổng kết thi đua", "", dt.datetime(2025, 1, 9), "tong-ket"
    )
    assert year is None and "tổng kết" in problem
    year, _ = guess.guess_year("Cụm 1 tổng kết thi đua", "", dt.datetime(2024, 12, 20), "tong-ket")
    assert year.value == 2024
    # "năm 2016" of a cited document is not the emulation year.
    lead = "Thực hiện Kế hoạch số 12/KH năm 2016 của Viện, các đơn vị thi đua sôi nổi."
    assert guess.guess_year("Cụm 1 thi đua", lead, when, "ky-ket")[0].value == 2025


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sáng ngày 22/3/2024, tại Hội trường, Khối thi đua số 02 tổ chức Lễ ký kết.",
         (2024, 3, 22)),
        ("Căn cứ Quyết định số 610/QĐ-VKS ngày 08/3/2024 của Viện trưởng, chiều ngày 12/3/2024, "
         "Khối đã tổ chức hội nghị triển khai.", (2024, 3, 12)),
        ("Ngày 11/01/2024, tại thành phố Buôn Ma Thuột, Cụm tổ chức hội nghị tổng kết.",
         (2024, 1, 11)),
        # Only document dates, phases and deadlines: no date of the event.
        ("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, các đơn vị tổ chức "
         "học tập chuyên đề.", None),
        ("Đợt 1 từ ngày 01/01/2024 đến ngày 30/6/2024 các đơn vị tổ chức chấm điểm chéo.", None),
        ("Các đơn vị hoàn thành chuyên đề trước ngày 30/9/2024 và tổ chức báo cáo.", None),
    ],
)  # fmt: skip
def test_the_event_date_never_comes_from_a_document(text, expected):
    found = event_date([BodyBlock("p", text)])
    if expected is None:
        assert found is None, found
    else:
        assert found.value == dt.datetime(*expected)


def test_the_title_is_never_a_caption(tmp_path):
    page = tmp_path / "trang.txt"
    page.write_text(
        "Trang chủ\nTin tức - Sự kiện\n"
        "Cụm thi đua số 2 VKSND tỉnh Đắk Nông sơ kết công tác thi đua năm 2024\n"
        "Ngày đăng: 10/07/2024\nNgày đăng: 10/07/2024\nToàn cảnh Hội nghị\n"
        "Ngày 09/7/2024, tại Hội trường VKSND huyện Cư Jút, Cụm thi đua số 2 tổ chức hội nghị "
        "sơ kết công tác thi đua sáu tháng đầu năm.\n",
        encoding="utf-8",
    )
    article = extract(read_source(page))
    assert article.title == "Cụm thi đua số 2 VKSND tỉnh Đắk Nông sơ kết công tác thi đua năm 2024"
    assert [p.caption for p in article.photos] == ["Toàn cảnh Hội nghị"]
    assert article.date.value == dt.datetime(2024, 7, 10)
    assert not article.body[0].text.startswith("Toàn cảnh")


def test_a_copy_without_a_title_line_has_no_title(tmp_path):
    page = tmp_path / "trang.txt"
    page.write_text(
        "Trang chủ\nThi đua - Khen thưởng\nNgày đăng: 20/12/2024\n"
        "Sáng ngày 19/12/2024, Khối thi đua số 02 tổ chức hội nghị tổng kết công tác thi đua "
        "năm 2024, bình xét danh hiệu cho các phòng trong khối.\n",
        encoding="utf-8",
    )
    article = extract(read_source(page))
    assert article.title == "" and article.date.value == dt.datetime(2024, 12, 20)


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


def test_the_other_kind_with_the_same_number_is_shown_never_chosen(site):
    registry, _ = load_registry(site.content, {})
    title = "Cụm thi đua số 02 VKSND tỉnh Bắc Giang ký kết giao ước thi đua năm 2024"
    choice = evidence.choose_cluster(registry, title, "", "", 2024)
    assert choice.cluster is None
    [candidate] = choice.candidates
    assert candidate.cluster.slug == "khoi-02" and candidate.support
    assert "cùng số (khác loại)" in candidate.describe()
    assert "sổ đăng ký ghi khối" in candidate.against[0]


def test_a_caption_between_the_title_and_its_date_is_not_the_title(tmp_path):
    page = tmp_path / "trang.txt"
    page.write_text(
        "Trang chủ > Tin tức\n"
        "Cụm thi đua số 1 VKSND tỉnh Đắk Nông ký kết giao ước thi đua năm 2024\n"
        "Đồng chí Phạm Quang Huy phát biểu tại buổi lễ ký kết\n"
        "Ngày đăng: 06/03/2024\n"
        "Sáng ngày 05/3/2024, Cụm thi đua số 1 tổ chức Lễ ký kết giao ước thi đua năm 2024 với "
        "sự tham dự của lãnh đạo các đơn vị trong cụm.\n",
        encoding="utf-8",
    )
    article = extract(read_source(page))
    assert article.title.startswith("Cụm thi đua số 1 VKSND")
    assert [p.caption for p in article.photos] == [
        "Đồng chí Phạm Quang Huy phát biểu tại buổi lễ ký kết"
    ]
