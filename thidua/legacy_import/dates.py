"""Dates and times the way legacy portals print them.

"Ngày đăng: 01/03/2019", "Thứ hai, 27/05/2024", "27/05/2024 09:15",
"Cập nhật lúc 08:30 ngày 20/12/2024", "09h15 - 27/05/2024"; day before month.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DMY = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d{2})"
_YMD = r"(?P<y2>(?:19|20)\d{2})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
_WORDS = r"ngày\s+(?P<d3>\d{1,2})\s+tháng\s+(?P<m3>\d{1,2})\s+năm\s+(?P<y3>(?:19|20)\d{2})"
DATE_RE = re.compile(rf"(?<![\d/.\-])(?:{_DMY}|{_YMD}|{_WORDS})(?![\d/])", re.I)
TIME_RE = re.compile(
    r"(?<![\d/])(?P<H>[01]?\d|2[0-3])\s*(?::|h|giờ)\s*(?P<M>[0-5]\d)(?::[0-5]\d)?"
    r"(?:\s*(?P<ampm>AM|PM|SA|CH)\b)?",
    re.I,
)
_TIME_AFTER = re.compile(r"^[\s,|\-–—]*(?:lúc\s*)?(?:\(\s*)?" + TIME_RE.pattern, re.I)
_TIME_BEFORE = re.compile(TIME_RE.pattern + r"[\s,|\-–—]*(?:ngày\s*)?(?:\(\s*)?$", re.I)

WEEKDAY_RE = re.compile(r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|cn)\b", re.I)
# Words printed around a post's own date and its statistics, never article text.
_DATE_LABELS = re.compile(
    r"ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+cập\s+nhật|cập\s+nhật\s+lúc|cập\s+nhật|"
    r"thời\s+gian(?:\s+đăng)?|ngày\s+xuất\s+bản|xuất\s+bản|posted|updated|gmt\s*[+-]?\s*\d*|"
    r"(?:số\s+)?lượt\s+(?:xem|đọc)|số\s+lần\s+(?:xem|đọc)|lượt\s+truy\s+cập|views?|"
    r"\bngày\b|\blúc\b|\bgiờ\b",
    re.I,
)


@dataclass
class DateMatch:
    value: dt.datetime
    has_time: bool
    start: int
    end: int


def find_dates(text: str) -> list[DateMatch]:
    """Every valid date in `text`, with the time printed next to it when there is one."""
    found = []
    for match in DATE_RE.finditer(text):
        parts = match.groupdict()
        day = parts["d"] or parts["d2"] or parts["d3"]
        month = parts["m"] or parts["m2"] or parts["m3"]
        year = parts["y"] or parts["y2"] or parts["y3"]
        try:
            day_value = dt.date(int(year), int(month), int(day))
        except ValueError:
            continue  # 31/02 or a phone number that looked like a date
        start, end = match.span()
        time = _TIME_AFTER.match(text[end:])
        if time:
            end += time.end()
        else:
            time = _TIME_BEFORE.search(text[:start])
            if time:
                start = time.start()
        hour, minute = _clock(time) if time else (0, 0)
        value = dt.datetime(day_value.year, day_value.month, day_value.day, hour, minute)
        found.append(DateMatch(value, time is not None, start, end))
    return found


def _clock(match: re.Match) -> tuple[int, int]:
    hour, minute = int(match.group("H")), int(match.group("M"))
    ampm = (match.group("ampm") or "").upper()
    if ampm in ("PM", "CH") and hour < 12:
        hour += 12
    elif ampm in ("AM", "SA") and hour == 12:
        hour = 0
    return hour, minute


def is_date_line(text: str) -> bool:
    """A line that is only a post date, with its labels, weekday, time or view count."""
    matches = find_dates(text)
    if not matches:
        return False
    rest = text
    for match in reversed(matches):
        rest = rest[: match.start] + " " + rest[match.end :]
    rest = TIME_RE.sub(" ", WEEKDAY_RE.sub(" ", _DATE_LABELS.sub(" ", rest)))
    rest = re.sub(r"\d+", " ", rest)  # the number of views
    return sum(ch.isalpha() for ch in rest) <= 2


# A headline of another post followed by its timestamp: "Tên bài (20/03/2024)".
_PAREN_STAMP = re.compile(r"[(\[]\s*[^()\[\]]*\d{4}[^()\[\]]*[)\]]\s*$")


def is_post_stamp(text: str) -> bool:
    """A line naming some post with its date: items of 'Tin khác' lists and sidebars.

    Only a date in brackets at the end, or a date with its time at either end, counts:
    article sentences and pledge phases ("từ ngày 01/7/2024 đến 31/12/2024") have neither.
    """
    matches = find_dates(text)
    if not matches or is_date_line(text) or len(text.split()) > 60:
        return False
    first, last = matches[0], matches[-1]
    at_end = last.end >= len(text.rstrip().rstrip(")]").rstrip())
    at_start = first.start <= 2
    if at_end and _PAREN_STAMP.search(text):
        return True
    return (at_end and last.has_time) or (at_start and first.has_time)
