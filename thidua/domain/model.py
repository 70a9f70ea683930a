"""Typed objects for the emulation registry and the problems found in content.

Templates use these objects (``article.cluster.name``, ``unit.url``) instead of
looking strings up again in every template.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .messages import field_label, t


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, told the way an author can act on it."""

    file: str
    field: str
    message: str
    suggestion: str | None = None
    line: int | None = None
    fatal: bool = True

    @property
    def where(self) -> str:
        """'content/articles/…/index.md:7': the file and line, as editors link them."""
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def level(self) -> str:
        return t("lỗi") if self.fatal else t("cảnh báo")

    @property
    def label(self) -> str:
        return field_label(self.field)

    @property
    def hint(self) -> str:
        """' — có phải ý bạn là …?' when there is a nearest valid value, else ''."""
        return t(" — có phải ý bạn là {value}?", value=self.suggestion) if self.suggestion else ""

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{where}{self.level}: {self.label}: {self.message}{self.hint}"


@dataclass(frozen=True)
class Event:
    """A kind of event an article reports (pledge signing, review, ...)."""

    slug: str
    label: str
    url: str = ""

    def __str__(self) -> str:
        return self.label


@dataclass(eq=False)
class Unit:
    """A member unit of clusters (a district procuracy, a department, a bank)."""

    slug: str
    name: str
    short_name: str
    url: str = ""
    source: str = ""
    # (year, cluster, role) for every year the unit is a member, oldest first.
    memberships: list[Membership] = field(default_factory=list)

    def __str__(self) -> str:
        return self.short_name

    def membership(self, year: int) -> Membership | None:
        return next((m for m in self.memberships if m.year == year), None)


@dataclass(eq=False)
class Term:
    """One emulation year of a cluster: its members, head and deputy."""

    year: int
    members: list[Unit]
    head: Unit | None
    deputy: Unit | None
    motto: str = ""
    decision: str = ""
    cluster: Cluster | None = None

    def role_of(self, unit: Unit) -> str | None:
        if unit is self.head:
            return "head"
        if unit is self.deputy:
            return "deputy"
        return None

    def role_label(self, unit: Unit) -> str:
        """'Cụm trưởng' / 'Khối phó' / 'Thành viên' for this cluster's kind."""
        kind_label = self.cluster.kind_label if self.cluster else "Cụm"
        return role_label(kind_label, self.role_of(unit))

    @property
    def members_by_role(self) -> list[Unit]:
        """Head first, then deputy, then the others in registry order."""
        first = [u for u in (self.head, self.deputy) if u is not None]
        return first + [u for u in self.members if u not in first]


@dataclass(frozen=True)
class Membership:
    year: int
    cluster: Cluster
    role: str | None  # "head", "deputy" or None

    @property
    def role_label(self) -> str:
        return role_label(self.cluster.kind_label, self.role)


def role_label(kind_label: str, role: str | None) -> str:
    if role == "head":
        return f"{kind_label} trưởng"
    if role == "deputy":
        return f"{kind_label} phó"
    return "Thành viên"


@dataclass(eq=False)
class Cluster:
    """An emulation cluster (cụm) or block (khối) and its yearly terms."""

    slug: str
    name: str
    kind: str  # "cụm" or "khối"
    number: str
    agency: str
    province: str = ""
    description: str = ""  # Markdown source
    description_html: str = ""  # rendered, with raw HTML escaped
    terms: list[Term] = field(default_factory=list)
    source: str = ""
    url: str = ""
    feed_url: str = ""

    def __str__(self) -> str:
        return self.full_name

    @property
    def kind_label(self) -> str:
        return "Khối" if self.kind == "khối" else "Cụm"

    @property
    def full_name(self) -> str:
        """'Khối thi đua số 02 – VKSND tỉnh Bắc Giang': names repeat across agencies."""
        return f"{self.name} – {self.agency}" if self.agency else self.name

    @property
    def display_name(self) -> str:
        return self.full_name

    @property
    def years(self) -> list[int]:
        return sorted((t.year for t in self.terms), reverse=True)

    def term(self, year: int) -> Term | None:
        return next((t for t in self.terms if t.year == year), None)

    @property
    def latest_term(self) -> Term | None:
        return max(self.terms, key=lambda t: t.year, default=None)


@dataclass
class Registry:
    """Every cluster and unit the content may refer to."""

    clusters: dict[str, Cluster] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleUnit:
    """A unit taking part in one article, with its role in that year's term."""

    unit: Unit
    role: str | None
    role_label: str

    # Read like a Unit in templates: article.emulation.units[0].name, .url, ...
    slug = property(lambda self: self.unit.slug)
    name = property(lambda self: self.unit.name)
    short_name = property(lambda self: self.unit.short_name)
    url = property(lambda self: self.unit.url)


@dataclass(frozen=True)
class ArticleLink:
    """What an article page shows of a neighbour: a copy, not the article itself, so a
    page depends on its neighbours' title, address and date only (see thidua.incremental)."""

    title: str
    url: str
    date: object  # datetime


@dataclass(eq=False)
class ArticleEmulation:
    """An article's place in the emulation movement: ``article.emulation`` in templates."""

    cluster: Cluster
    year: int  # the emulation year (may differ from the year of the date)
    term: Term
    event: Event | None = None
    units: list[ArticleUnit] = field(default_factory=list)
    units_listed: bool = False  # False: every member that year took part
    newer: ArticleLink | None = None  # the next article in the same cluster
    older: ArticleLink | None = None
