"""The other fields of an imported article, each only from evidence that says so.

Every value carries its evidence ("“năm 2024” ở tiêu đề") so the archivist can
check it. A field the text does not settle is left out and asked for, never
filled from weak evidence: two years in the title, two events, a year-end review
without its year. The cluster is chosen in ``evidence``.
"""

from __future__ import annotations

import datetime as dt
import re

from thidua.domain.events import EVENT_TAGS
from thidua.domain.model import Cluster, Unit

from .model import BodyBlock, Guess
from .places import fold

_TAG = re.compile(r"<[^<>]*>")
# Words that name each event. "giao ước" alone is not one: a review speaks of the
# pledge too ("sơ kết việc thực hiện giao ước").
EVENT_WORDS: dict[str, tuple[str, ...]] = {
    "ky-ket": ("ký kết", "ký giao ước", "lễ ký", "ký cam kết"),
    "trien-khai": ("triển khai", "phát động"),
    "so-ket": ("sơ kết",),
    "tong-ket": ("tổng kết",),
    "giao-luu": ("giao lưu", "trao đổi kinh nghiệm", "hội thao"),
}
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b(?![/\-.]\d)", re.I)
_BARE_YEAR = re.compile(r"(?<![\d/.\-])((?:19|20)\d{2})\s*$")
# "năm 2024" inside a document reference names the document's year, not the emulation's.
_DOCUMENT_YEAR = re.compile(
    r"\b(?:kế\s+hoạch|quyết\s+định|chỉ\s+thị|công\s+văn|nghị\s+quyết|hướng\s+dẫn|thông\s+báo)"
    r"\b[^,.;]{0,40}$",
    re.I,
)
_PLACE = re.compile(r"-(?:huyen|thanh-pho|thi-xa|quan|tinh)-(.+)-$")
_LOCATION = re.compile(
    r"\btại\s+((?:hội\s+trường|trụ\s+sở|phòng\s+họp|nhà\s+văn\s+h(?:óa|oá)|sân|khuôn\s+viên|"
    r"hội\s+quán|trung\s+tâm)[^,.;()\n]{0,80})",
    re.I,
)


# -- Year, event ------------------------------------------------------------------


def years_named(text: str) -> list[int]:
    """The distinct years written 'năm 2024' (not a document's year), in order."""
    found = []
    for match in _YEAR.finditer(text):
        if _DOCUMENT_YEAR.search(text[: match.start()]):
            continue
        found.append(int(match.group(1)))
    return list(dict.fromkeys(found))


def guess_year(
    title: str, lead: str, date: dt.datetime | None, event: str | None
) -> tuple[Guess | None, str]:
    """(the emulation year with its evidence, '') or (None, why it is not settled)."""
    in_title = years_named(title)
    bare = _BARE_YEAR.search(title)
    if not in_title and bare:
        in_title = [int(bare.group(1))]
    if len(in_title) == 1:
        return Guess(in_title[0], f"“năm {in_title[0]}” ở tiêu đề"), ""
    if len(in_title) > 1:
        named = ", ".join(map(str, in_title))
        return None, f"tiêu đề nêu nhiều năm ({named}): không rõ năm thi đua là năm nào"
    in_lead = years_named(lead)
    if len(in_lead) == 1:
        return Guess(in_lead[0], f"“năm {in_lead[0]}” ở đoạn đầu"), ""
    if len(in_lead) > 1:
        named = ", ".join(map(str, in_lead))
        return None, f"đoạn đầu nêu nhiều năm ({named}): không rõ năm thi đua là năm nào"
    if date is None:
        return None, "bài không nêu năm thi đua và chưa có ngày"
    if event == "tong-ket" and date.month >= 10:
        return Guess(date.year, f"tổng kết họp tháng {date.month}/{date.year}: năm của ngày"), ""
    if event == "tong-ket":
        return None, (
            "bài tổng kết không nêu năm thi đua; tổng kết thường họp đầu năm sau, "
            f"nên năm của ngày ({date.year}) chưa chắc là năm thi đua"
        )
    return Guess(date.year, "không ghi năm: lấy năm của ngày đăng"), ""


def _events_in(text: str) -> list[tuple[int, str, str]]:
    folded = fold(text)
    found = []
    for slug, words in EVENT_WORDS.items():
        for word in words:
            at = folded.find(fold(word))
            if at >= 0:
                found.append((at, slug, word))
                break
    return sorted(found)


def guess_event(title: str, lead: str) -> tuple[Guess | None, str]:
    """(the event the title names, else the first paragraph) or (None, why not settled)."""
    for where, text in (("tiêu đề", title), ("đoạn đầu", lead)):
        found = _events_in(text)
        kinds = list(dict.fromkeys(slug for _at, slug, _word in found))
        if len(kinds) == 1:
            _at, slug, word = found[0]
            return Guess(slug, f"“{word}” ở {where}"), ""
        if len(kinds) > 1:
            words = ", ".join(f"“{word}”" for _at, _slug, word in found)
            return None, f"{where} nêu nhiều sự kiện ({words}): chọn một"
    return None, "không thấy từ chỉ sự kiện (ký kết, triển khai, sơ kết, tổng kết, giao lưu)"


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
    """Never a partial list: naming some members does not say only they took part.

    'units' is left out (every member, the default); the members the text names are
    given in the evidence for the archivist, who may list them if only they took part.
    """
    term = cluster.term(year)
    if term is None:
        return Guess(None, f"sổ đăng ký chưa có thành viên của {cluster.slug} năm {year}")
    named = named_units(term.members, text, cluster)
    total = len(term.members)
    if len(named) == total:
        every = "đơn vị duy nhất" if total == 1 else f"cả {total} đơn vị thành viên"
        return Guess(None, f"bài nêu {every}: bỏ trống 'units' (mặc định là mọi thành viên)")
    if not named:
        return Guess(None, "bài không nêu đơn vị thành viên nào: bỏ trống 'units' (mọi thành viên)")
    return Guess(
        None,
        f"bài nêu {len(named)}/{total} đơn vị ({', '.join(named)}); bỏ trống 'units' "
        "(mọi thành viên) — chỉ ghi danh sách nếu đúng là chỉ những đơn vị này tham gia",
        named=named,
    )


# -- Location, summary, tags ---------------------------------------------------------


def guess_location(body: list[BodyBlock]) -> Guess | None:
    for block in body[:3]:
        match = _LOCATION.search(block.text)
        if match:
            place = match.group(1).strip()
            return Guess(place[0].upper() + place[1:], f"“tại {place}” trong bài")
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
    return Guess(shorten(summary, limit), "câu đầu của bài")


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
