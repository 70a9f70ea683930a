"""Full-text site search, built with Pagefind over the finished HTML.

``tools/build.py`` calls :func:`build_search_index` on the staging folder once
Pelican has written every page; a failure raises, so the build fails and the
old output stays in place. Nothing is fetched from the network: the binary
comes from the ``pagefind[extended]`` wheel.

What is indexed is what the templates mark: ``data-pagefind-body`` on an
article's main content, ``data-pagefind-ignore`` inside it for what must not
be searched, ``data-pagefind-filter`` (cluster, year, event) and
``data-pagefind-meta`` (date, cluster) for the results page. Words typed
without diacritics are matched through a folded copy of each page's words
(see ``folding``); ``theme/static/js/search.js`` ranks exact matches first.

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
``SEARCH_EXCLUDE_SELECTORS = []``
    Extra CSS selectors never indexed.
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


def build_search_index(site_dir: Path, settings: dict) -> IndexSummary | None:
    """Write the Pagefind bundle into `site_dir`; None when SEARCH_INDEX is off."""
    if not search_settings.get(settings, "SEARCH_INDEX"):
        log.info("sitesearch: SEARCH_INDEX is off, no search index built")
        return None
    summary = run_pagefind(Path(site_dir), settings)
    log.info("sitesearch: indexed %d pages in %.1f s", summary.pages, summary.seconds)
    return summary
