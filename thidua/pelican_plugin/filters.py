"""Jinja filters the theme uses: Vietnamese dates (JSON-LD uses Jinja's own tojson)."""

from __future__ import annotations

import datetime as dt

from thidua.domain import vietnamese


def vn_date(value: dt.date | None) -> str:
    """'Thứ hai, 27/05/2024'."""
    return vietnamese.format_date(value) if value else ""


def vn_short_date(value: dt.date | None) -> str:
    """'27/05/2024'."""
    return vietnamese.format_date(value, with_weekday=False) if value else ""


def vn_datetime(value: dt.datetime | None) -> str:
    """'Thứ hai, 27/05/2024, 09:00'."""
    return vietnamese.format_datetime(value) if value else ""


def iso_date(value: dt.date | None) -> str:
    """Machine-readable date for <time datetime>."""
    return value.isoformat() if value else ""


FILTERS = {
    "vn_date": vn_date,
    "vn_short_date": vn_short_date,
    "vn_datetime": vn_datetime,
    "iso_date": iso_date,
    "strip_diacritics": vietnamese.strip_diacritics,
}
