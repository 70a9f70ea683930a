"""The header parser, without building a site: forms, lines, and what is refused."""

from __future__ import annotations

import pytest

from thidua.domain import frontmatter


def test_yaml_header_keeps_each_key_line_and_the_text_as_written():
    header = frontmatter.parse("---\ntitle: 2024\ndate: 05/07/2025\ntags: [a, b]\n---\nThân\n")
    assert header.form == "yaml"
    assert header.lines == {"title": 2, "date": 3, "tags": 4}
    assert header.texts["title"] == "2024"
    assert header.values["tags"] == ["a", "b"]
    assert header.body == "Thân\n"


def test_bom_crlf_and_trailing_whitespace_after_the_opening_line():
    header = frontmatter.parse("\ufeff--- \t\r\ntitle: A\r\n---\r\nB\r\n")
    assert header.error is None
    assert header.values == {"title": "A"}
    assert header.body == "B\n"


def test_dates_stay_text_for_the_day_first_reader():
    header = frontmatter.parse("---\ndate: 2024-02-30\n---\n")
    assert header.error is None
    assert header.values["date"] == "2024-02-30"


def test_native_header_with_continuation_and_a_key_with_a_space():
    header = frontmatter.parse("Title: Tiêu đề\nAuthor Unit: Phòng 1\nTags: a,\n    b\n\nThân\n")
    assert header.form == "native"
    assert header.values == {"title": "Tiêu đề", "author_unit": "Phòng 1", "tags": "a, b"}
    assert header.lines == {"title": 1, "author_unit": 2, "tags": 3}
    assert header.body == "Thân\n"


def test_text_without_a_header():
    header = frontmatter.parse("Chỉ có thân bài.\n")
    assert header.form == "none"
    assert header.values == {}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: A\ntitle: B\n---\n", 3, "ghi hai lần (lần đầu ở dòng 2)"),
        ("---\nphotos: [{file: a, file: b}]\n---\n", 2, "'file' được ghi hai lần"),
        ("---\nTitle: A\ntitle: B\n---\n", 3, "ghi hai lần"),
        ("---\na: &x [1]\nb: *x\n---\n", 2, "bắt đầu bằng & hay *"),
        ("---\na: " + "[" * 20 + "]" * 20 + "\n---\n", 2, "lồng nhau quá 8 tầng"),
        ("---\ntitle: A\n", 1, "không có dòng '---' đóng lại"),
        ("---\ntitle: 'A\nb: c\n---\n", 2, "dấu ngoặc đơn (') mở ở dòng này chưa được đóng"),
    ],
)
def test_what_is_refused_is_named_at_its_line(text, line, words):
    header = frontmatter.parse(text)
    assert header.error is not None and words in header.error, header.error
    if line is not None:
        assert header.error_line == line


def test_a_billion_laughs_is_refused_at_once():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a]\n---\n"
    header = frontmatter.parse(bomb)
    assert "bắt đầu bằng & hay *" in header.error


# The YAML mistakes authors make, in plain words at the line to fix.
@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: A\n\tdate: 2024\n---\n", 3, "dòng này có ký tự tab; hãy thay bằng dấu cách"),
        ("---\nphotos:\n\t- file: a.jpg\n---\n", 3, "có ký tự tab"),
        # The quote opens on line 2; PyYAML only stumbles at the end of the header...
        ('---\ntitle: "Khối 02 ký kết\ndate: 2024-01-01\ncluster: x\nevent: ky-ket\n---\n', 2,
         'dấu ngoặc kép (") mở ở dòng này chưa được đóng; hãy thêm " ở cuối giá trị'),
        # ... or at the next quote, lines later.
        ('---\ntitle: "Khối 02 ký kết\ndate: 2024-01-01\ncluster: x\n'
         'summary: Hội "giao" ước\n---\n', 2, "dấu ngoặc kép (\") mở ở dòng này chưa được đóng"),
        ("---\ntitle: A\nsummary: 'Khối 02\ndate: 2024\n---\n", 3, "dấu ngoặc đơn (') mở"),
        ("---\ntitle: Hội nghị: sơ kết năm 2024\ndate: 2024\n---\n", 2,
         'giá trị có dấu hai chấm (:) nên phải đặt cả giá trị trong ngoặc kép, ví dụ: '
         'title: "Hội nghị: sơ kết năm 2024"'),
        ("---\nphotos:\n  - file: a.jpg\n    caption: Toàn cảnh: hội trường\n---\n", 4,
         'ví dụ: caption: "Toàn cảnh: hội trường"'),
        ('---\ntitle: "Lễ "ký" kết"\n---\n', 2, "như sau: title: 'Lễ \"ký\" kết'"),
        ("---\ntitle: 'Đắk R'Lấp sơ kết'\n---\n", 2, 'như sau: title: "Đắk R\'Lấp sơ kết"'),
        ("---\ntitle: @VKSND\n---\n", 2, "không được bắt đầu bằng ký tự '@'"),
        ("---\ntitle: A\ntags: [a, b\ndate: 2024\n---\n", 3, "danh sách mở bằng '[' ở dòng này"),
        ("---\ntitle: A\nlà phần tiếp của tiêu đề\ndate: 2024\n---\n", 3, "thiếu dấu hai chấm"),
        ("---\ntitle: A\n date: 2024\n---\n", 3, "thụt lề"),
    ],
)  # fmt: skip
def test_yaml_mistakes_are_told_in_plain_words_at_the_line_to_fix(text, line, words):
    header = frontmatter.parse(text)
    assert header.error is not None and words in header.error, header.error
    assert header.error_line == line
    assert "mapping values" not in header.error and "token" not in header.error


@pytest.mark.parametrize(
    "value",
    [
        "Khối 02 ký kết giao ước thi đua năm 2024",
        "Hội nghị: sơ kết 6 tháng",
        "Cụm số 2 #1 trong tỉnh",
        'Lễ "ký" kết',
        "Lễ 'ký' kết \"và\" tổng kết",
        "<script>alert(1)</script>",
        "- gạch đầu dòng",
        "[2024] Tổng kết",
        "{a: 1}",
        "2024",
        "yes",
        "@VKSND",
        "  có dấu cách ở đầu",
        "C:\\đường\\dẫn",
        "hai\ndòng",
        "",
    ],
)
def test_values_are_written_as_yaml_that_reads_back_exactly(value):
    written = frontmatter.yaml_value(value)
    header = frontmatter.parse(f"---\ntitle: {written}\n---\n")
    assert header.error is None, (written, header.error)
    assert header.texts["title"] == value
    if value == "Khối 02 ký kết giao ước thi đua năm 2024":
        assert written == value  # plain text stays as typed
