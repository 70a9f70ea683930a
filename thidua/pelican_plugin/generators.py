"""The page kinds of the portal: clusters, units, events, years and the archive.

Generators only render: every page reads the maps built once by
`thidua.domain.index.build_index` in the enrichment step; URLs and file names
come from the *_URL / *_SAVE_AS settings.
"""

from __future__ import annotations

import logging
import os

from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

from thidua import settings as plugin_settings
from thidua.domain.index import EmulationIndex
from thidua.domain.model import Cluster

from . import contents
from .listing import listed_files
from .reader import reader_cache
from .state import state_of

log = logging.getLogger(__name__)


class EmulationPagesGenerator(Generator):
    """Writes the emulation page kinds from the index the enrichment step put in the context."""

    def generate_context(self) -> None:
        """Nothing to read: everything comes from `enrich` (after all content is read)."""

    def _setting(self, name: str):
        return plugin_settings.get(self.settings, name)

    # -- output ---------------------------------------------------------------

    def generate_output(self, writer) -> None:
        index: EmulationIndex = self.context["emulation"]
        self._write_cluster_pages(writer, index)
        self._write_unit_pages(writer, index)
        self._write_event_pages(writer, index)
        self._write_year_pages(writer, index)

    def _write(self, writer, template, save_as_key, url_key, url_values=None, paginated=None,
               **values) -> None:  # fmt: skip
        """Render one page kind; paginated through Pelican's paginator when a list is given."""
        save_as = self._setting(save_as_key).format(**(url_values or {}))
        url = self._setting(url_key).format(**(url_values or {}))
        if not save_as:
            return
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            self.settings["RELATIVE_URLS"],
            paginated={"articles": paginated} if paginated is not None else None,
            template_name=template,
            url=url,
            page_url=url,
            **values,
        )

    def _write_cluster_pages(self, writer, index: EmulationIndex) -> None:
        self._write(writer, "clusters", "CLUSTER_INDEX_SAVE_AS", "CLUSTER_INDEX_URL")
        for cluster in self.context["clusters"]:
            articles = index.by_cluster.get(cluster.slug, [])
            self._write(
                writer, "cluster", "CLUSTER_SAVE_AS", "CLUSTER_URL", paginated=articles,
                url_values={"slug": cluster.slug}, cluster=cluster,
                cluster_articles=articles,
                year_counts={term.year: index.count(cluster, term.year) for term in cluster.terms},
                feed_url=cluster.feed_url,
            )  # fmt: skip
            for term in cluster.terms:
                year_articles = index.by_cluster_year.get((cluster.slug, term.year), [])
                self._write(
                    writer, "cluster_year", "CLUSTER_YEAR_SAVE_AS", "CLUSTER_YEAR_URL",
                    url_values={"slug": cluster.slug, "year": term.year},
                    cluster=cluster, term=term, year=term.year, year_articles=year_articles,
                    feed_url=cluster.feed_url,
                )  # fmt: skip
            self._write_cluster_feed(writer, cluster, articles)

    def _write_cluster_feed(self, writer, cluster: Cluster, articles: list) -> None:
        path = self._setting("CLUSTER_FEED_ATOM")
        if not path or not articles:
            return
        writer.write_feed(
            articles[: self.settings.get("FEED_MAX_ITEMS") or None],
            self.context,
            path.format(slug=cluster.slug),
            cluster.feed_url,
            feed_title=cluster.full_name,
        )

    def _write_unit_pages(self, writer, index: EmulationIndex) -> None:
        self._write(writer, "units", "UNIT_INDEX_SAVE_AS", "UNIT_INDEX_URL")
        for unit in self.context["emulation_units"]:
            articles = index.by_unit.get(unit.slug, [])
            self._write(
                writer, "unit", "UNIT_SAVE_AS", "UNIT_URL", paginated=articles,
                url_values={"slug": unit.slug}, unit=unit, unit_articles=articles,
            )  # fmt: skip

    def _write_event_pages(self, writer, index: EmulationIndex) -> None:
        for event in self.context["emulation_events"]:
            self._write(
                writer, "event", "EVENT_SAVE_AS", "EVENT_URL",
                paginated=index.by_event.get(event.slug, []),
                url_values={"slug": event.slug}, event=event,
            )  # fmt: skip

    def _write_year_pages(self, writer, index: EmulationIndex) -> None:
        clusters = self.context["clusters"]
        self._write(writer, "archives", "EMULATION_ARCHIVE_SAVE_AS", "EMULATION_ARCHIVE_URL")
        for year in index.years:
            groups = [
                (cluster, index.by_cluster_year[(cluster.slug, year)])
                for cluster in clusters
                if index.by_cluster_year.get((cluster.slug, year))
            ]
            self._write(
                writer, "year", "EMULATION_YEAR_SAVE_AS", "EMULATION_YEAR_URL",
                url_values={"year": year}, year=year, groups=groups,
                year_articles=index.by_year.get(year, []),
            )  # fmt: skip


class _InPathOrder:
    """Pelican lists a generator's files as a set, and reads them in its order, which
    follows the process's hash seed: articles of the same date (pages of the same file
    name: every `index.md`) were listed in another order by each build of the same
    content. Read in path order, Pelican's sorts, which keep ties in reading order,
    give one order. The files come from the build's listing when it has one
    (`listing.listed_files`), else from Pelican's walk."""

    def get_files(self, paths, exclude=None, extensions=None) -> list[str]:
        listed = listed_files(self, paths, exclude, extensions)
        if listed is None:
            listed = super().get_files(paths, exclude, extensions)
        return sorted(listed)


class PortalPagesGenerator(_InPathOrder, PagesGenerator):
    """Pelican's pages generator, reading in path order."""


class PortalArticlesGenerator(_InPathOrder, ArticlesGenerator):
    """Pelican's articles generator, with the tag and author pages' lists made in linear
    time (Pelican 4.12 tests every dated article against every tag's list: quadratic,
    seconds at 10,000 articles), no work for a page kind that is not written, articles
    made as `contents.Article` (see there) and read in path order."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        read_file = self.readers.read_file

        def read_article(*args, content_class=None, **kwargs):
            return read_file(*args, content_class=contents.Article, **kwargs)

        self.readers.read_file = read_article
        self._named: dict = {}  # the tags, authors and categories of kept articles

    # -- content objects kept whole between builds (`reader_cache.ReaderCache.content`) --

    def get_cached_data(self, filename, default=None):
        """Pelican asks before reading each file: the article kept from the last build for
        these very bytes, its settings and context those of this build."""
        cache = reader_cache(self.settings)
        if cache is None:
            return default
        path = os.path.abspath(os.path.join(self.path, filename))
        shared = {"settings": self.settings, "context": self.context}
        article = cache.content(path, shared, self._named)
        if article is None:
            return default
        state_of(self.settings).register(path, article.front_matter)  # as the reader does
        return article

    def cache_data(self, filename, data) -> None:
        """Pelican offers each article it made and found valid, before the enrichment."""
        cache = reader_cache(self.settings)
        fields = getattr(data, "front_matter", None)  # None: another plugin's reader read it
        if cache is None or fields is None or fields.problems:  # a problem is read again
            return
        shared = {id(self.settings): "settings", id(self.context): "context"}
        cache.put_content(data.source_path, data, shared)

    def check_disabled_readers(self) -> None:
        """Pelican walks the articles' folders again to warn about files of a disabled
        reader: with none disabled there is nothing to find."""
        if self.readers.disabled_extensions:
            super().check_disabled_readers()

    def generate_tags(self, write) -> None:
        if self.settings.get("TAG_SAVE_AS"):
            self._write_groups(write, "tag", self.tags.items())

    def generate_authors(self, write) -> None:
        if self.settings.get("AUTHOR_SAVE_AS"):
            self._write_groups(write, "author", self.authors)

    def _write_groups(self, write, kind: str, groups) -> None:
        template = self.get_template(kind)
        for group, articles in groups:
            members = {id(article) for article in articles}
            dates = [article for article in self.dates if id(article) in members]
            write(group.save_as, template, self.context, url=group.url, articles=articles,
                  dates=dates, template_name=kind, blog=True, page_name=group.page_name,
                  all_articles=self.articles, **{kind: group})  # fmt: skip
