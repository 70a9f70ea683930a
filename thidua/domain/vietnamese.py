"""Vietnamese text helpers shared by the portal's plugins.

Dates, slugs and cluster numbers are formatted here without the machine's
locale (there is no vi_VN locale on the build machines), so every plugin and
template shows them the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def weekday_name(day: dt.date) -> str:
    """'Thứ hai' … 'Chủ nhật' for a date."""
    return WEEKDAYS[day.weekday()]


def format_date(value: dt.date, with_weekday: bool = True) -> str:
    """'Thứ hai, 27/05/2024', or '27/05/2024' without the weekday."""
    short = f"{value.day:02d}/{value.month:02d}/{value.year}"
    return f"{weekday_name(value)}, {short}" if with_weekday else short


def format_datetime(value: dt.datetime) -> str:
    """'Thứ hai, 27/05/2024, 09:00'."""
    return f"{format_date(value)}, {value.hour:02d}:{value.minute:02d}"


def strip_diacritics(text: str) -> str:
    """'Đắk Nông' -> 'Dak Nong': drop tone and vowel marks, map đ/Đ to d/D."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str) -> str:
    """ASCII slug for URLs: 'Khối thi đua số 02 – Đắk Nông' -> 'khoi-thi-dua-so-02-dak-nong'."""
    ascii_text = strip_diacritics(str(text)).lower()
    ascii_text = re.sub(r"['’`]", "", ascii_text)  # Đắk R'Lấp -> dak-rlap
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def roman_to_int(numeral: str) -> int | None:
    """'III' -> 3; None when the text is not a Roman numeral."""
    numeral = numeral.strip().upper()
    if not numeral or not _ROMAN_RE.match(numeral):
        return None
    total, rest = 0, numeral
    for value, symbol in _ROMAN:
        while rest.startswith(symbol):
            total, rest = total + value, rest[len(symbol) :]
    return total


def cluster_number_value(number: str) -> int | None:
    """Numeric value of a cluster number as written: '1', '02', 'III' -> 1, 2, 3.

    Used to sort clusters in reading order whatever way the number is written.
    """
    number = str(number).strip()
    if number.isdigit():
        return int(number)
    return roman_to_int(number)


def sort_key(text: str) -> tuple[str, str]:
    """Sort Vietnamese names alphabetically, diacritics as a tie-breaker."""
    return (strip_diacritics(text).casefold(), text)


# The words that name each event in a title. When a title names two ("Tổng kết
# năm 2024 và ký kết giao ước năm 2025"), the one written first is the event.
EVENT_WORDS: dict[str, tuple[str, ...]] = {
    "ky-ket": ("ký kết", "ký giao ước", "giao ước"),
    "trien-khai": ("triển khai",),
    "so-ket": ("sơ kết",),
    "tong-ket": ("tổng kết",),
    "giao-luu": ("giao lưu",),
}


def event_in_title(title: str) -> str | None:
    """The event a title names ('… sơ kết …' -> 'so-ket'), or None when it names none."""
    folded = f" {slugify(title).replace('-', ' ')} "
    found = []
    for slug, words in EVENT_WORDS.items():
        for word in words:
            at = folded.find(f" {slugify(word).replace('-', ' ')} ")
            if at >= 0:
                found.append((at, slug))
    return min(found)[1] if found else None
