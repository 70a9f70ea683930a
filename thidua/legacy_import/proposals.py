"""Proposed registry changes read from the archive, written for review, never applied.

Legacy reports often come from before the registry's first year, or from a
cluster the registry does not list yet. The importer then writes what the text
names (members, cụm/khối trưởng, phó, motto, the decision) as a *proposal* in the
review folder: a new cluster file, or a new year for an existing one, every line
marked "kiểm tra". Nothing goes into content/ until the archivist copies it there.

The proposals of every run are kept in ``state.json`` beside them, keyed by the
page they came from, so a re-run rewrites the same files with the same text, and
a proposal the registry has since taken up is no longer written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from thidua.domain import vietnamese
from thidua.domain.model import Cluster, Registry, Unit

from . import evidence
from .evidence import Mention
from .places import fold

CHECK = "# kiểm tra"
FOLDER = "registry-proposals"
_STATE = "state.json"

_ROLE = r"(?:cụm|khối)\s+{role}"
_UNIT = r"(?P<unit>[A-ZĐ][^,.;:()“”\"]{{2,90}}?)"
_HEAD_PATTERNS = (
    _UNIT + r"\s*\(\s*(?:là\s+)?(?:đơn\s+vị\s+)?" + _ROLE + r"\s*\)",
    _UNIT + r"\s+(?:được\s+(?:giao|bầu|chỉ\s+định|phân\s+công|suy\s+tôn)\s+)?(?:làm|là)\s+"
    r"(?:đơn\s+vị\s+)?" + _ROLE + r"\b",
    _ROLE
    + r"\s*(?:năm\s+\d{{4}}\s*)?(?:là|:)\s*(?:đơn\s+vị\s+)?"
    + _UNIT.replace("?)", ")")
    + r"(?=[,.;(]|\s+(?:và|được|cùng)\b|$)",
)
_MOTTO = re.compile(
    r"(?:phương\s+châm|chủ\s+đề|khẩu\s+hiệu)[^“\"”]{0,40}[“\"](?P<motto>[^”\"“]{5,200})[”\"]",
    re.I,
)
_DECISION = re.compile(
    r"Quyết\s+định\s+số\s+\d[\w./\-]*(?:\s+ngày\s+(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+"
    r"\d{1,2}\s+năm\s+\d{4}))?"
)
_LIST = re.compile(
    r"\bgồm\s+(?:có\s+)?(?:(?:\d+\s+|các\s+)?(?:đơn\s+vị|thành\s+viên|phòng|cơ\s+quan)"
    r"[^:.;]{0,40}:\s*)?(?P<items>[^.]+)",
    re.I,
)
# Where a list without a colon ends: "gồm A, B và C đã tổ chức …".
_LIST_END = re.compile(
    r"\s+(?:đã|đang|sẽ|tổ\s+chức|ký|tiến\s+hành|thống\s+nhất|cùng\s+nhau|tham\s+gia|"
    r"với|tại|để)\b.*$",
)
_ROLE_NOTE = re.compile(r"\s*\((?:[^()]*(?:trưởng|phó)[^()]*)\)\s*", re.I)


@dataclass
class Roster:
    """What the text says of a cluster's year: members, head, deputy, motto, decision."""

    known: list[str] = field(default_factory=list)  # unit slugs already in units.yml
    new: list[str] = field(default_factory=list)  # names of units not in units.yml
    head: str = ""  # a slug, or a name when the unit is new
    deputy: str = ""
    motto: str = ""
    decision: str = ""


def read_roster(
    text: str, registry: Registry, kind: str, within: list[Unit] | None = None
) -> Roster:
    """Members, head, deputy, motto and decision as the text names them.

    Known units are recognised only by names that carry their place (or, for an
    existing cluster, among that cluster's own units): 'Phòng 8' alone could be
    any province's Phòng 8.
    """
    from .extract import _abbreviation, _is_office

    roster = Roster()
    vocabulary = evidence.place_vocabulary(registry)
    units = list(registry.units.values())
    named = evidence.distinctive_members(units, text, None, vocabulary)
    if within:
        from .guess import named_units

        named += [registry.units[s] for s in named_units(within, text) if s in registry.units]
    roster.known = list(dict.fromkeys(u.slug for u in named))
    folded = fold(text)

    def as_unit(phrase: str) -> str:
        phrase = _ROLE_NOTE.sub(" ", phrase).strip(" -–—")
        words = phrase.split()
        for start in range(len(words)):
            rest = " ".join(words[start:])
            if _is_office(rest) or _abbreviation(words[start]):
                return rest
        return ""

    def known_slug(name: str) -> str:
        matched = evidence.distinctive_members(units, name, None, vocabulary)
        if within:
            from .guess import named_units

            matched += [registry.units[s] for s in named_units(within, name)]
        return matched[0].slug if matched else ""

    for match in _LIST.finditer(text):
        for item in _list_items(_LIST_END.sub("", match.group("items"))):
            name = as_unit(item)
            if 2 <= len(name.split()) <= 15:
                slug = known_slug(name)
                if slug:
                    if slug not in roster.known:
                        roster.known.append(slug)
                elif name not in roster.new:
                    roster.new.append(name)
    for role in ("trưởng", "phó"):
        for pattern in _HEAD_PATTERNS:
            found = re.search(pattern.format(role=role), text, re.I)
            if found:
                name = as_unit(found.group("unit"))
                if name:
                    value = known_slug(name) or name
                    setattr(roster, "head" if role == "trưởng" else "deputy", value)
                    if value == name and name not in roster.new:
                        roster.new.append(name)
                    elif value != name and value not in roster.known:
                        roster.known.append(value)
                    break
    roster.known.sort(key=lambda slug: _first_named(registry.units[slug], folded, within))
    motto = _MOTTO.search(text)
    roster.motto = " ".join(motto.group("motto").split()) if motto else ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        folded = fold(sentence)
        if (
            "-kien-toan-" in folded
            or "-thanh-lap-" in folded
            or f"-{fold(kind)[1:-1]}-thi-dua-" in folded
        ):
            decision = _DECISION.search(sentence)
            if decision:
                roster.decision = decision.group(0)
                break
    return roster


def _first_named(unit: Unit, folded: str, within: list[Unit] | None) -> int:
    """Where the text first names the unit: members are listed in the text's order."""
    from .guess import unit_aliases

    aliases = {fold(unit.name), fold(unit.short_name)}
    if within and unit in within:
        aliases |= unit_aliases(within)[unit.slug]
    found = [folded.find(alias) for alias in aliases if alias in folded]
    return min(found) if found else len(folded)


def _list_items(text: str) -> list[str]:
    """'A, B, C và D' → A, B, C, D; but 'Ngân hàng Nông nghiệp và Phát triển nông thôn' is one
    name: 'và' separates only where an office's name follows it."""
    from .extract import _abbreviation, _is_office

    items = []
    for part in re.split(r";|,\s+", text):
        pieces = re.split(r"\s+và\s+", part)
        current = pieces[0]
        for piece in pieces[1:]:
            words = piece.split()
            if words and (_is_office(piece) or _abbreviation(words[0])):
                items.append(current)
                current = piece
            else:
                current = f"{current} và {piece}"
        items.append(current)
    return [i.strip() for i in items if i.strip()]


def unit_slug(name: str, taken: set[str]) -> str:
    base = vietnamese.slugify(name)
    if len(base) > 60:
        base = base[:60].rsplit("-", 1)[0]
    base = base or "don-vi"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


# -- The proposals ------------------------------------------------------------------------


class Proposals:
    """Every proposal of this run and earlier ones, written to <review>/registry-proposals/."""

    def __init__(self, review: Path, registry: Registry, content: Path):
        self.folder = review / FOLDER
        self.registry = registry
        self.content = content
        self.state: dict[str, dict] = {}
        state_file = self.folder / _STATE
        if state_file.is_file():
            try:
                self.state = json.loads(state_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.state = {}
        self.state = {k: v for k, v in self.state.items() if not self._taken_up(v)}

    # What each proposal is about ------------------------------------------------------

    def new_cluster(
        self, mention: Mention, province: str, year: int | None, roster: Roster, page: str,
        title: str,
    ) -> str:  # fmt: skip
        """A cluster the registry does not have: 'Khối thi đua số 2' of 'VKSND tỉnh …'."""
        agency = mention.qualifier if mention.agency else ""
        place = mention.places[0].written if mention.places else ""
        owner = agency or place
        slug = vietnamese.slugify(f"{mention.kind} {_number(mention)} {owner}") or "cum-moi"
        key = f"cluster:{slug}"
        entry = self.state.setdefault(
            key,
            {
                "type": "cluster", "slug": slug, "kind": mention.kind,
                "name": f"{_label(mention.kind)} thi đua số {_number(mention)}",
                "number": _number(mention), "agency": agency or place,
                "agency_from": f"“{mention.written} {mention.qualifier}”".strip(),
                "province": province, "pages": {},
            },
        )  # fmt: skip
        entry["pages"][page] = _contribution(year, roster, title)
        return self.path_for(entry)

    def new_term(self, cluster: Cluster, year: int, roster: Roster, page: str, title: str) -> str:
        """A year the cluster has no term for: a legacy report from before the registry."""
        key = f"term:{cluster.slug}:{year}"
        entry = self.state.setdefault(
            key,
            {"type": "term", "cluster": cluster.slug, "source": cluster.source, "year": year,
             "pages": {}},
        )  # fmt: skip
        entry["pages"][page] = _contribution(year, roster, title)
        return self.path_for(entry)

    def path_for(self, entry: dict) -> str:
        if entry["type"] == "cluster":
            name = f"cum-moi-{entry['slug']}.yml"
        else:
            name = f"{entry['cluster']}-nam-{entry['year']}.yml"
        return str(self.folder / name)

    def _taken_up(self, entry: dict) -> bool:
        """The registry now has it: the archivist copied the proposal in."""
        if entry.get("type") == "cluster":
            for cluster in self.registry.clusters.values():
                if cluster.slug == entry.get("slug"):
                    return True
            return False
        cluster = self.registry.clusters.get(entry.get("cluster", ""))
        return cluster is None or cluster.term(int(entry.get("year", 0))) is not None

    # Writing ------------------------------------------------------------------------------

    def write(self) -> list[Path]:
        """Write every proposal whose text changed; the same run twice writes nothing new."""
        if not self.state:
            return []
        self.folder.mkdir(parents=True, exist_ok=True)
        changed = []
        for entry in self.state.values():
            path = Path(self.path_for(entry))
            text = self._render(entry)
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                changed.append(path)
        state = json.dumps(self.state, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        state_file = self.folder / _STATE
        if not state_file.is_file() or state_file.read_text(encoding="utf-8") != state:
            state_file.write_text(state, encoding="utf-8")
        return changed

    def _render(self, entry: dict) -> str:
        pages = entry["pages"]
        years = sorted({c["year"] for c in pages.values() if c["year"] is not None})
        lines = ["# ĐỀ XUẤT bổ sung sổ đăng ký — CHƯA áp dụng, cần người kiểm tra."]
        for page, contribution in sorted(pages.items()):
            lines.append(f"# Từ trang: {page} (“{_one_line(contribution['title'])}”)")
        units_file = self.content / "units.yml"
        if entry["type"] == "cluster":
            lines += [
                f"# Vì sao: bài ghi {entry['agency_from']} nhưng sổ đăng ký không có cụm/khối",
                "#   nào khớp (xem báo cáo nhập bài).",
                "# Cách dùng: kiểm tra từng dòng “kiểm tra”, thêm các đơn vị mới vào",
                f"#   {units_file}, chép tệp này vào {self.content / 'clusters'}/ rồi chạy lại",
                "#   make import.",
            ]
        else:
            lines += [
                f"# Vì sao: {entry['cluster']} chưa có năm {entry['year']} trong sổ đăng ký.",
                f"# Cách dùng: kiểm tra, rồi chép mục dưới đây vào “terms:” của {entry['source']}",
                f"#   (thêm các đơn vị mới vào {units_file} trước).",
            ]
        new_units = self._new_units(pages)
        if new_units:
            lines.append(f"# Đơn vị bài nêu nhưng chưa có trong {units_file} (thêm vào đó):")
            for name, slug in new_units.items():
                lines += [
                    f"#   - slug: {slug}",
                    f"#     name: {_yaml(name)}",
                    f"#     short_name: {_yaml(name)}",
                ]
        if entry["type"] == "cluster":
            lines += [
                f"slug: {entry['slug']}   {CHECK}",
                f"name: {_yaml(entry['name'])}",
                f"kind: {entry['kind']}",
                f"number: {_yaml(str(entry['number']))}",
                f"agency: {_yaml(entry['agency'])}   {CHECK}: theo {entry['agency_from']}",
            ]
            if entry["province"]:
                lines.append(f"province: {_yaml(entry['province'])}   {CHECK}")
            else:
                lines.append(f"# province:   {CHECK}: bài không nêu tỉnh")
            lines.append("terms:")
            for year in years or [None]:
                lines += self._term_lines(year, pages, new_units, "  ")
            if not years:
                lines.insert(len(lines) - 1, "# năm thi đua chưa rõ: điền “year”")
        else:
            lines += self._term_lines(entry["year"], pages, new_units, "")
        return "\n".join(lines) + "\n"

    def _new_units(self, pages: dict) -> dict[str, str]:
        taken = set(self.registry.units)
        names: dict[str, str] = {}
        for contribution in pages.values():
            for name in contribution["new"]:
                if name not in names:
                    names[name] = unit_slug(name, taken)
                    taken.add(names[name])
        return names

    def _term_lines(self, year, pages, new_units, indent) -> list[str]:
        mine = [c for c in pages.values() if c["year"] == year]
        members = list(dict.fromkeys(s for c in mine for s in c["known"]))
        members += [new_units[n] for c in mine for n in c["new"] if new_units[n] not in members]
        lines = [f"{indent}- year: {year if year is not None else '   # điền năm'}"]
        note = "các đơn vị bài nêu tên; bài có thể không nêu đủ" if members else "bài không nêu"
        lines.append(f"{indent}  members: {_yaml(members)}   {CHECK}: {note}")
        for role, label in (("head", "trưởng"), ("deputy", "phó")):
            values = list(dict.fromkeys(c[role] for c in mine if c[role]))
            values = [new_units.get(v, v) for v in values]
            if values:
                other = f" (trang khác ghi: {', '.join(values[1:])})" if len(values) > 1 else ""
                lines.append(f"{indent}  {role}: {values[0]}   {CHECK}: cụm/khối {label}{other}")
            else:
                lines.append(f"{indent}  # {role}:   {CHECK}: bài không nêu cụm/khối {label}")
        for key in ("motto", "decision"):
            values = list(dict.fromkeys(c[key] for c in mine if c[key]))
            if values:
                lines.append(f"{indent}  {key}: {_yaml(values[0])}   {CHECK}")
        return lines


def _contribution(year: int | None, roster: Roster, title: str) -> dict:
    return {
        "year": year, "title": title, "known": roster.known, "new": roster.new,
        "head": roster.head, "deputy": roster.deputy, "motto": roster.motto,
        "decision": roster.decision,
    }  # fmt: skip


def _label(kind: str) -> str:
    return "Khối" if kind == "khối" else "Cụm"


def _number(mention: Mention) -> str:
    match = re.search(r"(\d{1,3}|[IVXLC]{1,7})$", mention.written)
    return match.group(1) if match else str(mention.value)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _yaml(value) -> str:
    dumped = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, width=1_000_000, sort_keys=False
    )
    return dumped.removesuffix("\n...\n").strip()
