"""Dates as Vietnamese authors write them, read strictly.

Authors write the day first (27/05/2024), so only forms that cannot be misread
are accepted: day-first with a four-digit year, or ISO year-first. Anything else
is refused with the accepted forms, and an impossible date says exactly what is
wrong, in Vietnamese, since the message goes to the author of the article.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .messages import t

MIN_YEAR, MAX_YEAR = 1900, 2100

_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?P<tz>Z|[+-]\d{2}:\d{2})?)?"
)
# Same separator twice, so "27/05-2024" is refused rather than guessed at.
_DAY_FIRST = r"(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})"
# "09:00", "09:00:15" or "9h30"; seconds only after a colon, never "9h30:15".
_CLOCK = r"(?P<hour>\d{1,2})(?:(?P<colon>:)|[hH])(?P<minute>\d{2})(?(colon)(?::(?P<second>\d{2}))?)"
# A comma is allowed too: the portal itself prints "27/05/2024, 09:00".
_GAP = r"(?:\s*,\s*|\s+)"
_PATTERNS = (
    _ISO,
    re.compile(rf"{_DAY_FIRST}(?:{_GAP}{_CLOCK})?"),
    re.compile(rf"{_CLOCK}{_GAP}{_DAY_FIRST}"),  # legacy portals put the time first
)
_SHORT_YEAR = re.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{2}\b")


class DateError(ValueError):
    """A date an author wrote that cannot be used; str() is "'<text>': <reason>" in Vietnamese."""

    def __init__(self, text: str, reason: str):
        super().__init__(f"'{text}': {reason}")
        self.text = text
        self.reason = reason


def format_expected() -> str:
    """The accepted forms, short, for the end of a message."""
    return t("dạng 27/05/2024, 27/05/2024 09:00 hoặc 2024-05-27 09:00")


def parse_date(value) -> dt.datetime:
    """A datetime from a date, a datetime or an author's text; naive unless an offset is given."""
    if isinstance(value, dt.datetime):  # before date: a datetime is also a date
        _check_year(value.isoformat(sep=" "), value.year)
        return value
    if isinstance(value, dt.date):  # YAML reads an unquoted 2024-05-27 as a date
        _check_year(value.isoformat(), value.year)
        return dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise DateError(str(value), t("không phải ngày; hãy viết {forms}", forms=format_expected()))
    text = value.strip()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _build(text, match.groupdict())
    if not text:
        raise DateError(text, t("chưa có ngày; hãy viết {forms}", forms=format_expected()))
    if _SHORT_YEAR.match(text):  # the commonest slip gets its own, shorter message
        raise DateError(text, t("năm phải viết đủ 4 chữ số, {forms}", forms=format_expected()))
    raise DateError(
        text,
        t(
            "không đọc được ngày này; hãy viết ngày trước tháng, năm đủ 4 chữ số, {forms}",
            forms=format_expected(),
        ),
    )


def years_apart_warning(date: dt.date, emulation_year: int) -> str | None:
    """A warning when the date is more than a year from the emulation year (a likely typo)."""
    if emulation_year - 1 <= date.year <= emulation_year + 1:
        return None
    return t(
        "ngày đăng {date} cách năm thi đua {year} hơn một năm; hãy kiểm tra lại date: hoặc year:",
        date=f"{date.day:02d}/{date.month:02d}/{date.year}",
        year=emulation_year,
    )


def _build(text: str, parts: dict) -> dt.datetime:
    year, month, day = (int(parts[key]) for key in ("year", "month", "day"))
    hour, minute, second = (int(parts[key] or 0) for key in ("hour", "minute", "second"))
    _check_year(text, year)
    if not 1 <= month <= 12:
        raise DateError(text, t("không có tháng {month} (tháng từ 1 đến 12)", month=month))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(
            text,
            t(
                "tháng {month} năm {year} không có ngày {day} (tháng này có {days} ngày)",
                month=month,
                year=year,
                day=day,
                days=days,
            ),
        )
    if hour > 23 or minute > 59:
        raise DateError(
            text,
            t(
                "không có giờ {hour:02d}:{minute:02d} (giờ phải từ 00:00 đến 23:59)",
                hour=hour,
                minute=minute,
            ),
        )
    if second > 59:
        raise DateError(text, t("không có giây {second} (giây từ 00 đến 59)", second=second))
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=_zone(text, parts.get("tz")))


def _check_year(text: str, year: int) -> None:
    # Outside this range a year is a typo (2204, 1024), not an old or future article.
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(
            text,
            t(
                "năm {year} nằm ngoài khoảng cho phép (từ {low} đến {high})",
                year=year,
                low=MIN_YEAR,
                high=MAX_YEAR,
            ),
        )


def _zone(text: str, offset: str | None) -> dt.tzinfo | None:
    if offset is None:
        return None
    if offset == "Z":
        return dt.UTC
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    if hours > 14 or minutes > 59:  # real offsets run from -12:00 to +14:00
        raise DateError(
            text, t("không có múi giờ {offset} (múi giờ từ -12:00 đến +14:00)", offset=offset)
        )
    sign = -1 if offset[0] == "-" else 1
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
