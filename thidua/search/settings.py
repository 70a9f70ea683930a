"""Settings of the site search step, with their defaults.

Every value can be set in ``pelicanconf.py``; the theme reads ``SEARCH_URL``
(the search page) and ``SEARCH_BUNDLE_DIR`` (where ``pagefind.js`` is served).
"""

from __future__ import annotations

DEFAULTS: dict[str, object] = {
    # Build the search index at all. False: no index, the search page shows its
    # no-JavaScript fallback (links to the archive, clusters and units).
    "SEARCH_INDEX": True,
    # Folder of the newest Pagefind bundle inside the output, which the search page
    # loads; its bundles.json lists the others, beside it (pagefind-2024/, …).
    "SEARCH_BUNDLE_DIR": "pagefind",
    # Language every page is indexed as (ISO 639-1); None lets Pagefind read <html lang>.
    "SEARCH_LANGUAGE": "vi",
    # Index a copy of each page's words without diacritics, so "dak nong" finds
    # "Đắk Nông" (Pagefind folds tone marks itself but keeps đ apart from d).
    "SEARCH_FOLD_DIACRITICS": True,
    # Most reports in one Pagefind bundle. Reports go into one bundle a year of
    # publication; a year with more is cut into parts of this many (oldest first).
    # Pagefind keeps a whole bundle in memory (about 170 kB a report): 2,000 keeps
    # a build under 512 MiB.
    "SEARCH_CHUNK_SIZE": 2000,
    # Seconds Pagefind may run before the build is failed.
    "SEARCH_TIMEOUT": 300,
    # Keep Pagefind's ready-made UI bundles (about 400 KB); the theme's own
    # search.js uses only the search API (pagefind.js), so they go by default.
    "SEARCH_KEEP_PAGEFIND_UI": False,
}


def get(settings: dict, name: str):
    """A search setting: the site's value, else the default."""
    return settings.get(name, DEFAULTS[name])
