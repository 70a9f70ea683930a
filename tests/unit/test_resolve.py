"""An article's place in the registry, without building a site."""

from __future__ import annotations

import datetime as dt

from thidua.domain.fields import ContentFields
from thidua.domain.index import build_index, resolve
from thidua.domain.model import ArticleLink, Cluster, Event, Membership, Registry, Term, Unit


def registry() -> Registry:
    units = {s: Unit(s, f"Đơn vị {s}", s) for s in ("a", "b", "c", "d")}
    cluster = Cluster("cum-1", "Cụm thi đua số 1", "cụm", "1", "VKSND tỉnh X")
    other = Cluster("cum-2", "Cụm thi đua số 2", "cụm", "2", "VKSND tỉnh X")
    cluster.terms = [Term(2024, [units["a"], units["b"], units["c"]], units["b"], units["c"],
                          cluster=cluster)]  # fmt: skip
    other.terms = [Term(2024, [units["d"]], units["d"], None, cluster=other)]
    reg = Registry({"cum-1": cluster, "cum-2": other}, units, {"ky-ket": Event("ky-ket", "Ký")})
    for c in reg.clusters.values():
        for term in c.terms:
            for unit in term.members:
                unit.memberships.append(Membership(term.year, c, term.role_of(unit)))
    return reg


def fields(**values) -> ContentFields:
    values.setdefault("date", dt.datetime(2024, 3, 5, 9))
    values.setdefault("cluster", "cum-1")
    return ContentFields(source="content/articles/x.md", **values)


def test_every_member_takes_part_by_default_head_first():
    emulation, problems = resolve(fields(event="ky-ket"), registry())
    assert problems == []
    assert [u.slug for u in emulation.units] == ["b", "c", "a"]
    assert [u.role for u in emulation.units] == ["head", "deputy", None]
    assert (emulation.year, emulation.event.slug, emulation.units_listed) == (2024, "ky-ket", False)


def test_units_named_are_kept_in_role_order():
    emulation, problems = resolve(fields(units=["a", "b"]), registry())
    assert problems == [] and [u.slug for u in emulation.units] == ["b", "a"]


def test_a_unit_of_another_cluster_says_where_it_is():
    _emulation, [problem] = resolve(fields(units=["d"]), registry())
    assert problem.field == "units"
    assert "không phải thành viên của cum-1 năm 2024 (năm đó đơn vị này thuộc cum-2)" in (
        problem.message
    )


def test_unknown_cluster_year_and_event():
    _emulation, [problem] = resolve(fields(cluster="cum-3"), registry())
    assert problem.field == "cluster"
    assert problem.message.startswith("không có cụm hay khối nào mang mã 'cum-3'")
    emulation, [problem] = resolve(fields(year=2019), registry())
    assert emulation is None and problem.field == "year"
    assert "các năm đã có: 2024" in problem.message and problem.suggestion is None
    _emulation, [problem] = resolve(fields(event="ky-kett"), registry())
    assert problem.suggestion == "'ky-ket'"


def test_missing_cluster_and_date():
    _emulation, found = resolve(ContentFields(source="x.md"), registry())
    assert {p.field for p in found} == {"date", "cluster"}


class Article:
    """What the index reads of a Pelican article: a date, a path, the emulation data."""

    def __init__(self, reg: Registry, day: int, cluster: str = "cum-1"):
        self.date = dt.datetime(2024, 3, day)
        self.source_path = f"{day}.md"
        self.title, self.url = f"Bài ngày {day}", f"bai-viet/{day}/"
        self.emulation, _ = resolve(fields(date=self.date, cluster=cluster), reg)


def test_the_index_files_each_article_once_newest_first_with_neighbours():
    reg = registry()
    first, second, third = Article(reg, 1), Article(reg, 2), Article(reg, 3, cluster="cum-2")
    index = build_index([first, third, second], reg)
    assert index.by_cluster["cum-1"] == [second, first]
    assert index.by_cluster_year[("cum-2", 2024)] == [third]
    assert index.by_unit["a"] == [second, first]
    # A neighbour is a copy of what the article page shows of it, not the article itself.
    assert second.emulation.older == ArticleLink("Bài ngày 1", "bai-viet/1/", first.date)
    assert first.emulation.newer == ArticleLink("Bài ngày 2", "bai-viet/2/", second.date)
    assert index.years == [2024]
