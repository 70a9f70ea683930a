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

Every article is described on every incremental build, so the work per value is
kept small: how a type is written (its rule, name and slots) is worked out once
per type and found by ``type(value)``; an object's sorted field names once per
set of attribute names; and the fields and items themselves are written by
`marshal` in one call, plain values (str, int, float, bool, None, and lists,
tuples and dicts of them) as they are, anything else by its digest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import marshal
import os
import types
from collections import Counter
from collections.abc import Callable, Mapping
from functools import partial
from itertools import chain
from operator import itemgetter

from markupsafe import Markup
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from thidua.domain import model

# Back-references to the whole build: their values are in `base` (settings) or are the
# context itself, whose relevant names are hashed one by one.
SKIPPED_FIELDS = frozenset({"settings", "_context", "context"})
# Of an article or a page only: "_output_location_referenced" is a flag set by link
# resolving; "url", "save_as" and "url_format" are kept once used
# (pelican_plugin/addresses.py) and, like "_relative_source", made of the other fields.
# Anything else named "url" (a neighbour's link) is data of its own, and counts.
_CONTENT_FIELDS_SKIPPED = SKIPPED_FIELDS | {
    "_summary",
    "_output_location_referenced",
    "url",
    "save_as",
    "url_format",
    "_relative_source",
}
REGISTRY_TYPES = (model.Cluster, model.Unit, model.Term, model.Membership, model.Event,
                  model.Registry)  # fmt: skip
MISSING = b"<missing>"  # a name the page's context does not hold (no value starts with "<")
_ABSENT = object()

# Made once: they are part of the field-layout cache's keys (a frozenset keeps its hash).
_CONTENT_SKIPPED = _CONTENT_FIELDS_SKIPPED | {"_content"}  # the HTML: counted apart (_content)
_PAGE_SKIPPED = SKIPPED_FIELDS | {"object_list"}  # a page of a list: its paginator says
# Written by marshal exactly as they are: marshal takes these types only, not their
# subclasses (a Markup is no str to it), and the digests put beside them are bytes.
_PLAIN = frozenset({str, int, float, bool, type(None)})
_REGISTRY_FIELDS: dict[type, tuple[str, ...]] = {}  # a registry type's dataclass fields
_LABELS: dict[str, bytes] = {}  # a field name as the registry digest writes it
_MARSHAL_VERSION = 2  # no back-references (3+): equal values give equal bytes
_DIGEST = hashlib.blake2b(digest_size=20)  # copied for each description: cheaper than new
SHORT = 64  # `value`: strings up to this many bytes are written out, longer ones hashed
_SHORT_TAGS = tuple(b"S%d:" % size for size in range(SHORT + 1))  # "S<length>:"


class Volatile(Exception):
    """A value the digest cannot describe: the page holding it is always rendered."""


def _tagged(tag: bytes, text: str) -> bytes:
    """`text` after a tag and its length in bytes: prefix-free."""
    data = text.encode("utf-8", "surrogatepass")
    return b"%s%d:%s" % (tag, len(data), data)


def registry_key(value) -> str:
    """The identity of a registry object, stable between builds."""
    if isinstance(value, model.Term):
        return f"term:{value.cluster.slug if value.cluster else ''}:{value.year}"
    if isinstance(value, model.Membership):
        return f"membership:{value.year}:{value.cluster.slug}:{value.role}"
    if isinstance(value, model.Registry):
        return "registry"
    return f"{type(value).__name__}:{value.slug}"


# -- scalars: written whole, without looking inside; each kind with its own tag ---------


def _number(value) -> bytes:  # int, float, complex and their subclasses (an IntEnum)
    kind = type(value)
    return _tagged(b"n", f"{kind.__module__}.{kind.__qualname__}:{value!r}")


def _text(value) -> bytes:  # a str longer than SHORT, or a subclass other than Markup
    data = str.encode(value, "utf-8", "surrogatepass")
    return b"H" + hashlib.blake2b(data, digest_size=16).digest()


def _markup(value) -> bytes:  # not the str it equals: the escaping is in the code
    data = str.encode(value, "utf-8", "surrogatepass")
    return b"K" + hashlib.blake2b(data, digest_size=16).digest()


def _bytes(value) -> bytes:
    return b"B" + hashlib.blake2b(value, digest_size=16).digest()


def _moment(value) -> bytes:  # date, datetime (Pelican's SafeDatetime), time
    zone = getattr(value, "tzinfo", None)
    return _tagged(b"d", f"{type(value).__qualname__}:{value.isoformat()}:{zone!r}")


def _by_repr(value) -> bytes:  # timedelta, tzinfo, Enum: the repr says it all
    return _tagged(b"e", f"{type(value).__qualname__}:{value!r}")


def _path(value) -> bytes:  # the repr: a str path and a bytes path differ
    return _tagged(b"p", f"{type(value).__qualname__}:{os.fspath(value)!r}")


def _code(value) -> bytes:  # its behaviour is in `base` (the project's and libraries' versions)
    return _tagged(b"c", f"{getattr(value, '__module__', '')}.{value.__qualname__}")


def _scalar_encoder(kind: type) -> Callable[[object], bytes] | None:
    """How a value of `kind` is written whole, or None when it is described (hashed)."""
    if issubclass(kind, bool | int | float | complex):
        return _number
    if issubclass(kind, str):
        return _markup if issubclass(kind, Markup) else _text
    if issubclass(kind, bytes):
        return _bytes
    if issubclass(kind, dt.date | dt.time):
        return _moment
    if issubclass(kind, dt.timedelta | dt.tzinfo | enum.Enum):
        return _by_repr
    if issubclass(kind, os.PathLike):
        return _path
    if issubclass(kind, types.FunctionType | types.BuiltinFunctionType | type):
        return _code
    return None


def _type_name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def _slot_names(kind: type) -> tuple[str, ...]:
    """The slots of `kind` and of its bases, named as `getattr` finds them."""
    names: list[str] = []
    for klass in kind.__mro__:
        own = vars(klass).get("__slots__", ())
        for name in (own,) if isinstance(own, str) else own:
            if name in ("__dict__", "__weakref__"):
                continue
            if name.startswith("__") and not name.endswith("__"):  # private: mangled
                name = f"_{klass.__name__.lstrip('_')}{name}"
            if name not in names:
                names.append(name)
    return tuple(names)


class _Kind:
    """How values of one type are written, worked out once (`PageDigests._kind`)."""

    __slots__ = ("describe", "head", "scalar", "slots")

    def __init__(self, scalar, describe=None, head=b"", slots=()) -> None:
        self.scalar = scalar  # value -> its bytes, written whole; or None: described
        self.describe = describe  # (digests, value, view, kind) -> the bytes hashed
        self.head = head  # the description's start: a tag, often with the type's name
        self.slots = slots  # for an object described by its fields: its slot names


class PageDigests:
    """Digests of one build's values, each object hashed once (objects do not change
    once the enrichment step is over, and every hashed object is kept alive so that
    its id is not reused)."""

    def __init__(self, base: bytes, registry=None, registry_inputs: bytes | None = None) -> None:
        self.base = base
        # By view, then by id: (the value, kept alive so that its id stays its own; digest)
        self._memos: dict[tuple, dict[int, tuple[object, bytes]]] = {}
        self._active: set[tuple] = set()  # (id, view) being described: a cycle if met again
        self._kinds: dict[type, _Kind] = {}
        # (skipped names, attribute names in dict order) -> (encoded names, values getter)
        self._layouts: dict[tuple, tuple[bytes, Callable]] = {}
        self.volatile: Counter[str] = Counter()  # why pages were always rendered (for tests)
        self._heads: dict[tuple, tuple[bytes, tuple[str, ...]]] = {}  # `page`: see `_head`
        self._kept_names: list = []
        # The registry: described once, in full; or, when the digest of the files it was
        # made of is known, by that (with the code and settings in `base`, a registry is
        # a function of its files: nothing after its loading changes it, see
        # test_the_pages_see_the_registry_its_files_make).
        if registry_inputs is not None:
            self._registry = b"<inputs>" + registry_inputs
        elif registry is not None:
            self._registry = self._registry_digest(registry)
        else:
            self._registry = b""

    # -- pages ------------------------------------------------------------------

    def page(self, template_name: str, names, localcontext: Mapping, bodies=True) -> str | None:
        """The digest of one page, or None when it must be rendered whatever the last build
        wrote (names unknown, or a value the digest cannot describe).

        `bodies`: whether the page's templates can read an article's HTML; when they
        cannot (a list of headlines), editing an article's text leaves the page as it is.
        """
        if names is None:
            return None
        view = (localcontext.get("localsiteurl"), bool(bodies))
        memo = self._memos.get(view) or {}  # a value hashed before: its digest, at once
        key = (template_name, bool(bodies), id(names))
        head, ordered = self._heads.get(key) or self._head(key, names)
        parts = [head]  # then each name's value, in the head's order (each prefix-free)
        append = parts.append
        get = localcontext.get
        try:
            for name in ordered:
                value = get(name, _ABSENT)
                if value is _ABSENT:
                    append(MISSING)
                    continue
                known = memo.get(id(value))
                append(known[1] if known is not None else self.value(value, view))
        except (Volatile, RecursionError) as why:
            self.volatile[f"{template_name}: {type(why).__name__} {why}"] += 1
            return None
        digest = hashlib.blake2b(self.base, digest_size=20)
        digest.update(b"".join(parts))
        return digest.hexdigest()

    def _head(self, key: tuple, names) -> tuple[bytes, tuple[str, ...]]:
        """A page kind's template, whether bodies count, and its names in order, written
        once; the names are kept alive, so that the id in `key` stays theirs."""
        template_name, bodies, _names_id = key
        ordered = tuple(sorted(names))
        head = _tagged(b"t", template_name) + (b"B" if bodies else b"b") + b"%d:" % len(ordered)
        head += b"".join(_tagged(b"=", name) for name in ordered)
        self._heads[key] = (head, ordered)
        self._kept_names.append(names)
        return head, ordered

    # -- values -----------------------------------------------------------------

    def value(self, value, view=(None, True)) -> bytes:
        """The digest of `value` as a page sees it: `view` is (the page's site URL, which
        resolves links inside articles; whether articles' HTML counts). Every result is
        prefix-free (tag, length or terminator), so concatenations are unambiguous."""
        kind = type(value)
        if kind is str:  # the commonest: written out, not hashed or memoised
            if len(value) <= SHORT:  # (more characters than SHORT: more bytes too)
                data = value.encode("utf-8", "surrogatepass")
                if len(data) <= SHORT:
                    return _SHORT_TAGS[len(data)] + data
        elif kind is int:
            return b"i%d;" % value
        elif value is None:
            return b"N;"
        elif kind is bool:
            return b"T;" if value else b"F;"
        return self._object(value, view)

    def adopt(self, value, view, digest: bytes) -> None:
        """`digest`, made of this very object by a forked copy of this build (the same
        objects, the same code), kept as if made here: `value` is kept alive too."""
        self._memos.setdefault(view, {})[id(value)] = (value, digest)

    def _object(self, value, view) -> bytes:
        """`value` for anything but a short str, an int, None or a bool: hashed once."""
        memo = self._memos.get(view)
        if memo is None:
            memo = self._memos[view] = {}
        known = memo.get(id(value))
        if known is not None:
            return known[1]
        kind = type(value)  # the exact type: a subclass has its own rule and name
        how = self._kinds.get(kind) or self._kind(kind)
        if how.scalar is not None:
            result = how.scalar(value)
        else:
            key = (id(value), view)
            if key in self._active:  # a cycle the registry rule did not break
                raise Volatile(kind.__name__)
            self._active.add(key)
            try:
                description = how.describe(self, value, view, how)
            finally:
                self._active.discard(key)
            digest = _DIGEST.copy()
            digest.update(description)
            result = b"#" + digest.digest()
        memo[id(value)] = (value, result)
        return result

    def _kind(self, kind: type) -> _Kind:
        """How values of `kind` are written: the questions (in this order) are asked once
        per type, not once per value."""
        scalar = _scalar_encoder(kind)
        if scalar is not None:
            how = _Kind(scalar)
        elif issubclass(kind, REGISTRY_TYPES):
            how = _Kind(None, PageDigests._registry_object)
        elif issubclass(kind, Content):
            how = _Kind(None, PageDigests._content, _tagged(b"O", _type_name(kind)),
                        _slot_names(kind))  # fmt: skip
        elif kind is list or kind is tuple:  # a list and a tuple print differently
            how = _Kind(None, PageDigests._items, b"L" if kind is list else b"U")
        elif issubclass(kind, list | tuple):
            how = _Kind(None, PageDigests._items, _tagged(b"l", _type_name(kind)))
        elif issubclass(kind, set | frozenset):
            how = _Kind(None, PageDigests._set)
        elif issubclass(kind, Mapping):
            head = b"D" if kind is dict else _tagged(b"M", _type_name(kind))
            how = _Kind(None, PageDigests._mapping, head)
        elif issubclass(kind, partial):
            how = _Kind(None, PageDigests._partial)
        elif issubclass(kind, URLWrapper):
            how = _Kind(None, PageDigests._url_wrapper, _tagged(b"W", _type_name(kind)))
        elif issubclass(kind, Page | Paginator) or dataclasses.is_dataclass(kind):
            describe = PageDigests._page if issubclass(kind, Page) else PageDigests._fields
            how = _Kind(None, describe, _tagged(b"O", _type_name(kind)), _slot_names(kind))
        elif kind.__module__.startswith("thidua."):
            how = _Kind(None, PageDigests._own_object, _tagged(b"O", _type_name(kind)),
                        _slot_names(kind))  # fmt: skip
        else:
            how = _Kind(None, PageDigests._volatile)
        self._kinds[kind] = how
        return how

    # -- descriptions: the bytes hashed, each kind starting with its own tag -----------

    def _fields(self, value, view, how: _Kind, skipped=SKIPPED_FIELDS) -> bytes:
        """A type and its fields (instance attributes, slots or dataclass fields)."""
        fields = getattr(value, "__dict__", None)
        if fields is None or how.slots:
            fields = dict(fields or {})
            for name in how.slots:
                if hasattr(value, name):
                    fields[name] = getattr(value, name)
        # Keyed by the names, not the type: an instance with an attribute of its own
        # has a layout of its own.
        names = (skipped, tuple(fields))
        labels, values = self._layouts.get(names) or self._layout(names)
        return how.head + labels + self._plain(values(fields), view)

    def _layout(self, names: tuple) -> tuple[bytes, Callable]:
        """The names kept, sorted and encoded, and a getter of their values (a tuple)."""
        skipped, keys = names
        if not all(type(name) is str for name in keys):
            raise Volatile("an attribute name that is not a str")
        kept = sorted(name for name in keys if name not in skipped)
        labels = b"F%d:" % len(kept) + b"".join([_tagged(b"=", name) for name in kept])
        if len(kept) >= 2:
            values = itemgetter(*kept)  # a tuple, in one call
        else:  # itemgetter of one name returns the value alone
            values = lambda fields: tuple(fields[name] for name in kept)  # noqa: E731
        self._layouts[names] = layout = (labels, values)
        return layout

    def _plain(self, values, view) -> bytes:
        """Values in order, in one `marshal` call (what is written for each: `_written`)."""
        return marshal.dumps(self._written(values, view), _MARSHAL_VERSION)

    def _written(self, values, view, inline=True) -> list:
        """What `marshal` writes for each of `values`: a plain value as it is, and so a
        list, tuple or dict of plain values only; a list or tuple of others (`inline`:
        not inside another) as what is written for its items; anything else, its digest
        (bytes, which no plain value is). Those lists and tuples are not memoised: they
        are cheaper to write again than to hash and look up. One level only: a list in
        them goes by its digest, so a cycle of lists still meets `_object`'s check."""
        memo = self._memos.get(view) or {}  # a known digest without a call (_object makes it)
        written = []
        append = written.append
        for item in values:
            kind = type(item)
            plain = (
                kind in _PLAIN
                or ((kind is list or kind is tuple) and _PLAIN.issuperset(map(type, item)))
                or (
                    kind is dict
                    and _PLAIN.issuperset(map(type, item))
                    and _PLAIN.issuperset(map(type, item.values()))
                )
            )
            if plain:
                pass
            elif inline and kind is list:
                item = self._written(item, view, False)
            elif inline and kind is tuple:
                item = tuple(self._written(item, view, False))
            else:
                known = memo.get(id(item))
                item = known[1] if known is not None else self._object(item, view)
            append(item)
        return written

    def _items(self, value, view, how: _Kind) -> bytes:
        """A list or a tuple: its items in order."""
        return how.head + self._plain(value, view)

    def _set(self, value, view, how: _Kind) -> bytes:  # sorted: no hash-seed order
        return b"T" + b"".join(sorted([self.value(item, view) for item in value]))

    def _mapping(self, value, view, how: _Kind) -> bytes:  # in order: templates iterate it
        return how.head + self._plain(chain.from_iterable(value.items()), view)  # k, v, k…

    def _partial(self, value, view, how: _Kind) -> bytes:
        return (b"P" + self.value(value.func) + self.value(list(value.args), view)
                + self.value(dict(value.keywords), view))  # fmt: skip

    def _url_wrapper(self, value, view, how: _Kind) -> bytes:
        # A tag or an author: lazily cached fields aside, its name and slug.
        return how.head + _tagged(b":", str(value.name)) + _tagged(b":", str(value.slug))

    def _page(self, value, view, how: _Kind) -> bytes:
        if value.paginator.page(value.number).object_list == value.object_list:
            # a page of a list: its paginator (hashed once for all its pages) and number
            return self._fields(value, view, how, _PAGE_SKIPPED)
        return self._fields(value, view, how)

    def _own_object(self, value, view, how: _Kind) -> bytes:  # of a thidua class
        if hasattr(value, "__dict__"):
            return self._fields(value, view, how)
        raise Volatile(type(value).__qualname__)

    def _volatile(self, value, view, how: _Kind) -> bytes:
        raise Volatile(type(value).__qualname__)

    def _registry_object(self, value, view, how: _Kind) -> bytes:
        return _tagged(b"R", registry_key(value)) + self._registry

    def _content(self, content: Content, view, how: _Kind) -> bytes:
        """An article or page: its fields and summary, and (when the page can read it) its
        HTML, as templates get them (links to other content resolved)."""
        siteurl, bodies = view
        if bodies:  # the headline digest, plus the HTML
            return self.value(content, (siteurl, False)) + self._html(content, view)
        shown = self.value(content.get_summary(siteurl), view)
        return b"C" + shown + self._fields(content, view, how, _CONTENT_SKIPPED)

    def _html(self, content: Content, view) -> bytes:
        """The article's HTML; read as written when it holds no link for Pelican to resolve
        ({filename}, {static}, |filename|…), which is what `get_content` would return."""
        raw = content._content or ""
        if hasattr(content, "_get_content") or "{" in raw or "|" in raw:
            return self.value(content.get_content(view[0]), view)
        return self.value(raw, view)

    # -- the registry (once per build) ----------------------------------------------

    def _registry_digest(self, registry) -> bytes:
        """Every field of every cluster, unit and event; references by key."""
        parts = []
        for group in (registry.clusters, registry.units, registry.events):
            for key in sorted(group):
                parts.append(self._registry_fields(group[key]))
        return hashlib.blake2b(b"".join(parts), digest_size=20).digest()

    def _registry_fields(self, value) -> bytes:
        if isinstance(value, REGISTRY_TYPES):
            kind = type(value)
            names = _REGISTRY_FIELDS.get(kind)
            if names is None:
                names = _REGISTRY_FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
            fields = {name: getattr(value, name) for name in names}
            fields.update({k: v for k, v in vars(value).items() if k not in fields})
            parts = [_tagged(b"R", registry_key(value))]
            for name in sorted(fields):
                label = _LABELS.get(name) or _LABELS.setdefault(name, _tagged(b"=", name))
                parts.append(label)
                parts.append(self._registry_item(fields[name]))
            parts.append(b";")  # the end: a term or a membership is written inside another
            return b"".join(parts)
        return self.value(value)

    def _registry_item(self, item) -> bytes:
        if type(item) in _PLAIN:  # the commonest: a name, a year, nothing
            return self.value(item)
        if isinstance(item, REGISTRY_TYPES):
            if isinstance(item, model.Membership):  # owned by its unit: described in full
                return self._registry_fields(item)
            if isinstance(item, model.Term):  # owned by its cluster
                return self._registry_fields(item)
            return _tagged(b"r", registry_key(item))
        # Lists and dicts end with ";": a list may hold lists.
        if isinstance(item, list | tuple):
            return b"L" + b"".join([self._registry_item(i) for i in item]) + b";"
        if isinstance(item, Mapping):
            return b"D" + b"".join([self._registry_item(k) + self._registry_item(v)
                                    for k, v in item.items()]) + b";"  # fmt: skip
        return self.value(item)
