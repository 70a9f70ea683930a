"""The content objects Pelican's generators hold, by kind, each object once."""

from __future__ import annotations

from pelican import contents

ARTICLE_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations")
DRAFT_LISTS = ("drafts", "drafts_translations")
PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations")
DRAFT_PAGE_LISTS = ("draft_pages", "draft_translations")


def objects(generator, names) -> list:
    """The items of the generator's lists `names`, in order, without repeats."""
    seen, found = set(), []
    for name in names:
        for item in getattr(generator, name, []) or []:
            if id(item) not in seen:
                seen.add(id(item))
                found.append(item)
    return found


def written_articles(articles_gen) -> list:
    """Every article the build writes: published, hidden, and drafts when drafts are written."""
    drafts = DRAFT_LISTS if articles_gen.settings.get("DRAFT_SAVE_AS") else ()
    return objects(articles_gen, ARTICLE_LISTS + drafts)


def written_pages(pages_gen) -> list:
    """Every page the build writes: published, hidden, and drafts when draft pages are written."""
    if pages_gen is None:
        return []
    drafts = DRAFT_PAGE_LISTS if pages_gen.settings.get("DRAFT_PAGE_SAVE_AS") else ()
    return objects(pages_gen, PAGE_LISTS + drafts)


class Article(contents.Article):
    """Pelican's article, its path relative to the content folder worked out once.

    Pelican works it out again at each of four uses a build (two `abspath`, a `relpath`:
    a tenth of a second for each thousand articles). The class keeps Pelican's name:
    the ARTICLE_* settings are looked up by it.
    """

    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        if source_path:
            return super().get_relative_source_path(source_path)
        kept = vars(self).get("_relative_source")
        if kept is None or kept[0] != self.source_path:
            kept = self._relative_source = (self.source_path, super().get_relative_source_path())
        return kept[1]
