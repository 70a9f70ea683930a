"""Typing a header's fields, without building a site: what is accepted, what is a problem."""

from __future__ import annotations

import datetime as dt

from thidua.domain import frontmatter
from thidua.domain.fields import read_fields

SOURCE = "content/articles/2024/x/index.md"


def fields_of(header_text: str):
    return read_fields(frontmatter.parse(f"---\n{header_text}---\nThân\n"), SOURCE)


def problems(fields) -> dict[str, tuple[int | None, bool]]:
    return {p.field: (p.line, p.fatal) for p in fields.problems}


def test_a_valid_header_is_typed():
    fields = fields_of(
        "title: 2024\ndate: 05/07/2025 08:30\ncluster: cum-1\nyear: 2025\n"
        "units: [a, b]\ntags: giao ước, thi đua\nstatus: hidden\n"
    )
    assert fields.problems == []
    assert fields.title == "2024"
    assert fields.date == dt.datetime(2025, 7, 5, 8, 30)
    assert (fields.cluster, fields.year, fields.units) == ("cum-1", 2025, ["a", "b"])
    assert fields.tags == ["giao ước", "thi đua"]
    assert fields.status == "hidden" and not fields.is_draft


def test_wrong_types_are_problems_at_their_line():
    fields = fields_of("title: [a, b]\nsummary: {a: 1}\ndate: [1, 2]\nyear: hai\n")
    assert problems(fields) == {"title": (2, True), "summary": (3, True),
                                "date": (4, True), "year": (5, True)}  # fmt: skip


def test_an_unknown_status_is_held_back_and_its_error_is_not_excused():
    fields = fields_of("title: A\nstatus: Draft\n")
    assert fields.status == "draft" and not fields.is_draft
    assert problems(fields)["status"] == (3, True)


def test_unsafe_addresses_are_refused():
    fields = fields_of(
        "title: A\nslug: ../../etc\nsave_as: index\nurl: 'javascript:alert(1)'\n"
        "template: ../x\nlang: tiếng việt\n"
    )
    assert set(problems(fields)) == {"slug", "save_as", "url", "template", "lang"}
    assert (fields.url, fields.save_as, fields.template, fields.lang) == ("", "", "", "")
    assert fields.slug == "etc"


def test_a_long_summary_is_refused_and_cut():
    fields = fields_of("title: A\nsummary: " + "chữ " * 400 + "\n")
    assert problems(fields)["summary"] == (3, True)
    assert len(fields.summary) == 600


def test_a_date_far_from_the_emulation_year_is_only_a_warning():
    fields = fields_of("title: A\ndate: 15/05/2016\nyear: 2023\n")
    assert problems(fields) == {"date": (3, False)}


def test_an_unknown_field_is_a_warning_with_the_nearest_name():
    fields = fields_of("title: A\nauthor_unt: Phòng 1\n")
    [problem] = fields.problems
    assert (problem.field, problem.fatal, problem.suggestion) == (
        "author_unt",
        False,
        "'author_unit'",
    )


def test_a_missing_title_is_an_error():
    assert problems(fields_of("date: 2024-03-05\n"))["title"] == (None, True)


def test_featured_is_a_flag_or_a_day_until_which_the_story_is_pinned():
    assert (fields_of("title: A\nfeatured: true\n").featured_until, True) == (None, True)
    pinned = fields_of("title: A\nfeatured: 30/06/2024\n")
    assert (pinned.featured, pinned.featured_until) == (True, dt.datetime(2024, 6, 30))
    assert fields_of("title: A\nfeatured: false\n").featured is False
    assert problems(fields_of("title: A\nfeatured: 31/06/2024\n")) == {"featured": (3, True)}
