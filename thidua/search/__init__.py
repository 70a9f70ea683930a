"""Full-text site search, built with Pagefind from records of the published reports.

The enrichment step makes one record per published report from what the build
already knows (``records``: title, text, cluster, units, captions, folded
words, filters cluster/year/event, metadata for the results page); after
Pelican has written every page, ``thidua.cli.build`` calls
:func:`build_search_index` on the staging folder. A failure raises, so the build
fails and the old output stays in place. Nothing is fetched from the network:
the binary comes from the ``pagefind[extended]`` wheel. Words typed without
diacritics match through each record's folded words (metadata ``fold``);
``theme/static/js/search.js`` ranks exact matches first.

Settings (``pelicanconf.py``), with their defaults:

``SEARCH_INDEX = True``
    Build the index. False skips it; the search page then shows its
    no-JavaScript fallback only.
``SEARCH_BUNDLE_DIR = "pagefind"``
    Folder of the bundle in the output; the search page loads
    ``{SITEURL}/{SEARCH_BUNDLE_DIR}/pagefind.js``.
``SEARCH_LANGUAGE = "vi"``
    Language all pages are indexed as; None reads each page's ``<html lang>``.
``SEARCH_FOLD_DIACRITICS = True``
    Index the diacritic-free copy of each page's words.
``SEARCH_TIMEOUT = 300``
    Seconds before a hung Pagefind fails the build.
``SEARCH_KEEP_PAGEFIND_UI = False``
    Keep Pagefind's ready-made UI bundles; the theme's search.js needs only
    the search API.
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import settings as search_settings
from .indexer import IndexSummary, SearchIndexError, run_pagefind

__all__ = ["IndexSummary", "SearchIndexError", "build_search_index"]

log = logging.getLogger(__name__)


def build_search_index(site_dir: Path, settings: dict, records: list) -> IndexSummary | None:
    """Write the Pagefind bundle of `records` into `site_dir`; None when SEARCH_INDEX is off
    or there is no report to index."""
    if not search_settings.get(settings, "SEARCH_INDEX"):
        log.info("sitesearch: SEARCH_INDEX is off, no search index built")
        return None
    if not records:
        log.info("sitesearch: no published report, no search index built")
        return None
    summary = run_pagefind(Path(site_dir), settings, records)
    log.info("sitesearch: indexed %d pages in %.1f s", summary.pages, summary.seconds)
    return summary
