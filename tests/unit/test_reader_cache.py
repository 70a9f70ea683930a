"""The reader cache keeps whole articles between builds: what comes back must belong to
the build that loads it, and only the bytes the build's fingerprint read are trusted."""

from __future__ import annotations

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category, Tag

from thidua.incremental.reader_cache import ReaderCache, content_digest

PATH = "/site/content/articles/2024/mot/index.md"
BYTES = b"---\ntitle: M\xe1\xbb\x99t\n---\nA.\n"


def make_article(settings: dict, context: dict) -> Article:
    metadata = {
        "title": "Một",
        "slug": "mot",
        "category": Category("tin tức", settings),
        "author": Author("Phòng Tham mưu", settings),
        "tags": [Tag("ký kết", settings), Tag("thi đua", settings)],
    }
    return Article("<p>A.</p>", metadata, settings, PATH, context)


def kept(settings: dict, context: dict) -> ReaderCache:
    cache = ReaderCache(b"key")
    cache.known[PATH] = cache.read_as[PATH] = content_digest(BYTES)
    cache.put_content(PATH, make_article(settings, context),
                      {id(settings): "settings", id(context): "context"})  # fmt: skip
    return cache


def next_build(cache: ReaderCache, known: bytes | None) -> ReaderCache:
    """The cache as the next build loads it, the fingerprint having read `known`."""
    loaded = ReaderCache(b"key")
    loaded.contents = dict(cache.contents_used)
    if known is not None:
        loaded.known[PATH] = known
    return loaded


def test_a_kept_article_gets_the_loading_builds_settings_and_context():
    first_settings, first_context = dict(DEFAULT_CONFIG), {"articles": []}
    cache = kept(first_settings, first_context)
    # The settings (hundreds of values) are not in the entry: a token stands for them.
    assert len(cache.contents_used[PATH][1]) < 2000
    settings, context, named = dict(DEFAULT_CONFIG), {"articles": ["x"]}, {}
    loaded = next_build(cache, content_digest(BYTES))
    article = loaded.content(PATH, {"settings": settings, "context": context}, named)
    assert article is not None and loaded.hits == 1
    assert article.settings is settings and article._context is context  # not copies
    assert article.author.settings is settings and article.tags[0].settings is settings
    assert article.title == "Một" and article.content == "<p>A.</p>"
    assert [tag.slug for tag in article.tags] == ["ky-ket", "thi-dua"]
    # A tag is made once a build: a second article with it shares the object.
    again = loaded.content(PATH, {"settings": settings, "context": context}, named)
    assert again is not article and again.tags[0] is article.tags[0]
    assert again.category is article.category and again.author is article.author


def test_other_bytes_or_bytes_the_fingerprint_did_not_read_are_not_served():
    settings, context = dict(DEFAULT_CONFIG), {}
    cache = kept(settings, context)
    shared = {"settings": settings, "context": context}
    assert next_build(cache, content_digest(BYTES + b"B.\n")).content(PATH, shared, {}) is None
    assert next_build(cache, None).content(PATH, shared, {}) is None  # e.g. now a link


def test_an_article_read_from_bytes_the_fingerprint_did_not_see_is_not_kept():
    """The file changed between the fingerprint and the reading: what was read is not
    the snapshot, so it is not filed under the snapshot's digest."""
    settings, context = dict(DEFAULT_CONFIG), {}
    cache = ReaderCache(b"key")
    cache.known[PATH] = content_digest(BYTES)
    cache.read_as[PATH] = content_digest(BYTES + b"changed meanwhile")
    cache.put_content(PATH, make_article(settings, context), {id(settings): "settings"})
    assert cache.contents_used == {}


def test_the_registry_is_kept_for_the_same_files_only(tmp_path):
    from thidua.domain.model import Cluster, Registry

    units, clusters = tmp_path / "units.yml", tmp_path / "clusters" / "cum-1.yml"
    cache = ReaderCache(b"key")
    cache.known = {str(units): b"u" * 20, str(clusters): b"c" * 20}
    key = cache.registry_key([units, clusters])
    assert key is not None
    assert cache.registry_key([units, tmp_path / "clusters" / "link.yml"]) is None  # not read
    cluster = Cluster(slug="cum-1", name="Cụm 1", kind="cụm", number="1", agency="VKSND")
    registry = Registry(clusters={"cum-1": cluster})
    cache.keep_registry(key, registry)
    cache.save(tmp_path / "cache")

    loaded = ReaderCache.load(tmp_path / "cache", b"key")
    loaded.known = dict(cache.known)
    again = loaded.registry(loaded.registry_key([units, clusters]))
    assert again is not None and again is not registry
    assert again.clusters["cum-1"].name == "Cụm 1"
    loaded.known[str(clusters)] = b"C" * 20  # the cluster file changed
    assert loaded.registry(loaded.registry_key([units, clusters])) is None
    assert ReaderCache.load(tmp_path / "cache", b"other code").registry_kept is None


def test_a_registry_file_changed_since_the_fingerprint_gives_another_key(tmp_path):
    """The registry is loaded from the files as they are now: when their bytes are no
    longer the fingerprint's, the key read again differs, and the registry is not filed
    (nor its pages digested) under the fingerprint's key."""
    units = tmp_path / "units.yml"
    units.write_bytes(b"- slug: vks-a\n")
    cache = ReaderCache(b"key")
    cache.known = {str(units): content_digest(units.read_bytes())}
    assert cache.registry_key([units], read_again=True) == cache.registry_key([units])
    units.write_bytes(b"- slug: vks-b\n")
    assert cache.registry_key([units], read_again=True) != cache.registry_key([units])
    units.unlink()
    assert cache.registry_key([units], read_again=True) is None
