"""'Did you mean …?' suggestions for misspelt slugs and values.

Authors type a cluster the way staff name it ("Cụm thi đua số 2", "cụm 2",
"khối 02") as often as by its slug, so a cluster is also looked for by its kind
and number (compared by value: "02" = "2" = "II"), narrowed by the agency or
province words typed with it. Several agencies may have a "Cụm số 2": then
every one is offered, each with its agency, never one picked at random.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from . import vietnamese
from .messages import join_or
from .model import Cluster

_KIND_NUMBER = re.compile(
    r"(?:^|-)(?P<kind>cum|khoi)(?:-thi-dua)?(?:-so)?-(?P<number>\d{1,3}|[ivxlc]{1,7})(?=-|$)"
)
_KINDS = {"cum": "cụm", "khoi": "khối"}
# Words every cluster name or agency has: they tell no cluster from another.
_NAME_WORDS = {"cum", "khoi", "thi", "dua", "so", "vks", "vksnd", "tinh", "huyen"}


def nearest(value: object, choices: Iterable[object]) -> str | None:
    """The closest valid choice to `value`, quoted for a message, or None."""
    options = [str(c) for c in choices]
    if not options:
        return None
    text = str(value)
    close = difflib.get_close_matches(text, options, n=1, cutoff=0.5)
    if close:
        return f"'{close[0]}'"
    # Prefer a choice sharing the number the author typed ('khoi-2' ~ 'khoi-02').
    digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0")
    if digits:
        for option in options:
            if digits in option:
                return f"'{option}'"
    return None


def matching_clusters(value: str, clusters: Iterable[Cluster]) -> list[Cluster]:
    """The clusters `value` most likely means: by kind and number, else by spelling.

    "Cụm thi đua số 2", "cụm 2", "cum-02" mean every cụm numbered 2; agency or
    province words typed with them ("… VKSND tỉnh Đắk Nông") narrow the list.
    """
    clusters = list(clusters)
    typed = vietnamese.slugify(value)
    match = _KIND_NUMBER.search(typed)
    number = vietnamese.cluster_number_value(match["number"]) if match else None
    if match is None or number is None:
        named = [
            c
            for c in clusters
            if typed in (vietnamese.slugify(c.name), vietnamese.slugify(c.full_name))
        ]
        close = nearest(typed, [c.slug for c in clusters])
        return named or [c for c in clusters if close == f"'{c.slug}'"]
    found = [c for c in clusters if vietnamese.cluster_number_value(c.number) == number]
    words = set(typed.replace(match[0].strip("-"), " ").replace("-", " ").split()) - _NAME_WORDS
    if words:  # agency or province words decide first: "cụm 02 Bắc Giang" is its khối 02
        scores = {c.slug: len(words & _words_of(c)) for c in found}
        best = max(scores.values(), default=0)
        if best:
            found = [c for c in found if scores[c.slug] == best]
    same_kind = [c for c in found if c.kind == _KINDS[match["kind"]]]
    return same_kind or found


def _words_of(cluster: Cluster) -> set[str]:
    text = f"{cluster.slug} {cluster.agency} {cluster.province}"
    return set(vietnamese.slugify(text).split("-")) - _NAME_WORDS


def cluster_suggestion(value: str, clusters: Iterable[Cluster]) -> str | None:
    """Each matching cluster as 'slug' (full name, with its agency), or None when none match."""
    found = sorted(matching_clusters(value, clusters), key=lambda c: c.slug)
    return join_or([f"'{c.slug}' ({c.full_name})" for c in found]) or None
