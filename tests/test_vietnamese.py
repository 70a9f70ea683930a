"""Vietnamese dates, slugs and cluster numbers, independent of the machine's locale."""

import datetime as dt

import pytest

from thidua.domain import vietnamese


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 5, 27), "Thứ hai, 27/05/2024"),
        (dt.date(2024, 3, 10), "Chủ nhật, 10/03/2024"),
        (dt.date(2023, 12, 30), "Thứ bảy, 30/12/2023"),
        (dt.date(2025, 1, 1), "Thứ tư, 01/01/2025"),
    ],
)
def test_dates_read_like_vietnamese_portals(day, expected):
    assert vietnamese.format_date(day) == expected


def test_short_date_and_time():
    moment = dt.datetime(2019, 3, 1, 7, 5)
    assert vietnamese.format_date(moment, with_weekday=False) == "01/03/2019"
    assert vietnamese.format_datetime(moment) == "Thứ sáu, 01/03/2019, 07:05"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đắk Nông", "dak-nong"),
        ("Khối thi đua số 02 – VKSND tỉnh Bắc Giang", "khoi-thi-dua-so-02-vksnd-tinh-bac-giang"),
        ("VKSND huyện Đắk R'Lấp", "vksnd-huyen-dak-rlap"),
        ("  Lễ ký kết giao ước thi đua năm 2024!  ", "le-ky-ket-giao-uoc-thi-dua-nam-2024"),
        ("Thừa Thiên Huế", "thua-thien-hue"),
    ],
)
def test_slugs_drop_diacritics_and_keep_d(text, slug):
    assert vietnamese.slugify(text) == slug


def test_strip_diacritics_keeps_case():
    assert vietnamese.strip_diacritics("Giao ước thi đua Đắk Nông") == "Giao uoc thi dua Dak Nong"


@pytest.mark.parametrize(("number", "value"), [("1", 1), ("02", 2), ("III", 3), ("xii", 12)])
def test_cluster_numbers_as_written(number, value):
    assert vietnamese.cluster_number_value(number) == value


def test_not_a_cluster_number():
    assert vietnamese.cluster_number_value("số hai") is None
    assert vietnamese.roman_to_int("IIII") is None
