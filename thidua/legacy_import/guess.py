"""Guess the registry fields of an imported article from its words.

Every guess carries its evidence ("'Khối thi đua số 02' in the title") so the
archivist can check it; the article is written as a draft with those fields
marked "kiểm tra". Names are compared folded (no diacritics, no case, common
abbreviations spelt out: "VKSND" = "Viện kiểm sát nhân dân", "TP" = "thành phố").
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from thidua.domain import vietnamese
from thidua.domain.model import Cluster, Registry, Unit
from thidua.domain.suggest import nearest

from .model import BodyBlock, Guess, ImportFailed

_ABBREVIATIONS = {
    "vksnd": "vien-kiem-sat-nhan-dan",
    "vks": "vien-kiem-sat",
    "ksnd": "kiem-sat-nhan-dan",
    "tp": "thanh-pho",
    "tx": "thi-xa",
    "ubnd": "uy-ban-nhan-dan",
    "tand": "toa-an-nhan-dan",
    "kbnn": "kho-bac-nha-nuoc",
    "nhcsxh": "ngan-hang-chinh-sach-xa-hoi",
    "bql": "ban-quan-ly",
    "tccb": "to-chuc-can-bo",
    "hdtdkt": "hoi-dong-thi-dua-khen-thuong",
}
_TAG = re.compile(r"<[^<>]*>")
# Keywords of each event; the one found first in the title wins.
EVENT_WORDS: dict[str, tuple[str, ...]] = {
    "ky-ket": ("ký kết", "ký giao ước", "giao ước"),
    "trien-khai": ("triển khai", "phát động"),
    "so-ket": ("sơ kết",),
    "tong-ket": ("tổng kết",),
    "giao-luu": ("giao lưu", "trao đổi kinh nghiệm", "hội thao"),
}
EVENT_TAGS = {
    "ky-ket": "giao ước thi đua",
    "trien-khai": "triển khai",
    "so-ket": "sơ kết",
    "tong-ket": "tổng kết",
    "giao-luu": "giao lưu",
}
_MENTION = re.compile(
    r"\b(?P<kind>cụm|khối)(?P<words>\s+thi\s+đua)?(?P<so>\s+số)?\s+(?P<number>\d{1,3}|[IVXLC]{1,7})"
    r"(?![\w/])",
    re.I,
)
_YEAR_IN_TITLE = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b", re.I)
_PLACE = re.compile(r"-(?:huyen|thanh-pho|thi-xa|quan|tinh)-(.+)-$")
_LOCATION = re.compile(
    r"\btại\s+((?:hội\s+trường|trụ\s+sở|phòng\s+họp|nhà\s+văn\s+h(?:óa|oá)|sân|khuôn\s+viên|"
    r"hội\s+quán|trung\s+tâm)[^,.;()\n]{0,80})",
    re.I,
)


def fold(text: str) -> str:
    """'-vien-kiem-sat-nhan-dan-huyen-tuy-duc-' for 'VKSND huyện Tuy Đức': compare by words."""
    words = []
    for word in vietnamese.slugify(text).split("-"):
        words.extend(_ABBREVIATIONS.get(word, word).split("-"))
    return "-" + "-".join(w for w in words if w) + "-"


# -- Cluster --------------------------------------------------------------------


def mentions(text: str) -> list[tuple[str, int, str]]:
    """(kind, number value, as written) for every 'Cụm thi đua số 1', 'Khối số 02', 'số III'."""
    found = []
    for match in _MENTION.finditer(text):
        number = match.group("number")
        roman = not number.isdigit()
        if roman and (not number.isupper() or not (match.group("words") or match.group("so"))):
            continue  # 'cụm I' without 'thi đua' or 'số' is too likely a word
        value = vietnamese.cluster_number_value(number)
        if value is None:
            continue
        kind = "khối" if match.group("kind").lower() == "khối" else "cụm"
        found.append((kind, value, " ".join(match.group(0).split())))
    return found


def guess_cluster(
    registry: Registry, title: str, text: str, year: int, given: str | None = None
) -> Guess:
    """The cluster named with --cluster, else the one the title or text names by number."""
    if given:
        cluster = registry.clusters.get(given)
        if cluster is None:
            hint = nearest(given, registry.clusters)
            raise ImportFailed(
                f"unknown cluster '{given}'"
                + (f" — did you mean {hint}?" if hint else "")
                + f" Clusters: {', '.join(sorted(registry.clusters)) or 'none'}"
            )
        return Guess(cluster, "given with --cluster", given=True)
    scores: Counter = Counter()
    evidence: dict[str, str] = {}
    named = []
    for where, part, weight in (("the title", title, 10), ("the text", text, 1)):
        for kind, value, written in mentions(part):
            named.append(written)
            for cluster in registry.clusters.values():
                number = vietnamese.cluster_number_value(cluster.number)
                if cluster.kind == kind and number == value:
                    scores[cluster.slug] += weight
                    evidence.setdefault(cluster.slug, f'"{written}" in {where}')
    if scores:
        context = fold(f"{title}\n{text}")
        for slug in scores:
            cluster = registry.clusters[slug]
            for place, bonus in ((cluster.agency, 3), (cluster.province, 1)):
                if place and fold(place) in context:
                    scores[slug] += bonus
                    evidence[slug] += f" + '{place}'"
        ranked = scores.most_common()
        best = [slug for slug, score in ranked if score == ranked[0][1]]
        if len(best) > 1:
            raise ImportFailed(
                f"the text names {named[0]}, which could be any of {', '.join(sorted(best))}: "
                "give --cluster"
            )
        return Guess(registry.clusters[best[0]], evidence[best[0]])
    by_units = _cluster_by_units(registry, f"{title}\n{text}", year)
    if by_units:
        return by_units
    clusters = ", ".join(sorted(registry.clusters)) or "none"
    if named:
        hint = nearest(vietnamese.slugify(named[0]), registry.clusters)
        raise ImportFailed(
            f"the text names '{named[0]}' but no cluster in the registry has that kind and number"
            + (f" — did you mean {hint}?" if hint else "")
            + f" Give --cluster, one of: {clusters}"
        )
    raise ImportFailed(
        "cannot tell the cluster: the text names no 'Cụm/Khối thi đua số …'. "
        f"Give --cluster, one of: {clusters}"
    )


def _cluster_by_units(registry: Registry, text: str, year: int) -> Guess | None:
    """The only cluster of which at least two members are named in the text that year."""
    counts = []
    for cluster in registry.clusters.values():
        term = cluster.term(year)
        if term is not None:
            named = named_units(term.members, text, cluster)
            if len(named) >= 2:
                counts.append((len(named), cluster))
    counts.sort(key=lambda item: -item[0])
    if counts and (len(counts) == 1 or counts[0][0] > counts[1][0]):
        count, cluster = counts[0]
        return Guess(cluster, f"{count} of its {year} members are named in the text")
    return None


# -- Year, event ------------------------------------------------------------------


def guess_year(title: str, date: dt.datetime) -> Guess:
    match = _YEAR_IN_TITLE.search(title)
    if match:
        return Guess(int(match.group(1)), f'"{match.group(0)}" in the title')
    return Guess(date.year, "the year of the date")


def guess_event(title: str, text: str) -> Guess | None:
    """The event whose keyword comes first in the title, else the most frequent in the text."""
    folded = fold(title)
    positions = []
    for slug, words in EVENT_WORDS.items():
        for word in words:
            at = folded.find(fold(word))
            if at >= 0:
                positions.append((at, slug, word))
    if positions:
        _at, slug, word = min(positions)
        return Guess(slug, f'"{word}" in the title')
    body = fold(text)
    counts: Counter = Counter()
    for slug, words in EVENT_WORDS.items():
        counts[slug] = sum(body.count(fold(word)) for word in words)
    ranked = [(count, slug) for slug, count in counts.items() if count]
    if not ranked:
        return None
    count, slug = max(ranked)
    return Guess(slug, f"{count} mention(s) of {EVENT_TAGS[slug]!r} in the text")


# -- Units ----------------------------------------------------------------------------


def unit_aliases(members: list[Unit], cluster: Cluster | None = None) -> dict[str, set[str]]:
    """Folded ways each member may be written. Short forms ('Phòng 3', 'Tuy Đức') count only
    when no other member's names contain them: 'Đắk Mil' alone names none of the Đắk Mil units."""
    agency = fold(cluster.agency) if cluster and cluster.agency else ""
    full: dict[str, set[str]] = {}
    short: dict[str, set[str]] = {}
    for unit in members:
        full[unit.slug] = {fold(unit.name), fold(unit.short_name)}
        forms = set(re.findall(r"\(([^()]+)\)", unit.name))
        forms.add(re.split(r"\s+[–-]\s+|,\s*", unit.short_name)[0])
        folded = {fold(f) for f in forms}
        for name in full[unit.slug]:
            place = _PLACE.search(name)
            if place:
                folded.add(f"-{place.group(1)}-")
        short[unit.slug] = {f for f in folded if len(f) >= 7 and f != agency}
    aliases = {}
    for slug in full:
        others = [n for other in full if other != slug for n in full[other] | short[other]]
        aliases[slug] = full[slug] | {f for f in short[slug] if not any(f in n for n in others)}
    return aliases


def named_units(members: list[Unit], text: str, cluster: Cluster | None = None) -> list[str]:
    """Slugs of the members named in `text`, in registry order."""
    folded = fold(text)
    aliases = unit_aliases(members, cluster)
    return [u.slug for u in members if any(alias in folded for alias in aliases[u.slug])]


def guess_units(cluster: Cluster, year: int, text: str) -> Guess:
    """Members named in the text; None (every member, the default) when all or none are."""
    term = cluster.term(year)
    if term is None:
        return Guess(None, f"{cluster.slug} has no members listed for {year}")
    named = named_units(term.members, text, cluster)
    total = len(term.members)
    if len(named) == total:
        every = "the only member is" if total == 1 else f"all {total} members are"
        return Guess(None, f"{every} named: 'units' left out (the default)")
    if not named:
        return Guess(None, "no member is named in the text: 'units' left out (every member)")
    return Guess(named, f"{len(named)} of the {total} members are named in the text")


# -- Location, summary, tags ---------------------------------------------------------


def guess_location(body: list[BodyBlock]) -> Guess | None:
    for block in body[:3]:
        match = _LOCATION.search(block.text)
        if match:
            place = match.group(1).strip()
            return Guess(place[0].upper() + place[1:], f'"tại {place}" in the text')
    return None


def guess_summary(body: list[BodyBlock], limit: int = 300) -> Guess | None:
    """The lead's first sentence or two, as plain text: what the portal showed as the sapo."""
    lead = plain_text(next((b.text for b in body if b.kind == "p"), ""))
    if not lead:
        return None
    sentences = re.split(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ\"“])", lead)
    summary = ""
    for sentence in sentences:
        if summary and len(summary) + len(sentence) + 1 > limit:
            break
        summary = f"{summary} {sentence}".strip()
        if len(summary) >= 120:
            break
    return Guess(shorten(summary, limit), "the first sentence of the text")


def plain_text(text: str) -> str:
    """Tags taken out (a page can show '<b>' as text), whitespace collapsed to single spaces."""
    return " ".join(_TAG.sub("", text).split())


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words and ended with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]  # room for the "…"
    if text[limit - 1] != " " and " " in cut:  # not between words: drop the cut word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


def guess_tags(event: str | None, cluster: Cluster, year: int) -> list[str | int]:
    tags: list[str | int] = []
    if event in EVENT_TAGS:
        tags.append(EVENT_TAGS[event])
    if cluster.province:
        tags.append(cluster.province)
    tags.append(year)
    return tags
