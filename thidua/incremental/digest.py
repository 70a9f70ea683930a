"""A digest of everything a page's template can see.

`PageDigests.page` hashes, for one page, the values of the names its templates
read (``templates.referenced_names``), deeply: lists item by item, objects field
by field, articles with their rendered HTML. Equal digests mean the template
gets equal input, so it writes equal bytes (the template files, the code and
the settings are in `base`, shared by every page of a build).

What it does not know how to describe (an iterator, a cycle, an object without
fields) makes the page *volatile*: rendered every time. Registry objects
(clusters, units, terms) point at each other in cycles; they are described by
their key plus one digest of the whole registry, so a registry edit renders
every page that shows any of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import os
import types
from collections import Counter
from collections.abc import Mapping
from functools import partial

from markupsafe import Markup
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from thidua.domain import model

# Back-references to the whole build: their values are in `base` (settings) or are the
# context itself, whose relevant names are hashed one by one.
# "_output_location_referenced" is a flag set by link resolving; "url" and "save_as" are
# kept once used (pelican_plugin/addresses.py) and made of the other fields.
SKIPPED_FIELDS = frozenset({"settings", "_context", "context", "_summary",
                            "_output_location_referenced", "url", "save_as"})  # fmt: skip
REGISTRY_TYPES = (model.Cluster, model.Unit, model.Term, model.Membership, model.Event,
                  model.Registry)  # fmt: skip
MISSING = b"<missing>"


class Volatile(Exception):
    """A value the digest cannot describe: the page holding it is always rendered."""


def _terminated(text: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    return b"X%d:" % len(data) + data


def registry_key(value) -> str:
    """The identity of a registry object, stable between builds."""
    if isinstance(value, model.Term):
        return f"term:{value.cluster.slug if value.cluster else ''}:{value.year}"
    if isinstance(value, model.Membership):
        return f"membership:{value.year}:{value.cluster.slug}:{value.role}"
    if isinstance(value, model.Registry):
        return "registry"
    return f"{type(value).__name__}:{value.slug}"


class PageDigests:
    """Digests of one build's values, each object hashed once (objects do not change
    once the enrichment step is over, and every hashed object is kept alive so that
    its id is not reused)."""

    def __init__(self, base: bytes, registry=None) -> None:
        self.base = base
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._registry = self._registry_digest(registry) if registry is not None else b""
        self._active: set[tuple] = set()
        self.volatile: Counter[str] = Counter()  # why pages were always rendered (for tests)

    # -- pages ------------------------------------------------------------------

    def page(self, template_name: str, names, localcontext: Mapping, bodies=True) -> str | None:
        """The digest of one page, or None when it must be rendered whatever the last build
        wrote (names unknown, or a value the digest cannot describe).

        `bodies`: whether the page's templates can read an article's HTML; when they
        cannot (a list of headlines), editing an article's text leaves the page as it is.
        """
        if names is None:
            return None
        digest = hashlib.blake2b(self.base, digest_size=20)
        digest.update(f"{template_name}\0{bodies}\0".encode())
        view = (localcontext.get("localsiteurl"), bool(bodies))
        try:
            for name in sorted(names):
                digest.update(name.encode() + b"=")
                if name in localcontext:
                    digest.update(self.value(localcontext[name], view))
                else:
                    digest.update(MISSING)
        except (Volatile, RecursionError) as why:
            self.volatile[f"{template_name}: {type(why).__name__} {why}"] += 1
            return None
        return digest.hexdigest()

    # -- values -----------------------------------------------------------------

    def value(self, value, view=(None, True)) -> bytes:
        """The digest of `value` as a page sees it: `view` is (the page's site URL, which
        resolves links inside articles; whether articles' HTML counts). Every result is
        prefix-free (tag, length or terminator), so concatenations are unambiguous."""
        kind = type(value)
        if kind is str:  # the commonest: written out, not hashed (short) or memoised
            data = value.encode("utf-8", "surrogatepass")
            if len(data) <= 64:
                return b"S%d:" % len(data) + data
        elif kind is int:
            return b"i%d;" % value
        elif value is None:
            return b"N;"
        elif kind is bool:
            return b"T;" if value else b"F;"
        key = (id(value), view)
        memo = self._memo.get(key)
        if memo is not None:
            return memo[1]
        result = self._scalar(value)
        if result is None:
            if key in self._active:  # a cycle the registry rule did not break
                raise Volatile(type(value).__name__)
            self._active.add(key)
            try:
                description = self._describe(value, view)
            finally:
                self._active.discard(key)
            result = b"#" + hashlib.blake2b(description, digest_size=20).digest()
        self._memo[key] = (value, result)  # the value is kept alive: its id stays its own
        return result

    @staticmethod
    def _scalar(value) -> bytes | None:
        if value is None or isinstance(value, bool | int | float | complex):
            return f"{type(value).__name__}:{value!r};".encode()
        if isinstance(value, str):  # Markup too: the escaping is in the code
            tag = b"K" if isinstance(value, Markup) else b"H"  # hashed: not "S<length>:"
            return tag + hashlib.blake2b(value.encode("utf-8", "surrogatepass"),
                                         digest_size=16).digest()  # fmt: skip
        if isinstance(value, bytes):
            return b"B" + hashlib.blake2b(value, digest_size=16).digest()
        if isinstance(value, dt.date | dt.time):
            zone = getattr(value, "tzinfo", None)
            return _terminated(f"{type(value).__name__}:{value.isoformat()}:{zone!r}")
        if isinstance(value, dt.timedelta | dt.tzinfo | enum.Enum):
            return _terminated(f"{type(value).__qualname__}:{value!r}")
        if isinstance(value, os.PathLike):
            return _terminated("path:" + os.fspath(value))
        if isinstance(value, types.FunctionType | types.BuiltinFunctionType | type):
            # Code: its behaviour is in `base` (the project's and the libraries' versions).
            return _terminated(f"code:{getattr(value, '__module__', '')}.{value.__qualname__}")
        return None

    def _describe(self, value, view) -> bytes:
        if isinstance(value, REGISTRY_TYPES):
            return registry_key(value).encode() + self._registry
        if isinstance(value, Content):
            return self._content(value, view)
        if isinstance(value, list | tuple):
            return b"L" + b"".join(self.value(item, view) for item in value)
        if isinstance(value, set | frozenset):
            return b"T" + b"".join(sorted(self.value(item, view) for item in value))
        if isinstance(value, Mapping):
            return b"D" + b"".join(self.value(k, view) + self.value(v, view)
                                   for k, v in value.items())  # fmt: skip
        if isinstance(value, partial):
            return (b"P" + self.value(value.func) + self.value(list(value.args), view)
                    + self.value(dict(value.keywords), view))  # fmt: skip
        if isinstance(value, URLWrapper):  # a tag or an author: lazily cached fields aside
            return _terminated(f"{type(value).__name__}:{value.name}\0{value.slug}")
        if isinstance(value, Page) and value.paginator.page(value.number).object_list == (
            value.object_list
        ):  # a page of a list: its paginator (hashed once for all its pages) and its number
            return self._fields(value, view, SKIPPED_FIELDS | {"object_list"})
        if isinstance(value, Paginator | Page) or dataclasses.is_dataclass(value):
            return self._fields(value, view)
        if type(value).__module__.startswith("thidua.") and hasattr(value, "__dict__"):
            return self._fields(value, view)
        raise Volatile(type(value).__qualname__)

    def _fields(self, value, view, skipped=SKIPPED_FIELDS) -> bytes:
        """A type and its fields (instance attributes, slots or dataclass fields)."""
        fields = dict(getattr(value, "__dict__", {}))
        for name in getattr(type(value), "__slots__", ()):
            if hasattr(value, name):
                fields[name] = getattr(value, name)
        parts = [f"{type(value).__module__}.{type(value).__qualname__}".encode()]
        encode = self.value
        for name in sorted(fields):
            if name in skipped:
                continue
            item = fields[name]
            kind = type(item)
            if kind is str and len(item) <= 64:  # the commonest field, written out here
                data = item.encode("utf-8", "surrogatepass")
                parts.append(b"%s=S%d:%s" % (name.encode(), len(data), data))
            else:
                parts.append(name.encode() + b"=" + encode(item, view))
        return b"\0".join(parts)

    def _content(self, content: Content, view) -> bytes:
        """An article or page: its fields and summary, and (when the page can read it) its
        HTML, as templates get them (links to other content resolved)."""
        siteurl, bodies = view
        if bodies:  # the headline digest, plus the HTML
            return self.value(content, (siteurl, False)) + self._html(content, view)
        shown = self.value(content.get_summary(siteurl), view)
        fields = self._fields(content, view, SKIPPED_FIELDS | {"_content"})
        return fields + b"\0" + shown

    def _html(self, content: Content, view) -> bytes:
        """The article's HTML; read as written when it holds no link for Pelican to resolve
        ({filename}, {static}, |filename|…), which is what `get_content` would return."""
        raw = content._content or ""
        if hasattr(content, "_get_content") or "{" in raw or "|" in raw:
            return self.value(content.get_content(view[0]), view)
        return self.value(raw, view)

    def _registry_digest(self, registry) -> bytes:
        """Every field of every cluster, unit and event; references by key."""
        parts = []
        for group in (registry.clusters, registry.units, registry.events):
            for key in sorted(group):
                parts.append(self._registry_fields(group[key]))
        return hashlib.blake2b(b"\0".join(parts), digest_size=20).digest()

    def _registry_fields(self, value) -> bytes:
        if isinstance(value, REGISTRY_TYPES):
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
            fields.update({k: v for k, v in vars(value).items() if k not in fields})
            parts = [registry_key(value).encode()]
            for name in sorted(fields):
                item = fields[name]
                parts.append(name.encode() + b"=" + self._registry_item(item))
            return b"\0".join(parts)
        return self.value(value)

    def _registry_item(self, item) -> bytes:
        if isinstance(item, REGISTRY_TYPES):
            if isinstance(item, model.Membership):  # owned by its unit: described in full
                return self._registry_fields(item)
            if isinstance(item, model.Term):  # owned by its cluster
                return self._registry_fields(item)
            return _terminated(registry_key(item))
        if isinstance(item, list | tuple):
            return b"L" + b"".join(self._registry_item(i) for i in item)
        if isinstance(item, Mapping):
            return b"D" + b"".join(self._registry_item(k) + self._registry_item(v)
                                   for k, v in item.items())  # fmt: skip
        return self.value(item)
