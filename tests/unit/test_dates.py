"""parse_date reads what Vietnamese authors write, day first, and never guesses."""

import datetime as dt

import pytest

from thidua.domain.dates import DateError, format_expected, parse_date, years_apart_warning

PLUS_7 = dt.timezone(dt.timedelta(hours=7))


def error(value) -> str:
    with pytest.raises(DateError) as caught:
        parse_date(value)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Day first, as authors write it.
        ("05/07/2025", dt.datetime(2025, 7, 5)),
        ("5/7/2025", dt.datetime(2025, 7, 5)),
        ("05-07-2025", dt.datetime(2025, 7, 5)),
        ("05.07.2025", dt.datetime(2025, 7, 5)),
        ("31/12/2024", dt.datetime(2024, 12, 31)),
        ("29/02/2024", dt.datetime(2024, 2, 29)),
        ("15/07/2025 08:30", dt.datetime(2025, 7, 15, 8, 30)),
        ("15/07/2025 8:30", dt.datetime(2025, 7, 15, 8, 30)),
        ("15/07/2025 08:30:45", dt.datetime(2025, 7, 15, 8, 30, 45)),
        ("15/07/2025, 08:30", dt.datetime(2025, 7, 15, 8, 30)),
        ("15/07/2025 9h30", dt.datetime(2025, 7, 15, 9, 30)),
        ("15/07/2025 09h30", dt.datetime(2025, 7, 15, 9, 30)),
        ("15/07/2025 23:59:59", dt.datetime(2025, 7, 15, 23, 59, 59)),
        ("15/07/2025 00:00", dt.datetime(2025, 7, 15)),
        # Time first, as legacy portals print it.
        ("09:00 27/05/2024", dt.datetime(2024, 5, 27, 9, 0)),
        ("9h30 27/05/2024", dt.datetime(2024, 5, 27, 9, 30)),
        ("14:05:10 1/6/2024", dt.datetime(2024, 6, 1, 14, 5, 10)),
        # ISO, year first.
        ("2024-02-29", dt.datetime(2024, 2, 29)),
        ("2024-5-7", dt.datetime(2024, 5, 7)),  # year first cannot be misread
        ("2024-05-27 09:00", dt.datetime(2024, 5, 27, 9, 0)),
        ("2024-05-27 09:00:05", dt.datetime(2024, 5, 27, 9, 0, 5)),
        ("2024-05-27T09:00", dt.datetime(2024, 5, 27, 9, 0)),
        ("2024-05-27T09:00:05", dt.datetime(2024, 5, 27, 9, 0, 5)),
        ("  2024-05-27 09:00 \n", dt.datetime(2024, 5, 27, 9, 0)),
        ("1900-01-01", dt.datetime(1900, 1, 1)),
        ("2100-12-31", dt.datetime(2100, 12, 31)),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text) == expected
    assert parse_date(text).tzinfo is None


def test_iso_with_offset_is_aware():
    assert parse_date("2024-05-27T09:00:00+07:00") == dt.datetime(2024, 5, 27, 9, tzinfo=PLUS_7)
    assert parse_date("2024-05-27 09:00+07:00").utcoffset() == dt.timedelta(hours=7)
    assert parse_date("2024-05-27T02:00Z") == dt.datetime(2024, 5, 27, 2, tzinfo=dt.UTC)
    assert parse_date("2024-05-27T09:00-05:30").utcoffset() == -dt.timedelta(hours=5, minutes=30)


def test_date_and_datetime_objects():
    assert parse_date(dt.date(2024, 5, 27)) == dt.datetime(2024, 5, 27)
    assert type(parse_date(dt.date(2024, 5, 27))) is dt.datetime
    aware = dt.datetime(2024, 5, 27, 9, tzinfo=PLUS_7)
    assert parse_date(aware) is aware
    naive = dt.datetime(2024, 5, 27, 9, 15)
    assert parse_date(naive) is naive


@pytest.mark.parametrize(
    "text",
    [
        "07/05/25",
        "03-05-24",
        "2024/03/05",
        "27/05-2024",
        "27/05/2024 9h30:15",
        "27/05/2024 09",
        "27/05/2024T09:00",
        "27/05/2024 09:00+07:00",
        "2024-05-27 9h30",
        "2024-05-27+07:00",
        "27 tháng 5 năm 2024",
        "May 27, 2024",
        "27/May/2024",
        "hôm qua",
        "20240527",
        "27/05/2024 sáng",
        "",
        "   ",
    ],
)
def test_unknown_forms_list_what_is_accepted(text):
    message = error(text)
    assert message.startswith(f"'{text.strip()}': ")
    assert format_expected() in message


def test_two_digit_year_gets_a_hint():
    assert error("07/05/25") == (
        "'07/05/25': năm phải viết đủ 4 chữ số, "
        "dạng 27/05/2024, 27/05/2024 09:00 hoặc 2024-05-27 09:00"
    )
    assert "năm phải viết đủ 4 chữ số" not in error("2024/03/05")


def test_format_expected():
    assert format_expected() == "dạng 27/05/2024, 27/05/2024 09:00 hoặc 2024-05-27 09:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("30/02/2024", "'30/02/2024': tháng 2 năm 2024 không có ngày 30 (tháng này có 29 ngày)"),
        ("2024-02-30", "'2024-02-30': tháng 2 năm 2024 không có ngày 30 (tháng này có 29 ngày)"),
        ("29/02/2025", "'29/02/2025': tháng 2 năm 2025 không có ngày 29 (tháng này có 28 ngày)"),
        ("31/04/2025", "'31/04/2025': tháng 4 năm 2025 không có ngày 31 (tháng này có 30 ngày)"),
        ("00/05/2024", "'00/05/2024': tháng 5 năm 2024 không có ngày 0 (tháng này có 31 ngày)"),
        ("29/02/1900", "'29/02/1900': tháng 2 năm 1900 không có ngày 29 (tháng này có 28 ngày)"),
        ("05/13/2024", "'05/13/2024': không có tháng 13 (tháng từ 1 đến 12)"),
        ("2024-13-05", "'2024-13-05': không có tháng 13 (tháng từ 1 đến 12)"),
        ("05/00/2024", "'05/00/2024': không có tháng 0 (tháng từ 1 đến 12)"),
        (
            "27/05/2024 24:00",
            "'27/05/2024 24:00': không có giờ 24:00 (giờ phải từ 00:00 đến 23:59)",
        ),
        (
            "27/05/2024 25:10",
            "'27/05/2024 25:10': không có giờ 25:10 (giờ phải từ 00:00 đến 23:59)",
        ),
        (
            "27/05/2024 09:61",
            "'27/05/2024 09:61': không có giờ 09:61 (giờ phải từ 00:00 đến 23:59)",
        ),
        ("27/05/2024 9h61", "'27/05/2024 9h61': không có giờ 09:61 (giờ phải từ 00:00 đến 23:59)"),
        (
            "2024-05-27T24:00",
            "'2024-05-27T24:00': không có giờ 24:00 (giờ phải từ 00:00 đến 23:59)",
        ),
        ("27/05/2024 09:00:61", "'27/05/2024 09:00:61': không có giây 61 (giây từ 00 đến 59)"),
        ("1899-12-31", "'1899-12-31': năm 1899 nằm ngoài khoảng cho phép (từ 1900 đến 2100)"),
        ("01/01/2101", "'01/01/2101': năm 2101 nằm ngoài khoảng cho phép (từ 1900 đến 2100)"),
        ("2024-05-27T09:00+25:00", "'2024-05-27T09:00+25:00': không có múi giờ +25:00"),
    ],
)
def test_impossible_dates_say_why(text, message):
    assert error(text).startswith(message)


def test_year_is_checked_before_the_day():
    # 30/02/1800: the year is the typo to report, not February.
    assert "năm 1800" in error("30/02/1800")


def test_objects_out_of_range_and_other_types():
    assert error(dt.date(1024, 5, 27)).startswith("'1024-05-27': năm 1024 nằm ngoài")
    assert error(dt.datetime(2204, 5, 27, 9)).startswith("'2204-05-27 09:00:00': năm 2204")
    assert error(2024).startswith("'2024': không phải ngày")
    assert error(None).startswith("'None': không phải ngày")


def test_date_error_is_a_value_error_with_parts():
    with pytest.raises(ValueError) as caught:
        parse_date("30/02/2024")
    assert caught.value.text == "30/02/2024"
    assert caught.value.reason == "tháng 2 năm 2024 không có ngày 30 (tháng này có 29 ngày)"


@pytest.mark.parametrize(
    ("date", "year", "expected"),
    [
        (
            dt.datetime(2016, 5, 15, 9),
            2023,
            "ngày đăng 15/05/2016 cách năm thi đua 2023 hơn một năm; "
            "hãy kiểm tra lại date: hoặc year:",
        ),
        (
            dt.date(2025, 1, 2),
            2023,
            "ngày đăng 02/01/2025 cách năm thi đua 2023 hơn một năm; "
            "hãy kiểm tra lại date: hoặc year:",
        ),
        (dt.datetime(2022, 1, 1), 2023, None),
        (dt.datetime(2023, 6, 1), 2023, None),
        (dt.datetime(2024, 12, 31), 2023, None),
    ],
)
def test_years_apart_warning(date, year, expected):
    assert years_apart_warning(date, year) == expected
