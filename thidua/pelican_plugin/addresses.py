"""Each article's and page's address worked out once per build.

Pelican computes ``url`` and ``save_as`` again at every use (a format of the
settings with the date: tens of microseconds), and every list page shows
twenty of them. Once the enrichment step has fixed everything an address is
made of (slug, date, language, category), each content object gets a subclass
of its own class whose ``url`` and ``save_as`` are kept after the first use.
"""

from __future__ import annotations

import functools


@functools.cache
def _kept(cls: type) -> type:
    return type(cls.__name__, (cls,), {
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        "url": functools.cached_property(lambda self: self.get_url_setting("url")),
        "save_as": functools.cached_property(lambda self: self.get_url_setting("save_as")),
        # What both are formatted with (metadata, slugs, the source's folder): made once.
        "url_format": functools.cached_property(lambda self: cls.url_format.fget(self)),
    })  # fmt: skip


def keep_addresses(contents) -> None:
    """From now on, `contents` (Pelican articles and pages) keep their addresses."""
    for content in contents:
        if "url" in vars(type(content)) and isinstance(vars(type(content))["url"],
                                                       functools.cached_property):  # fmt: skip
            continue
        content.__class__ = _kept(type(content))
