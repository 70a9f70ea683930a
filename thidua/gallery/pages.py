"""The photo library ("Thư viện ảnh"): every gallery, newest first, by year, by cluster
and by both at once.

Albums are the published articles with a gallery, filed by emulation year and
cluster (``article.emulation``, set by the enrichment step). Every filter is a
page of its own (plain links, no JavaScript): ``thu-vien-anh/nam/2024/``,
``thu-vien-anh/cum/<slug>/`` and ``thu-vien-anh/nam/2024/cum/<slug>/``; a
filter link keeps the other filter chosen.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from pelican.generators import Generator

from thidua.domain import vietnamese

from .settings import apply_defaults

log = logging.getLogger(__name__)

TEMPLATE = "photo_library"
TITLE = "Thư viện ảnh"

# The year-and-cluster pages (beside the settings of settings.DEFAULTS).
YEAR_CLUSTER_DEFAULTS = {
    "PHOTO_LIBRARY_YEAR_CLUSTER_URL": "thu-vien-anh/nam/{year}/cum/{slug}/",
    "PHOTO_LIBRARY_YEAR_CLUSTER_SAVE_AS": "thu-vien-anh/nam/{year}/cum/{slug}/index.html",
}


@dataclass
class FilterLink:
    label: str
    url: str
    count: int
    current: bool = False


@dataclass
class FilterGroup:
    """Cluster links of one supervising agency."""

    agency: str
    links: list[FilterLink] = field(default_factory=list)


@dataclass
class LibraryView:
    """What photo_library.html shows above the list: headings and the filter links."""

    title: str
    url: str
    all_url: str
    label: str = ""  # the filter ("Năm 2024", a cluster's name, both); empty on the whole library
    years: list[FilterLink] = field(default_factory=list)
    clusters: list[FilterLink] = field(default_factory=list)
    cluster_groups: list[FilterGroup] = field(default_factory=list)
    current_all: bool = False
    year: int | None = None
    cluster: object = None
    all_years: FilterLink | None = None  # "every year", keeping the cluster chosen
    all_clusters: FilterLink | None = None  # "every cluster", keeping the year chosen
    count: int = 0  # albums on this filter, all pages together


def album_year(article) -> int:
    """The year an album is filed under: the emulation year."""
    return article.emulation.year


def album_cluster(article):
    return article.emulation.cluster


def cluster_label(cluster) -> str:
    return str(
        getattr(cluster, "display_name", None) or getattr(cluster, "name", None) or cluster.slug
    )


def _setting(settings: dict, name: str) -> str:
    return settings.get(name, YEAR_CLUSTER_DEFAULTS.get(name, ""))


def library_url(settings: dict, cluster=None, year=None) -> str:
    """Site-relative URL of the library, or of its page for a cluster, a year or both."""
    if cluster is not None and year is not None:
        return _setting(settings, "PHOTO_LIBRARY_YEAR_CLUSTER_URL").format(
            slug=cluster.slug, year=year
        )
    if cluster is not None:
        return settings["PHOTO_LIBRARY_CLUSTER_URL"].format(slug=cluster.slug)
    if year is not None:
        return settings["PHOTO_LIBRARY_YEAR_URL"].format(year=year)
    return settings["PHOTO_LIBRARY_URL"]


class PhotoLibraryGenerator(Generator):
    """Writes the library pages and places the derivatives in the output."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        apply_defaults(self.settings)
        for name, value in YEAR_CLUSTER_DEFAULTS.items():
            self.settings.setdefault(name, value)
        self.albums: list = []
        self.by_year: dict[int, list] = {}
        self.by_cluster: dict[str, tuple[object, list]] = {}
        self.by_year_cluster: dict[tuple[int, str], list] = {}

    def generate_context(self) -> None:
        """Nothing to read: albums are gathered when writing, after the enrichment step."""

    def _gather(self) -> None:
        albums = [a for a in self.context.get("articles", []) if a.gallery and a.gallery.photos]
        self.albums = sorted(albums, key=lambda a: a.date, reverse=True)
        for article in self.albums:
            year = album_year(article)
            self.by_year.setdefault(year, []).append(article)
            cluster = album_cluster(article)
            if cluster is not None and getattr(cluster, "slug", None):
                self.by_cluster.setdefault(cluster.slug, (cluster, []))[1].append(article)
                self.by_year_cluster.setdefault((year, cluster.slug), []).append(article)

    def generate_output(self, writer) -> None:
        self._gather()
        if not self.albums:
            return
        s = self.settings
        self._write(writer, s["PHOTO_LIBRARY_SAVE_AS"], s["PHOTO_LIBRARY_URL"], self.albums, TITLE)
        for year, articles in self.by_year.items():
            self._write(
                writer,
                s["PHOTO_LIBRARY_YEAR_SAVE_AS"].format(year=year),
                library_url(s, year=year),
                articles,
                f"{TITLE} năm {year}",
                year=year,
            )
        for slug, (cluster, articles) in self.by_cluster.items():
            self._write(
                writer,
                s["PHOTO_LIBRARY_CLUSTER_SAVE_AS"].format(slug=slug),
                library_url(s, cluster=cluster),
                articles,
                f"{TITLE}: {cluster_label(cluster)}",
                cluster=cluster,
            )
        for (year, slug), articles in self.by_year_cluster.items():
            cluster = self.by_cluster[slug][0]
            self._write(
                writer,
                s["PHOTO_LIBRARY_YEAR_CLUSTER_SAVE_AS"].format(year=year, slug=slug),
                library_url(s, cluster=cluster, year=year),
                articles,
                f"{TITLE} năm {year}: {cluster_label(cluster)}",
                year=year,
                cluster=cluster,
            )

    def _clusters_in_order(self) -> list:
        """The clusters with albums, in the order of the site's cluster lists (by agency)."""
        order = {c.slug: i for i, c in enumerate(self.context.get("clusters") or [])}
        return sorted(
            (c for c, _articles in self.by_cluster.values()),
            key=lambda c: (order.get(c.slug, len(order)), _cluster_order(c)),
        )

    def _count(self, year=None, cluster=None) -> int:
        if year is not None and cluster is not None:
            return len(self.by_year_cluster.get((year, cluster.slug), []))
        if year is not None:
            return len(self.by_year.get(year, []))
        if cluster is not None:
            return len(self.by_cluster.get(cluster.slug, (None, []))[1])
        return len(self.albums)

    def view(self, url: str, title: str, year=None, cluster=None) -> LibraryView:
        """The filter links of one library page: each keeps the other filter chosen."""
        s = self.settings
        chosen_slug = cluster.slug if cluster is not None else None
        years = [
            FilterLink(
                f"Năm {y}",
                library_url(s, year=y, cluster=cluster),
                self._count(y, cluster),
                current=y == year,
            )
            for y in sorted(self.by_year, reverse=True)
            if self._count(y, cluster)
        ]
        clusters: list[FilterLink] = []
        groups: list[FilterGroup] = []
        for c in self._clusters_in_order():
            count = self._count(year, c)
            if not count:
                continue
            link_url = library_url(s, cluster=c, year=year)
            current = c.slug == chosen_slug
            clusters.append(FilterLink(cluster_label(c), link_url, count, current))
            agency = str(getattr(c, "agency", "") or "")
            if not groups or groups[-1].agency != agency:
                groups.append(FilterGroup(agency))
            # Under its agency's heading a cluster needs only its own name.
            short = str(getattr(c, "name", "") or "") if agency else ""
            groups[-1].links.append(FilterLink(short or cluster_label(c), link_url, count, current))
        if cluster is not None and year is not None:
            label = f"Năm {year} · {cluster_label(cluster)}"
        elif cluster is not None:
            label = cluster_label(cluster)
        else:
            label = f"Năm {year}" if year is not None else ""
        return LibraryView(
            title=title,
            url=url,
            all_url=s["PHOTO_LIBRARY_URL"],
            label=label,
            years=years,
            clusters=clusters,
            cluster_groups=groups,
            current_all=year is None and cluster is None,
            year=year,
            cluster=cluster,
            all_years=FilterLink(
                "Tất cả các năm",
                library_url(s, cluster=cluster),
                self._count(None, cluster),
                current=year is None,
            ),
            all_clusters=FilterLink(
                "Tất cả cụm, khối",
                library_url(s, year=year),
                self._count(year, None),
                current=cluster is None,
            ),
            count=self._count(year, cluster),
        )

    def _write(
        self, writer, save_as: str, url: str, articles: list, title: str, year=None, cluster=None
    ) -> None:
        if not save_as:
            return
        writer.write_file(
            save_as,
            self.get_template(TEMPLATE),
            self.context,
            self.settings["RELATIVE_URLS"],
            paginated={"articles": articles},
            template_name=TEMPLATE,
            url=url,
            articles=articles,
            photo_library=self.view(url, title, year=year, cluster=cluster),
            page_name=url.rstrip("/"),
        )


def _cluster_order(cluster) -> tuple:
    """By agency, then by name in reading order ('số 2' before 'số 12')."""
    agency = str(getattr(cluster, "agency", "") or "")
    return (_natural(agency), _natural(cluster_label(cluster)))


def _natural(text: str) -> list:
    plain = vietnamese.strip_diacritics(text).casefold()
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", plain)]
