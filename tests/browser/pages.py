"""One address of each page type of the sample site (content/)."""

from __future__ import annotations

ARTICLE = "bai-viet/2024/cum-1-ky-ket-giao-uoc-thi-dua-2024/"
SEARCH = "tim-kiem/?q=giao+uoc+thi+dua"

# The pages the issue names for accessibility and HTML checks.
KEY_PAGES = {
    "home": "",
    "article": ARTICLE,
    "cluster": "cum-thi-dua/cum-1-vks-dak-nong/",
    "unit": "don-vi/vks-tuy-duc/",
    "year": "luu-tru/2024/",
    "photos": "thu-vien-anh/",
    "search": SEARCH,
}

# Every other kind of page a reader can reach.
OTHER_PAGES = {
    "clusters": "cum-thi-dua/",
    "cluster-year": "cum-thi-dua/cum-1-vks-dak-nong/2024/",
    "home-page-2": "trang/2/",
    "units": "don-vi/",
    "archive": "luu-tru/",
    "event": "su-kien/ky-ket/",
    "tags": "chu-de/",
    "tag": "chu-de/2024/",
    "photos-cluster": "thu-vien-anh/cum/cum-1-vks-dak-nong/",
    "photos-year-cluster": "thu-vien-anh/nam/2024/cum/cum-1-vks-dak-nong/",
    "page": "gioi-thieu/",
    "not-found": "404.html",
}

ALL_PAGES = {**KEY_PAGES, **OTHER_PAGES}


def file_of(url: str) -> str:
    """The HTML file behind a page address (without its query)."""
    path = url.split("?", 1)[0]
    return path + "index.html" if path.endswith("/") or not path else path
