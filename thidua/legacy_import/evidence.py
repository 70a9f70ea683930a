"""Which registry cluster a legacy article is about, only when the text's evidence agrees.

"Khối thi đua số 2" alone is not enough: every province has one. A cluster is
chosen only when the text names its kind and number *and* at least one of its
agency, its province or members that belong to it that year, with nothing in the
title or the first paragraph against it (another province, another kind of
agency, a district that is not its own). Otherwise nothing is chosen and every
candidate is listed with the evidence for and against it, for the archivist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thidua.domain import vietnamese
from thidua.domain.model import Cluster, Registry, Unit

from . import places
from .places import Place, fold

_MENTION = re.compile(
    r"\b(?P<kind>cụm|khối)(?P<words>\s+thi\s+đua)?(?P<so>\s+số)?\s+(?P<number>\d{1,3}|[IVXLC]{1,7})"
    r"(?![\w/])",
    re.I,
)
# Lower-case words that may continue an agency's or a place's name after a cluster's
# number ("… số 1 Viện kiểm sát nhân dân tỉnh Đắk Nông"); any other stops it ("tổ chức").
_NAME_WORDS = {
    "kiem", "sat", "nhan", "dan", "tinh", "huyen", "thanh", "pho", "thi", "xa", "quan", "dong",
    "dua", "khen", "thuong", "ban", "nha", "nuoc", "cac", "nganh", "cap", "khu", "vuc",
    "chinh", "phu", "tra", "bac", "hang", "uy", "an", "toa", "doan", "lao", "tu", "phap",
}  # fmt: skip
_CONNECTOR = re.compile(r"^[\s\-–—:(]*(?:(?:trực\s+)?thuộc\s+|của\s+)?", re.I)
_WORD = re.compile(r"[^\W_][\w'’]*")

WHERE_TITLE, WHERE_LEAD, WHERE_TEXT = "tiêu đề", "đoạn đầu", "bài"


@dataclass
class Mention:
    """'Khối thi đua số 02' in the text, and what is written right after it."""

    kind: str  # "cụm" or "khối"
    value: int
    written: str
    where: str
    qualifier: str = ""  # "VKSND tỉnh Bắc Giang", "huyện Lang Chánh", ""
    agency: str | None = None  # kind of agency the qualifier names
    places: list[Place] = field(default_factory=list)


@dataclass
class Candidate:
    cluster: Cluster
    mention: Mention | None
    support: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return bool(self.support) and not self.against

    def describe(self) -> str:
        """One line for the archivist: the cluster, the evidence for and against."""
        parts = [f"{self.cluster.slug} ({self.cluster.full_name})"]
        if self.mention is not None:
            same = "loại và số" if self.mention.kind == self.cluster.kind else "số (khác loại)"
            parts.append(f"cùng {same} với “{self.mention.written}” ở {self.mention.where}")
        parts.append("ủng hộ: " + ("; ".join(self.support) if self.support else "không có"))
        if self.against:
            shown = self.against[:3]
            more = len(self.against) - len(shown)
            parts.append(
                "chống lại: " + "; ".join(shown) + (f"; và {more} điều khác" if more else "")
            )
        elif not self.support:
            parts.append(
                "bài không nêu cơ quan, tỉnh hay đơn vị thành viên nào của cụm này: chưa đủ"
            )
        return " — ".join(parts)


@dataclass
class ClusterChoice:
    cluster: Cluster | None
    evidence: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    problem: str = ""  # why nothing was chosen, in Vietnamese


def mentions(text: str, where: str = WHERE_TEXT) -> list[Mention]:
    """Every 'Cụm thi đua số 1', 'Khối số 02', 'cụm thi đua số III' with its qualifier."""
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
        qualifier = _qualifier(text[match.end() : match.end() + 160])
        kind_of_agency = places.agency_kind(qualifier) if qualifier else None
        found.append(
            Mention(
                kind, value, " ".join(match.group(0).split()), where, qualifier,
                kind_of_agency[0] if kind_of_agency else None, places.places(qualifier),
            )
        )  # fmt: skip
    return found


def _qualifier(rest: str) -> str:
    """The agency or place written right after a cluster's number, up to the verb."""
    rest = rest[_CONNECTOR.match(rest).end() :]
    caps = places._mostly_capitals(rest[:80])
    end = 0
    previous = None
    for match in _WORD.finditer(rest):
        word = match.group(0)
        folded = vietnamese.slugify(word)
        gap = rest[previous.end() : match.start()] if previous else rest[: match.start()]
        if previous is not None and gap.strip() not in ("", "-", "–", "—", "."):
            break
        if previous is None and gap.strip():
            break
        upper = word[:1].isupper()
        if caps and folded in places._CAPS_STOPS and folded not in ("thi", "dua"):
            break
        if not (upper or folded in _NAME_WORDS):
            break
        end, previous = match.end(), match
    return rest[:end].strip(" -–—.")


# -- What the registry says about each cluster ----------------------------------------


@dataclass
class _Profile:
    """A cluster's own places and agency kind, and the wider area its units are in."""

    agency_kind: str | None
    province: str  # canonical province name, '' when unknown
    own: set[str]  # folded place keys of its agency and province
    area: str  # folded names of every place and unit around it, to look keys up in


def _profile(cluster: Cluster, registry: Registry) -> _Profile:
    province = _canonical(places.province_key(cluster.province)) if cluster.province else ""
    own = {p.key for p in places.places(cluster.agency)}
    if not province:
        found = [p for p in places.places(cluster.agency) if p.level == "province"]
        province = _canonical(found[0].key) if found else ""
    if province:
        own.add(vietnamese.slugify(province))
        own |= {k for k, v in places.PROVINCE_BY_FOLD.items() if v == province}
    neighbours = [
        other
        for other in registry.clusters.values()
        if other is cluster
        or (province and _canonical(places.province_key(other.province)) == province)
        or (cluster.agency and fold(other.agency) == fold(cluster.agency))
    ]
    names = []
    for other in neighbours:
        names += [other.agency, other.province, other.name]
        for term in other.terms:
            names += [n for unit in term.members for n in (unit.name, unit.short_name)]
    return _Profile(
        places.agency_kind_anywhere(cluster.agency), province, own, " ".join(fold(n) for n in names)
    )


def _canonical(key: str) -> str:
    return places.PROVINCE_BY_FOLD.get(key, "")


def place_vocabulary(registry: Registry) -> set[str]:
    """Folded place names the registry knows, to tell 'VKSND huyện Tuy Đức' from 'Phòng 8'."""
    keys = set(places.PROVINCE_BY_FOLD)
    texts = [c.agency for c in registry.clusters.values()]
    texts += [n for u in registry.units.values() for n in (u.name, u.short_name)]
    for text in texts:
        keys |= {p.key for p in places.places(text)}
    return {k for k in keys if len(k) >= 3}


def distinctive_members(
    members: list[Unit], text: str, cluster: Cluster, vocabulary: set[str]
) -> list[Unit]:
    """Members named in `text` by a name that carries their place ('VKSND huyện Tuy Đức',
    'Agribank Đắk Mil'): 'Phòng 8' alone could be any province's Phòng 8, and a place
    alone ('huyện Lang Chánh') names no unit."""
    folded = fold(text)
    named = []
    for unit in members:
        names = {fold(unit.name), fold(unit.short_name)}
        names.add(fold(re.split(r"\s+[–-]\s+|,\s*", unit.short_name)[0]))
        strong = [
            n
            for n in names
            if n.strip("-") not in vocabulary and any(f"-{k}-" in n for k in vocabulary)
        ]
        if any(alias in folded for alias in strong):
            named.append(unit)
    return named


# -- The choice --------------------------------------------------------------------------


def choose_cluster(
    registry: Registry, title: str, lead: str, text: str, year: int | None
) -> ClusterChoice:
    """The one cluster the evidence agrees on, or None with every candidate explained."""
    title_mentions = mentions(title, WHERE_TITLE)
    lead_mentions = mentions(lead, WHERE_LEAD)
    text_mentions = mentions(text, WHERE_TEXT)
    primary = title_mentions or lead_mentions or text_mentions
    vocabulary = place_vocabulary(registry)
    near_places = [(p, WHERE_TITLE) for p in places.places(title)]
    near_places += [(p, WHERE_LEAD) for p in places.places(lead)]
    everything = f"{title}\n{text}"
    all_places = places.places(everything)

    candidates: list[Candidate] = []
    for cluster in sorted(registry.clusters.values(), key=lambda c: c.slug):
        value = vietnamese.cluster_number_value(cluster.number)
        matching = [m for m in primary if m.kind == cluster.kind and m.value == value]
        if primary and not matching:
            continue
        profile = _profile(cluster, registry)
        candidate = Candidate(cluster, matching[0] if matching else None)
        _support(candidate, profile, everything, all_places, year, vocabulary, matching)
        if not matching and not candidate.support:
            continue
        if not matching:
            candidate.against.append("bài không ghi số của cụm/khối này")
        _against(candidate, profile, title, near_places, [m for m in matching
                                                            if m.where != WHERE_TEXT])  # fmt: skip
        candidates.append(candidate)
    if primary and not any(c.accepted for c in candidates):
        # Nothing agrees: the same number of the other kind ("Cụm thi đua số 02" for a
        # "Khối thi đua số 02") is shown to the archivist too, never chosen.
        for cluster in sorted(registry.clusters.values(), key=lambda c: c.slug):
            value = vietnamese.cluster_number_value(cluster.number)
            other = next((m for m in primary if m.value == value and m.kind != cluster.kind), None)
            if other is None:
                continue
            candidate = Candidate(cluster, other)
            _support(candidate, _profile(cluster, registry), everything, all_places, year,
                     vocabulary, [])  # fmt: skip
            candidate.against.insert(
                0, f"bài ghi “{other.written}” ({other.kind}), sổ đăng ký ghi {cluster.kind}"
            )
            candidates.append(candidate)

    accepted = [c for c in candidates if c.accepted]
    choice = ClusterChoice(None, candidates=candidates, mentions=primary)
    if len(accepted) == 1 and primary:
        chosen = accepted[0]
        mention = chosen.mention
        choice.cluster = chosen.cluster
        choice.evidence = f"“{mention.written}” ở {mention.where} + " + "; ".join(chosen.support)
        return choice
    choice.problem = _problem(primary, candidates, accepted)
    return choice


def _support(candidate, profile, everything, all_places, year, vocabulary, matching) -> None:
    cluster = candidate.cluster
    folded = fold(everything)
    if cluster.agency and fold(cluster.agency) in folded:
        candidate.support.append(f"cơ quan “{cluster.agency}” có trong bài")
    else:
        for mention in matching:
            if (
                mention.agency
                and mention.agency == profile.agency_kind
                and mention.places
                and all(p.key in profile.own for p in mention.places)
            ):
                candidate.support.append(
                    f"“{mention.written} {mention.qualifier}” ở {mention.where}"
                )
                break
            districts = [p for p in mention.places if p.level == "district"]
            if districts and all(p.key in profile.own for p in districts):
                # "Cụm thi đua số III huyện Đắk Mil": the district whose council runs it.
                candidate.support.append(
                    f"“{mention.written} {mention.qualifier}” ở {mention.where}: "
                    "đúng địa bàn của cụm"
                )
                break
    if profile.province:
        for place in all_places:
            if place.level == "province" and _canonical(place.key) == profile.province:
                candidate.support.append(f"“{place.written}” có trong bài")
                break
    term = cluster.term(year) if year is not None else None
    if term is not None:
        named = distinctive_members(term.members, everything, cluster, vocabulary)
        if named:
            names = ", ".join(u.short_name for u in named)
            candidate.support.append(f"đơn vị thành viên năm {year} được nêu: {names}")


def _against(candidate, profile, title, near_places, matching) -> None:
    cluster = candidate.cluster
    for mention in matching:
        if mention.agency and profile.agency_kind and mention.agency != profile.agency_kind:
            candidate.against.append(
                f"“{mention.written} {mention.qualifier}” ở {mention.where} là cơ quan khác "
                f"({mention.agency}), cụm này thuộc “{cluster.agency}”"
            )
        for place in mention.places:
            if place.key not in profile.own and not _same(place, profile):
                candidate.against.append(
                    f"“{mention.written} {mention.qualifier}” ở {mention.where}: "
                    f"“{place.written}” không phải nơi của cụm này ({_home(cluster)})"
                )
    # The title speaks of another kind of agency that is none of the cluster's units:
    # "Thanh tra tỉnh Đắk Nông … Cụm thi đua số III" is not a district council's Cụm III.
    units = [fold(n) for t in cluster.terms for u in t.members for n in (u.name, u.short_name)]
    for agency in places.agencies(title):
        if not profile.agency_kind or agency.kind == profile.agency_kind:
            continue
        written = fold(agency.written)
        if any(written in name or name in written for name in units):
            continue
        candidate.against.append(
            f"tiêu đề nêu “{agency.written}” ({agency.kind}), không phải cơ quan hay đơn vị "
            f"của cụm này ({_home(cluster)})"
        )
    seen = {a for a in candidate.against}
    for place, where in near_places:
        if place.level == "province":
            if profile.province and _canonical(place.key) == profile.province:
                continue
            if not profile.province and (
                place.key in profile.own or f"-{place.key}-" in profile.area
            ):
                continue
            if not profile.province and not profile.own:
                continue  # the cluster says nothing of a place: nothing to compare
            message = f"“{place.written}” ở {where} là tỉnh khác ({_home(cluster)})"
        else:
            if f"-{place.key}-" in profile.area:
                continue
            message = (
                f"“{place.written}” ở {where} không thuộc địa bàn của cụm này ({_home(cluster)})"
            )
        if message not in seen and not any(place.written in a for a in candidate.against):
            seen.add(message)
            candidate.against.append(message)


def _same(place: Place, profile: _Profile) -> bool:
    return (
        place.level == "province"
        and bool(profile.province)
        and (_canonical(place.key) == profile.province)
    )


def _home(cluster: Cluster) -> str:
    where = [w for w in (cluster.agency, cluster.province) if w]
    return ", ".join(where) or "không ghi cơ quan, tỉnh"


def _problem(primary: list[Mention], candidates: list[Candidate], accepted) -> str:
    if not primary:
        head = "bài không ghi “Cụm/Khối thi đua số …” nên không chọn cụm nào"
    elif not candidates or all(c.against[:1] and "sổ đăng ký ghi" in c.against[0]
                               for c in candidates):  # fmt: skip
        written = ", ".join(dict.fromkeys(f"“{m.written}” ({m.where})" for m in primary))
        head = f"bài ghi {written} nhưng sổ đăng ký không có cụm/khối nào cùng loại và số"
    elif len(accepted) > 1:
        head = "nhiều cụm/khối cùng khớp với bài: không tự chọn"
    else:
        written = ", ".join(dict.fromkeys(f"“{m.written}” ({m.where})" for m in primary))
        head = f"bài ghi {written} nhưng bằng chứng không khớp đúng một cụm/khối trong sổ đăng ký"
    return head
