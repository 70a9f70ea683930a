"""The photo library ("Thư viện ảnh"): every gallery, newest first, by year and by cluster.

Albums are the published articles with a gallery, filed by emulation year and
cluster (``article.emulation``, set by the enrichment step).
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


@dataclass
class FilterLink:
    label: str
    url: str
    count: int
    current: bool = False


@dataclass
class LibraryView:
    """What photo_library.html shows above the list: headings and the filter links."""

    title: str
    url: str
    all_url: str
    label: str = ""  # the filter ("Năm 2024", a cluster's name); empty on the whole library
    years: list[FilterLink] = field(default_factory=list)
    clusters: list[FilterLink] = field(default_factory=list)
    current_all: bool = False


def album_year(article) -> int:
    """The year an album is filed under: the emulation year."""
    return article.emulation.year


def album_cluster(article):
    return article.emulation.cluster


def cluster_label(cluster) -> str:
    return str(
        getattr(cluster, "display_name", None) or getattr(cluster, "name", None) or cluster.slug
    )


def library_url(settings: dict, cluster=None, year=None) -> str:
    """Site-relative URL of the library, or of its page for one cluster or one year."""
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
        self.albums: list = []
        self.by_year: dict[int, list] = {}
        self.by_cluster: dict[str, tuple[object, list]] = {}

    def generate_context(self) -> None:
        """Nothing to read: albums are gathered when writing, after the enrichment step."""

    def _gather(self) -> None:
        albums = [a for a in self.context.get("articles", []) if a.gallery.photos]
        self.albums = sorted(albums, key=lambda a: a.date, reverse=True)
        for article in self.albums:
            self.by_year.setdefault(album_year(article), []).append(article)
            cluster = album_cluster(article)
            if cluster is not None and getattr(cluster, "slug", None):
                self.by_cluster.setdefault(cluster.slug, (cluster, []))[1].append(article)

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

    def view(self, url: str, title: str, year=None, cluster=None) -> LibraryView:
        s = self.settings
        years = [
            FilterLink(f"Năm {y}", library_url(s, year=y), len(a), current=y == year)
            for y, a in sorted(self.by_year.items(), reverse=True)
        ]
        clusters = [
            FilterLink(
                cluster_label(c),
                library_url(s, cluster=c),
                len(a),
                current=cluster is not None and c.slug == cluster.slug,
            )
            for c, a in sorted(
                self.by_cluster.values(),
                key=lambda item: _natural(cluster_label(item[0])),
            )
        ]
        if cluster is not None:
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
            current_all=year is None and cluster is None,
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


def _natural(text: str) -> list:
    plain = vietnamese.strip_diacritics(text).casefold()
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", plain)]
