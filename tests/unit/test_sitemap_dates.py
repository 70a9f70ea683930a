"""The sitemap's dates: our faster `format_date` writes what pelican-sitemap's writes."""

from __future__ import annotations

import datetime as dt
import importlib.util
import zoneinfo

from pelican.utils import SafeDatetime

from thidua.pelican_plugin.sitemap_state import fast_format_date


def plugins_own_format_date():
    """Read from the plugin's source: the module's attribute is replaced during builds."""
    source = importlib.util.find_spec("pelican.plugins.sitemap.sitemap").origin
    namespace: dict = {}
    with open(source, encoding="utf-8") as handle:
        exec(compile(handle.read(), source, "exec"), namespace)
    return namespace["format_date"]


def test_the_same_text_as_the_plugin_for_every_kind_of_date():
    original = plugins_own_format_date()
    hanoi = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    west = dt.timezone(dt.timedelta(hours=-3, minutes=-30))
    dates = [
        SafeDatetime(2024, 5, 27, 9, 30, tzinfo=hanoi),
        SafeDatetime(2024, 5, 27, 9, 30, 5),
        dt.datetime(2001, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=west),
        SafeDatetime(999, 12, 31, 0, 0),
    ]
    for date in dates:
        assert fast_format_date(date) == original(date), date
