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
        ("---\ntitle: A\ntitle: B\n---\n", 3, "set twice (first on line 2)"),
        ("---\nphotos: [{file: a, file: b}]\n---\n", 2, "'file' is set twice"),
        ("---\nTitle: A\ntitle: B\n---\n", 3, "set twice"),
        ("---\na: &x [1]\nb: *x\n---\n", 2, "anchors and aliases"),
        ("---\na: " + "[" * 20 + "]" * 20 + "\n---\n", 2, "nested more than"),
        ("---\ntitle: A\n", 1, "never closed"),
        ("---\ntitle: 'A\nb: c\n---\n", None, "malformed YAML"),
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
    assert "anchors and aliases" in header.error
