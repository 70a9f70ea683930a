"""Corrections to pelican-sitemap's global state (it is used, not rewritten, here).

pelican-sitemap keeps one generator object for the whole process: it writes only
for the first build it saw, and it dates every listing page with the clock time
of its import. A stopped build would leave every later build in the process
(``make serve``, the tests) without a sitemap, and no two builds of the same
content would be identical. Each build starts it afresh, and listing pages are
dated by the newest content instead of the clock.

Its dates are written by `format_date`, which calls ``strftime`` on Pelican's
dates: Pelican's own ``strftime`` (made for localised formats, tens of
microseconds a call), twice for each of the site's pages. `fast_format_date`
writes the same text with Python's ``strftime``: its two formats hold nothing
localised.
"""

from __future__ import annotations

import datetime as dt
import sys


def _generator():
    module = sys.modules.get("pelican.plugins.sitemap.sitemap")
    return getattr(module, "generator", None)


def start_build() -> None:
    generator = _generator()
    if generator is not None:
        generator._main_pelican = None
        generator.page_queue = []
        module = sys.modules["pelican.plugins.sitemap.sitemap"]
        if module.format_date is not fast_format_date:
            module.format_date = fast_format_date


def fast_format_date(date: dt.datetime) -> str:
    """pelican-sitemap's `format_date`, with `datetime.strftime` itself for any subclass."""
    if date.tzinfo:
        zone = dt.datetime.strftime(date, "%z")
        zone = zone[:-2] + ":" + zone[-2:]
    else:
        zone = "-00:00"
    return dt.datetime.strftime(date, "%Y-%m-%dT%H:%M:%S") + zone


def date_listings_by(contents: list) -> None:
    """Listing pages get the date of the newest (or newest modified) content."""
    generator = _generator()
    if generator is None:
        return
    stamps = [getattr(c, "modified", None) or getattr(c, "date", None) for c in contents]
    stamps = [s for s in stamps if s is not None]
    generator.now = max(stamps, default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
