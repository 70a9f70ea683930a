"""Loading the registry of clusters and units from the content folder.

The registry is one YAML file per cluster or block in ``<content>/clusters/``
and a list of units in ``<content>/units.yml``. Loading never stops at the
first mistake: every problem is collected so an author can fix them all at once.
"""

from __future__ import annotations

import html
from pathlib import Path

import markdown
import yaml

from thidua import settings as plugin_settings
from thidua.domain import vietnamese

from . import markup
from .frontmatter import describe_yaml_error, load_yaml
from .model import Cluster, Event, Membership, Problem, Registry, Term, Unit
from .paths import is_inside
from .suggest import nearest

CLUSTER_KINDS = ("cụm", "khối")
_KIND_ALIASES = {"cum": "cụm", "khoi": "khối", "cụm": "cụm", "khối": "khối"}


def load_registry(content_path: str | Path, settings: dict) -> tuple[Registry, list[Problem]]:
    """Read units and clusters under `content_path`; return them and every problem found."""
    content = Path(content_path)
    problems: list[Problem] = []
    registry = Registry(events=_events(settings))
    units_file = content / plugin_settings.get(settings, "EMULATION_UNITS_FILE")
    registry.units = _load_units(units_file, content, problems)
    clusters_dir = content / plugin_settings.get(settings, "EMULATION_CLUSTERS_DIR")
    if not clusters_dir.is_dir():
        problems.append(
            Problem(_rel(clusters_dir, content), "clusters", "the registry folder does not exist")
        )
    else:
        for path in sorted(clusters_dir.glob("*.y*ml")):
            cluster = _load_cluster(path, content, registry, problems)
            if cluster is None:
                continue
            if cluster.slug in registry.clusters:
                other = registry.clusters[cluster.slug].source
                problems.append(
                    Problem(
                        cluster.source, "slug",
                        f"cluster slug '{cluster.slug}' is already used by {other}; "
                        "give one of them its own 'slug:'",
                    )
                )  # fmt: skip
                continue
            registry.clusters[cluster.slug] = cluster
    _link_memberships(registry, problems)
    return registry, problems


def _events(settings: dict) -> dict[str, Event]:
    events = plugin_settings.get(settings, "EMULATION_EVENTS")
    return {slug: Event(slug, label) for slug, label in events.items()}


def _rel(path: Path, content: Path) -> str:
    try:
        return str(path.relative_to(content.parent)) if content.parent != path else str(path)
    except ValueError:
        return str(path)


MAX_REGISTRY_FILE = 1_000_000  # bytes: hundreds of units fit in a few kB


def _read_yaml(path: Path, content: Path, problems: list[Problem]):
    source = _rel(path, content)
    if not is_inside(path, content):
        problems.append(Problem(source, "file", "is a link to a file outside the content folder"))
        return None
    if path.stat().st_size > MAX_REGISTRY_FILE:
        limit = MAX_REGISTRY_FILE // 1_000_000
        problems.append(Problem(source, "file", f"is larger than {limit} MB"))
        return None
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        message, line = describe_yaml_error(exc)
        problems.append(Problem(_rel(path, content), "yaml", message, line=line))
    except UnicodeDecodeError:
        problems.append(Problem(_rel(path, content), "file", "is not UTF-8 text"))
    except OSError as exc:
        problems.append(Problem(_rel(path, content), "file", f"cannot be read ({exc.strerror})"))
    return None


def _load_units(path: Path, content: Path, problems: list[Problem]) -> dict[str, Unit]:
    source = _rel(path, content)
    if not path.exists():
        problems.append(Problem(source, "units", "the list of units does not exist"))
        return {}
    data = _read_yaml(path, content, problems)
    if data is None:
        return {}
    if isinstance(data, dict) and "units" in data:
        data = data["units"]
    if not isinstance(data, list):
        problems.append(Problem(source, "units", "must be a list of {slug, name, short_name}"))
        return {}
    units: dict[str, Unit] = {}
    for position, entry in enumerate(data, start=1):
        where = f"units[{position}]"
        if not isinstance(entry, dict) or not entry.get("name"):
            problems.append(Problem(source, f"{where}.name", "every unit needs a name"))
            continue
        name = str(entry["name"]).strip()
        slug = str(entry.get("slug") or vietnamese.slugify(name)).strip()
        if slug in units:
            problems.append(
                Problem(source, f"{where}.slug", f"unit slug '{slug}' is used twice in the list")
            )
            continue
        short = str(entry.get("short_name") or name).strip()
        units[slug] = Unit(slug=slug, name=name, short_name=short, source=source)
    return units


def _load_cluster(
    path: Path, content: Path, registry: Registry, problems: list[Problem]
) -> Cluster | None:
    source = _rel(path, content)
    data = _read_yaml(path, content, problems)
    if data is None:
        if is_inside(path, content) and path.stat().st_size == 0:
            problems.append(Problem(source, "file", "is empty"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(source, "file", "must be 'key: value' lines (name, kind, …)"))
        return None
    name = str(data.get("name") or "").strip()
    if not name:
        problems.append(Problem(source, "name", "missing: e.g. 'Cụm thi đua số 1'"))
        return None
    kind = _KIND_ALIASES.get(str(data.get("kind") or "").strip().lower())
    if kind is None:
        kind = "khối" if name.lower().startswith("khối") else "cụm"
        if data.get("kind") is not None:
            problems.append(
                Problem(
                    source, "kind", f"unknown kind '{data.get('kind')}'; use cụm or khối",
                    suggestion=nearest(data.get("kind"), CLUSTER_KINDS) or f"'{kind}'",
                )
            )  # fmt: skip
    number = str(data.get("number") or "").strip()
    if number and vietnamese.cluster_number_value(number) is None:
        problems.append(
            Problem(
                source, "number",
                f"'{number}' is neither a number nor a Roman numeral (e.g. \"02\", \"III\")",
            )
        )  # fmt: skip
    agency = str(data.get("agency") or "").strip()
    slug = str(data.get("slug") or vietnamese.slugify(f"{name} {agency}")).strip()
    description = str(data.get("description") or "").strip()
    cluster = Cluster(
        slug=slug, name=name, kind=kind, number=number, agency=agency,
        province=str(data.get("province") or "").strip(),
        description=description,
        # Registry text is data, not markup: escape raw HTML, keep Markdown.
        description_html=markdown.markdown(html.escape(description, quote=False)),
        source=source,
    )  # fmt: skip
    for what, _needle in markup.active_content(cluster.description_html):
        problems.append(Problem(source, "description", f"{what} is not allowed here"))
    cluster.terms = _load_terms(data.get("terms"), cluster, registry, problems)
    return cluster


def _load_terms(raw, cluster: Cluster, registry: Registry, problems: list[Problem]) -> list[Term]:
    source = cluster.source
    if not raw:
        problems.append(
            Problem(source, "terms", "no emulation year listed: add terms with year and members")
        )
        return []
    if not isinstance(raw, list):
        problems.append(Problem(source, "terms", "must be a list, one entry per year"))
        return []
    terms: list[Term] = []
    for position, entry in enumerate(raw, start=1):
        where = f"terms[{position}]"
        if not isinstance(entry, dict):
            problems.append(Problem(source, where, "must have year, members, head"))
            continue
        year = _as_year(entry.get("year"))
        if year is None:
            problems.append(
                Problem(source, f"{where}.year", f"'{entry.get('year')}' is not a year like 2024")
            )
            continue
        if any(t.year == year for t in terms):
            problems.append(Problem(source, f"{where}.year", f"year {year} is listed twice"))
            continue
        members = _member_units(
            entry.get("members"), f"{where}.members", source, registry, problems
        )
        if not members:
            problems.append(Problem(source, f"{where}.members", f"no members listed for {year}"))
        head = _role_unit(entry, "head", where, members, source, registry, problems)
        deputy = _role_unit(entry, "deputy", where, members, source, registry, problems)
        if head is not None and head is deputy:
            problems.append(
                Problem(source, f"{where}.deputy", "the deputy cannot be the head as well")
            )
        terms.append(
            Term(
                year=year, members=members, head=head, deputy=deputy,
                motto=str(entry.get("motto") or "").strip(),
                decision=str(entry.get("decision") or "").strip(),
                cluster=cluster,
            )
        )  # fmt: skip
    return sorted(terms, key=lambda t: t.year)


def _as_year(value) -> int | None:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2200 else None


def _member_units(raw, where, source, registry: Registry, problems) -> list[Unit]:
    slugs = raw if isinstance(raw, list) else ([raw] if raw else [])
    members: list[Unit] = []
    for slug in (str(s).strip() for s in slugs):
        unit = registry.units.get(slug)
        if unit is None:
            problems.append(
                Problem(
                    source, where, f"unknown unit '{slug}' (not in units.yml)",
                    suggestion=nearest(slug, registry.units),
                )
            )  # fmt: skip
        elif unit in members:
            problems.append(Problem(source, where, f"unit '{slug}' is listed twice"))
        else:
            members.append(unit)
    return members


def _role_unit(entry, role, where, members, source, registry: Registry, problems) -> Unit | None:
    slug = entry.get(role)
    if slug is None or str(slug).strip() == "":
        if role == "head":
            problems.append(
                Problem(source, f"{where}.head", "no head unit named for this year", fatal=False)
            )
        return None
    slug = str(slug).strip()
    unit = registry.units.get(slug)
    if unit is None or unit not in members:
        what = "an unknown unit" if unit is None else "not among this year's members"
        problems.append(
            Problem(
                source, f"{where}.{role}", f"'{slug}' is {what}",
                suggestion=nearest(slug, [m.slug for m in members]),
            )
        )  # fmt: skip
        return None
    return unit


def _link_memberships(registry: Registry, problems: list[Problem]) -> None:
    """Give each unit its (year, cluster, role) history; flag two clusters in one year."""
    for cluster in registry.clusters.values():
        for term in cluster.terms:
            for unit in term.members:
                earlier = unit.membership(term.year)
                if earlier is not None:
                    problems.append(
                        Problem(
                            cluster.source, f"terms[{term.year}].members",
                            f"unit '{unit.slug}' is also in {earlier.cluster.slug} in {term.year}; "
                            "a unit belongs to one cluster or block a year",
                            fatal=False,
                        )
                    )  # fmt: skip
                    continue
                unit.memberships.append(Membership(term.year, cluster, term.role_of(unit)))
    for unit in registry.units.values():
        unit.memberships.sort(key=lambda m: m.year)
