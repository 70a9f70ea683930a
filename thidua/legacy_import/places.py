"""Places and agencies named in a text: the evidence that tells same-number clusters apart.

"Cụm thi đua số 1" exists in many provinces and agencies; what tells them apart
is the place ("tỉnh Đắk Nông", "huyện Lang Chánh") and the kind of agency
("VKSND", "Thanh tra", "Hội đồng Thi đua – Khen thưởng") the text names.
Names are compared folded: no diacritics, no case ("Đắk G'Long" = "dak-glong").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from thidua.domain import vietnamese

# The 63 provinces and centrally run cities before 1 July 2025 (the 34 after it keep
# names from this list). Each: the name as written, then other spellings.
PROVINCES: tuple[tuple[str, ...], ...] = (
    ("An Giang",), ("Bà Rịa – Vũng Tàu", "Bà Rịa", "Vũng Tàu"), ("Bạc Liêu",),
    ("Bắc Giang",), ("Bắc Kạn", "Bắc Cạn"), ("Bắc Ninh",), ("Bến Tre",), ("Bình Dương",),
    ("Bình Định",), ("Bình Phước",), ("Bình Thuận",), ("Cà Mau",), ("Cao Bằng",),
    ("Cần Thơ",), ("Đà Nẵng",), ("Đắk Lắk", "Đắc Lắc", "Daklak"), ("Đắk Nông", "Đắc Nông"),
    ("Điện Biên",), ("Đồng Nai",), ("Đồng Tháp",), ("Gia Lai",), ("Hà Giang",), ("Hà Nam",),
    ("Hà Nội",), ("Hà Tĩnh",), ("Hải Dương",), ("Hải Phòng",), ("Hậu Giang",), ("Hòa Bình",),
    ("Hồ Chí Minh", "HCM"), ("Hưng Yên",), ("Khánh Hòa",), ("Kiên Giang",), ("Kon Tum", "Kontum"),
    ("Lai Châu",), ("Lâm Đồng",), ("Lạng Sơn",), ("Lào Cai",), ("Long An",), ("Nam Định",),
    ("Nghệ An",), ("Ninh Bình",), ("Ninh Thuận",), ("Phú Thọ",), ("Phú Yên",), ("Quảng Bình",),
    ("Quảng Nam",), ("Quảng Ngãi",), ("Quảng Ninh",), ("Quảng Trị",), ("Sóc Trăng",),
    ("Sơn La",), ("Tây Ninh",), ("Thái Bình",), ("Thái Nguyên",), ("Thanh Hóa",),
    ("Thừa Thiên Huế", "Thừa Thiên", "Huế"), ("Tiền Giang",), ("Trà Vinh",), ("Tuyên Quang",),
    ("Vĩnh Long",), ("Vĩnh Phúc",), ("Yên Bái",),
)  # fmt: skip
# Names that are also words or people's names: a province only after "tỉnh", "thành phố", "TP".
_ONLY_WITH_PREFIX = {"hue", "ho-chi-minh", "hcm", "thua-thien", "ba-ria", "vung-tau"}

# Kinds of agency, by the folded words that start their names. Kinds that answer to the
# same people's committee (its emulation council, its emulation board) are one kind.
AGENCY_KINDS: tuple[tuple[str, str], ...] = (
    ("vien-kiem-sat", "viện kiểm sát"), ("nganh-kiem-sat", "viện kiểm sát"),
    ("kiem-sat-nhan-dan", "viện kiểm sát"),
    ("thanh-tra", "thanh tra"), ("toa-an", "tòa án"),
    ("uy-ban-nhan-dan", "chính quyền"), ("hoi-dong-thi-dua", "chính quyền"),
    ("ban-thi-dua", "chính quyền"), ("cong-an", "công an"), ("kho-bac", "kho bạc"),
    ("cuc-thue", "thuế"), ("chi-cuc-thue", "thuế"), ("bao-hiem-xa-hoi", "bảo hiểm xã hội"),
    ("hai-quan", "hải quan"), ("cuc-thi-hanh-an", "thi hành án"),
    ("chi-cuc-thi-hanh-an", "thi hành án"), ("lien-doan-lao-dong", "công đoàn"),
    ("cong-doan", "công đoàn"), ("mat-tran-to-quoc", "mặt trận"), ("tinh-uy", "đảng"),
    ("huyen-uy", "đảng"), ("thanh-uy", "đảng"), ("dang-uy", "đảng"),
    ("bo-chi-huy-quan-su", "quân sự"), ("ngan-hang-nha-nuoc", "ngân hàng nhà nước"),
)  # fmt: skip

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
    "hdtd": "hoi-dong-thi-dua",
    "bhxh": "bao-hiem-xa-hoi",
    "thads": "thi-hanh-an-dan-su",
    "tphcm": "thanh-pho-ho-chi-minh",
}

_WORD = re.compile(r"[^\W_][\w'’]*")
# Words before a place name, folded, with the level they give it.
_PREFIXES = (
    (("thanh", "pho"), "city"), (("thi", "xa"), "district"), (("tinh",), "province"),
    (("huyen",), "district"), (("quan",), "district"), (("tp",), "city"), (("tx",), "district"),
)  # fmt: skip
# In a text written in capitals the end of a place name cannot be seen from the case:
# these (folded) words end it there.
_CAPS_STOPS = {
    "to", "chuc", "ky", "ket", "so", "tong", "giao", "luu", "trien", "khai", "hoi", "nghi",
    "le", "va", "voi", "gom", "tai", "da", "dot", "thi", "dua", "cong", "tac", "nhiem", "vu",
}  # fmt: skip


def fold(text: str) -> str:
    """'-vien-kiem-sat-nhan-dan-huyen-tuy-duc-' for 'VKSND huyện Tuy Đức': compare by words."""
    words = []
    for word in vietnamese.slugify(text).split("-"):
        words.extend(_ABBREVIATIONS.get(word, word).split("-"))
    return "-" + "-".join(w for w in words if w) + "-"


def _province_index() -> dict[str, str]:
    index = {}
    for names in PROVINCES:
        canonical = names[0]
        for name in names:
            index[vietnamese.slugify(name)] = canonical
    return index


PROVINCE_BY_FOLD = _province_index()
_LONGEST_PROVINCE = max(len(key.split("-")) for key in PROVINCE_BY_FOLD)


@dataclass(frozen=True)
class Place:
    """A place the text names: 'tỉnh Thừa Thiên Huế' → province 'Thừa Thiên Huế'."""

    level: str  # "province" or "district"
    key: str  # folded name: "thua-thien-hue", "lang-chanh"
    written: str  # as in the text, with its prefix: "tỉnh Thừa Thiên Huế"
    start: int  # where in the text
    end: int

    @property
    def name(self) -> str:
        return PROVINCE_BY_FOLD.get(self.key, self.written) if self.level == "province" else ""


@dataclass(frozen=True)
class _Token:
    text: str
    folded: str
    start: int
    end: int

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()

    @property
    def abbreviation(self) -> bool:
        letters = [ch for ch in self.text if ch.isalpha()]
        return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(m.group(0), vietnamese.slugify(m.group(0)), m.start(), m.end())
        for m in _WORD.finditer(text)
    ]


def _joined(text: str, left: _Token, right: _Token, dashes: bool = False) -> bool:
    """Two words of one name: only spaces between them (no comma or bracket; a dash only
    where a name has one: 'Bà Rịa – Vũng Tàu'). 'TP.' keeps its dot."""
    gap = text[left.end : right.start].strip()
    if left.folded in ("tp", "tx") and gap == ".":
        return True
    return not gap or (dashes and gap in ("-", "–", "—"))


def places(text: str) -> list[Place]:
    """Every place the text names, in order: with a prefix ('huyện Tuy Đức') or a province alone."""
    tokens = _tokens(text)
    caps = _mostly_capitals(text)
    found: list[Place] = []
    taken: set[int] = set()
    i = 0
    while i < len(tokens):
        prefix = _prefix_at(tokens, i, text)
        if prefix is not None:
            length, level = prefix
            j = i + length
            name: list[_Token] = []
            while (
                j < len(tokens)
                and len(name) < 4
                and (tokens[j].capital or tokens[j].folded.isdigit())
            ):
                if name and not _joined(text, name[-1], tokens[j]):
                    break
                if caps and tokens[j].folded in _CAPS_STOPS:
                    break
                if not name and not _joined(text, tokens[j - 1], tokens[j]):
                    break
                name.append(tokens[j])
                j += 1
            if name:
                name = _trim_to_province(name) if caps else name
                key = "-".join(t.folded for t in name)
                if level == "city":
                    level = "province" if key in PROVINCE_BY_FOLD else "district"
                elif level == "province" and key not in PROVINCE_BY_FOLD:
                    level = "province"  # "các tỉnh Tây Nguyên": a region, still not the cluster's
                end = name[-1].end
                found.append(Place(level, key, text[tokens[i].start : end], tokens[i].start, end))
                taken.update(range(i, i + length + len(name)))
                i += length + len(name)
                continue
        i += 1
    found += _bare_provinces(text, tokens, taken)
    return sorted(found, key=lambda p: p.start)


def _mostly_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


def _trim_to_province(name: list[_Token]) -> list[_Token]:
    """In capitals, 'BẮC GIANG TỔ' has no visible end: keep the longest province name."""
    for size in range(min(len(name), _LONGEST_PROVINCE), 0, -1):
        if "-".join(t.folded for t in name[:size]) in PROVINCE_BY_FOLD:
            return name[:size]
    return name[:2]


def _prefix_at(tokens: list[_Token], i: int, text: str) -> tuple[int, str] | None:
    for words, level in _PREFIXES:
        size = len(words)
        if i + size > len(tokens):
            continue
        window = tokens[i : i + size]
        if tuple(t.folded for t in window) != words:
            continue
        if size == 2 and not _joined(text, window[0], window[1]):
            continue
        if words in (("tp",), ("tx",)) and not window[0].text.isupper():
            continue
        # "Tỉnh" written with a capital inside a name is still the prefix; a capitalised
        # "Huyện" starting a sentence too. Only lowercase words after it would be no name.
        return size, level
    return None


def _bare_provinces(text: str, tokens: list[_Token], taken: set[int]) -> list[Place]:
    """Province names written without 'tỉnh': '(Thanh Hóa)', 'VKSND Đắk Nông'.

    Not when the name is part of a longer capitalised name: 'Nguyễn Thái Bình' is a
    person, 'Thái Bình Dương' an ocean.
    """
    found = []
    i = 0
    while i < len(tokens):
        match = None
        for size in range(_LONGEST_PROVINCE, 0, -1):
            window = tokens[i : i + size]
            if len(window) < size or any(k in taken for k in range(i, i + size)):
                continue
            if not all(t.capital for t in window):
                continue
            pairs = itertools.pairwise(window)
            if any(not _joined(text, a, b, dashes=True) for a, b in pairs):
                continue
            key = "-".join(t.folded for t in window)
            if key in PROVINCE_BY_FOLD and key not in _ONLY_WITH_PREFIX:
                match = window
                break
        if match is None:
            i += 1
            continue
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + len(match)] if i + len(match) < len(tokens) else None
        glued = (
            before is not None
            and before.capital
            and not before.abbreviation
            and _joined(text, before, match[0])
        ) or (after is not None and after.capital and _joined(text, match[-1], after))
        if not glued:
            key = "-".join(t.folded for t in match)
            found.append(
                Place("province", key, text[match[0].start : match[-1].end], match[0].start,
                      match[-1].end)
            )  # fmt: skip
        i += len(match)
    return found


def province_key(name: str) -> str:
    """The folded key of a province name as the registry writes it ('' when not a province)."""
    key = vietnamese.slugify(name)
    if key in PROVINCE_BY_FOLD:
        return vietnamese.slugify(PROVINCE_BY_FOLD[key])
    for place in places(name):
        if place.level == "province" and place.key in PROVINCE_BY_FOLD:
            return vietnamese.slugify(PROVINCE_BY_FOLD[place.key])
    return ""


def same_province(key_a: str, key_b: str) -> bool:
    """'hue' and 'thua-thien-hue' name one province."""
    a, b = PROVINCE_BY_FOLD.get(key_a), PROVINCE_BY_FOLD.get(key_b)
    return a is not None and a == b


def agency_kind(text: str) -> tuple[str, str] | None:
    """(kind, the words that say so) when `text` starts with an agency's name."""
    folded = fold(text)
    for start, kind in AGENCY_KINDS:
        if folded.startswith(f"-{start}-"):
            return kind, start
    return None


def agency_kind_anywhere(text: str) -> str | None:
    """The kind of the first agency named in `text` (a registry 'agency' value)."""
    folded = fold(text)
    best = None
    for start, kind in AGENCY_KINDS:
        at = folded.find(f"-{start}-")
        if at >= 0 and (best is None or at < best[0]):
            best = (at, kind)
    return best[1] if best else None


@dataclass(frozen=True)
class AgencyMention:
    kind: str
    written: str  # "Thanh tra tỉnh Đắk Nông"
    places: tuple[Place, ...]


def agencies(text: str) -> list[AgencyMention]:
    """Agencies named with their place: 'Thanh tra tỉnh Đắk Nông', 'VKSND huyện Tuy Đức'.
    An agency without its place ('lãnh đạo VKSND tỉnh') says nothing of where: left out."""
    tokens = _tokens(text)
    found_places = places(text)
    found: list[AgencyMention] = []
    end_of_last = -1
    for i, token in enumerate(tokens):
        if token.start < end_of_last or not (token.capital or token.abbreviation):
            continue
        phrase = fold(" ".join(t.text for t in tokens[i : i + 8]))
        kind = next((k for start, k in AGENCY_KINDS if phrase.startswith(f"-{start}-")), None)
        if kind is None:
            continue
        window_end = tokens[min(i + 8, len(tokens) - 1)].end
        after = [p for p in found_places if token.start < p.start <= window_end]
        if not after:
            continue
        place = after[0]
        between = text[token.end : place.start]
        if any(mark in between for mark in ",;.()"):
            continue
        found.append(AgencyMention(kind, text[token.start : place.end], (place,)))
        end_of_last = place.end
    return found
