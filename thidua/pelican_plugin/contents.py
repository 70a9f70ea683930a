"""The content objects Pelican's generators hold, by kind, each object once."""

from __future__ import annotations

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
