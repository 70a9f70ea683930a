"""Two corrections to pelican-sitemap's global state (it is used, not rewritten, here).

pelican-sitemap keeps one generator object for the whole process: it writes only
for the first build it saw, and it dates every listing page with the clock time
of its import. A stopped build would leave every later build in the process
(``make serve``, the tests) without a sitemap, and no two builds of the same
content would be identical. Each build starts it afresh, and listing pages are
dated by the newest content instead of the clock.
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


def date_listings_by(contents: list) -> None:
    """Listing pages get the date of the newest (or newest modified) content."""
    generator = _generator()
    if generator is None:
        return
    stamps = [getattr(c, "modified", None) or getattr(c, "date", None) for c in contents]
    stamps = [s for s in stamps if s is not None]
    generator.now = max(stamps, default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
