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
from .messages import t
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
            Problem(
                _rel(clusters_dir, content),
                "clusters",
                t(
                    "không có thư mục danh sách cụm; hãy tạo thư mục này, "
                    "mỗi cụm hay khối một tệp .yml"
                ),
            )
        )
    else:
        for path in _cluster_files(clusters_dir):
            cluster = _load_cluster(path, content, registry, problems)
            if cluster is None:
                continue
            if cluster.slug in registry.clusters:
                other = registry.clusters[cluster.slug].source
                problems.append(
                    Problem(
                        cluster.source, "slug",
                        t("mã cụm '{slug}' đã được dùng trong {other}; hãy ghi cho một trong "
                          "hai cụm một dòng slug: khác", slug=cluster.slug, other=other),
                    )
                )  # fmt: skip
                continue
            registry.clusters[cluster.slug] = cluster
    _link_memberships(registry, problems)
    return registry, problems


def _cluster_files(clusters_dir: Path) -> list[Path]:
    return sorted(clusters_dir.glob("*.y*ml"))


def registry_files(content_path: str | Path, settings: dict) -> list[Path]:
    """Every file `load_registry` reads (the units file, each cluster's file): with the
    settings and the code, all a registry is made of."""
    content = Path(content_path)
    clusters_dir = content / plugin_settings.get(settings, "EMULATION_CLUSTERS_DIR")
    found = _cluster_files(clusters_dir) if clusters_dir.is_dir() else []
    return [content / plugin_settings.get(settings, "EMULATION_UNITS_FILE"), *found]


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
        problems.append(
            Problem(
                source,
                "file",
                t("là liên kết tới một tệp ngoài thư mục nội dung; hãy chép chính tệp đó vào đây"),
            )
        )
        return None
    if path.stat().st_size > MAX_REGISTRY_FILE:
        limit = MAX_REGISTRY_FILE // 1_000_000
        problems.append(
            Problem(
                source,
                "file",
                t("lớn hơn {limit} MB; một tệp danh sách chỉ cần vài kB", limit=limit),
            )
        )
        return None
    text = ""
    try:
        text = path.read_text(encoding="utf-8")
        return load_yaml(text)
    except yaml.YAMLError as exc:
        message, line = describe_yaml_error(exc, 0, text)
        problems.append(Problem(source, "yaml", message, line=line))
    except UnicodeDecodeError:
        problems.append(
            Problem(
                source, "file", t("không phải văn bản UTF-8; hãy lưu lại tệp với bảng mã UTF-8")
            )
        )
    except OSError as exc:
        problems.append(
            Problem(source, "file", t("không đọc được tệp ({reason})", reason=exc.strerror))
        )
    return None


def _load_units(path: Path, content: Path, problems: list[Problem]) -> dict[str, Unit]:
    source = _rel(path, content)
    if not path.exists():
        problems.append(
            Problem(
                source,
                "units",
                t(
                    "chưa có danh sách đơn vị; hãy tạo tệp này, mỗi đơn vị một mục có slug, name, "
                    "short_name"
                ),
            )
        )
        return {}
    data = _read_yaml(path, content, problems)
    if data is None:
        return {}
    if isinstance(data, dict) and "units" in data:
        data = data["units"]
    if not isinstance(data, list):
        problems.append(
            Problem(
                source, "units", t("phải là danh sách đơn vị, mỗi mục có slug, name, short_name")
            )
        )
        return {}
    units: dict[str, Unit] = {}
    for position, entry in enumerate(data, start=1):
        where = f"units[{position}]"
        if not isinstance(entry, dict) or not entry.get("name"):
            problems.append(
                Problem(source, f"{where}.name", t("đơn vị nào cũng cần có name (tên đầy đủ)"))
            )
            continue
        name = str(entry["name"]).strip()
        slug = str(entry.get("slug") or vietnamese.slugify(name)).strip()
        if slug in units:
            problems.append(
                Problem(
                    source,
                    f"{where}.slug",
                    t(
                        "mã đơn vị '{slug}' có hai lần trong danh sách; hãy đổi hoặc xoá một mục",
                        slug=slug,
                    ),
                )
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
            problems.append(
                Problem(
                    source,
                    "file",
                    t(
                        "tệp trống; hãy ghi name, kind, number, agency và terms "
                        "như mẫu trong README"
                    ),
                )
            )
        return None
    if not isinstance(data, dict):
        problems.append(
            Problem(
                source,
                "file",
                t("phải gồm các dòng 'tên: giá trị' (name, kind, number, agency, terms)"),
            )
        )
        return None
    name = str(data.get("name") or "").strip()
    if not name:
        problems.append(
            Problem(
                source,
                "name",
                t("chưa có tên cụm; hãy thêm dòng name:, ví dụ name: Cụm thi đua số 1"),
            )
        )
        return None
    kind = _KIND_ALIASES.get(str(data.get("kind") or "").strip().lower())
    if kind is None:
        kind = "khối" if name.lower().startswith("khối") else "cụm"
        if data.get("kind") is not None:
            problems.append(
                Problem(
                    source, "kind", t("không có loại '{kind}'; hãy ghi cụm hoặc khối",
                                      kind=data.get("kind")),
                    suggestion=nearest(data.get("kind"), CLUSTER_KINDS) or f"'{kind}'",
                )
            )  # fmt: skip
    number = str(data.get("number") or "").strip()
    if number and vietnamese.cluster_number_value(number) is None:
        problems.append(
            Problem(
                source, "number",
                t("'{number}' không phải số thứ tự; hãy ghi chữ số hoặc số La Mã, ví dụ "
                  "\"02\", \"III\"", number=number),
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
        problems.append(
            Problem(
                source,
                "description",
                t(
                    "không được dùng {what} trong phần mô tả; hãy chỉ viết chữ và liên kết http(s)",
                    what=what,
                ),
            )
        )
    cluster.terms = _load_terms(data.get("terms"), cluster, registry, problems)
    return cluster


def _load_terms(raw, cluster: Cluster, registry: Registry, problems: list[Problem]) -> list[Term]:
    source = cluster.source
    if not raw:
        problems.append(
            Problem(
                source,
                "terms",
                t(
                    "chưa có năm thi đua nào; hãy thêm terms: với year, members "
                    "và head cho từng năm"
                ),
            )
        )
        return []
    if not isinstance(raw, list):
        problems.append(
            Problem(
                source,
                "terms",
                t("phải là danh sách, mỗi năm thi đua một mục bắt đầu bằng '- year:'"),
            )
        )
        return []
    terms: list[Term] = []
    for position, entry in enumerate(raw, start=1):
        where = f"terms[{position}]"
        if not isinstance(entry, dict):
            problems.append(Problem(source, where, t("mỗi năm phải có year, members, head")))
            continue
        year = _as_year(entry.get("year"))
        if year is None:
            problems.append(
                Problem(
                    source,
                    f"{where}.year",
                    t(
                        "'{value}' không phải là một năm; hãy viết 4 chữ số, ví dụ 2024",
                        value=entry.get("year"),
                    ),
                )
            )
            continue
        if any(t.year == year for t in terms):
            problems.append(
                Problem(
                    source,
                    f"{where}.year",
                    t("năm {year} được ghi hai lần; hãy gộp lại thành một mục", year=year),
                )
            )
            continue
        members = _member_units(
            entry.get("members"), f"{where}.members", source, registry, problems
        )
        if not members:
            problems.append(
                Problem(
                    source,
                    f"{where}.members",
                    t(
                        "năm {year} chưa có đơn vị thành viên; hãy ghi members: [mã đơn vị, …]",
                        year=year,
                    ),
                )
            )
        head = _role_unit(entry, "head", where, members, source, registry, problems)
        deputy = _role_unit(entry, "deputy", where, members, source, registry, problems)
        if head is not None and head is deputy:
            problems.append(
                Problem(
                    source,
                    f"{where}.deputy",
                    t(
                        "một đơn vị không thể vừa là trưởng (head) vừa là phó (deputy); hãy chọn "
                        "đơn vị khác làm deputy"
                    ),
                )
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
                    source, where, t("không có đơn vị nào mang mã '{slug}' trong danh sách "
                                     "đơn vị", slug=slug),
                    suggestion=nearest(slug, registry.units),
                )
            )  # fmt: skip
        elif unit in members:
            problems.append(
                Problem(
                    source, where, t("đơn vị '{slug}' được ghi hai lần; hãy xoá một lần", slug=slug)
                )
            )
        else:
            members.append(unit)
    return members


def _role_unit(entry, role, where, members, source, registry: Registry, problems) -> Unit | None:
    slug = entry.get(role)
    if slug is None or str(slug).strip() == "":
        if role == "head":
            problems.append(
                Problem(
                    source,
                    f"{where}.head",
                    t("chưa ghi đơn vị trưởng (head) của năm này"),
                    fatal=False,
                )
            )
        return None
    slug = str(slug).strip()
    unit = registry.units.get(slug)
    if unit is None or unit not in members:
        if unit is None:
            message = t("không có đơn vị nào mang mã '{slug}' trong danh sách đơn vị", slug=slug)
        else:
            message = t(
                "'{slug}' không có trong members: của năm này; {role} phải là một thành viên",
                slug=slug,
                role=role,
            )
        problems.append(
            Problem(
                source, f"{where}.{role}", message,
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
                            t("đơn vị '{slug}' cũng thuộc {other} năm {year}; mỗi năm một đơn "
                              "vị chỉ thuộc một cụm hay khối", slug=unit.slug,
                              other=earlier.cluster.slug, year=term.year),
                            fatal=False,
                        )
                    )  # fmt: skip
                    continue
                unit.memberships.append(Membership(term.year, cluster, term.role_of(unit)))
    for unit in registry.units.values():
        unit.memberships.sort(key=lambda m: m.year)
