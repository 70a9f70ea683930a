"""Stand-in for the emulation plugin in the gallery tests: gives articles a
``cluster`` and an ``emulation_year`` from their front matter, only when the
setting GALLERY_TEST_CLUSTERS (slug -> name) is present."""

from types import SimpleNamespace

from pelican import signals


def add_clusters(generator) -> None:
    names = generator.settings.get("GALLERY_TEST_CLUSTERS")
    if not names:
        return
    for article in generator.articles:
        slug = article.metadata.get("cluster")
        if slug in names:
            article.cluster = SimpleNamespace(
                slug=slug, name=names[slug], display_name=names[slug], url=f"cum-thi-dua/{slug}/"
            )
        if article.metadata.get("year"):
            article.emulation_year = int(article.metadata["year"])


def register() -> None:
    signals.article_generator_finalized.connect(add_clusters)
