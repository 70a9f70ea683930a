"""The page digest (thidua.incremental): what a template can read decides, nothing else."""

from __future__ import annotations

import datetime as dt

from jinja2 import DictLoader, Environment
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from thidua.domain.model import Cluster, Membership, Registry, Term, Unit
from thidua.incremental.digest import PageDigests
from thidua.incremental.templates import TemplateNames

TEMPLATES = {
    "base.html": "<title>{{ SITENAME }}</title>{% block main %}{% endblock %}",
    "list.html": (
        '{% extends "base.html" %}{% from "card.html" import card %}'
        "{% block main %}{% for a in items %}{{ card(a) }}{% endfor %}{% endblock %}"
    ),
    "card.html": "{% macro card(a) %}<h2>{{ a.title }}</h2>{{ footer }}{% endmacro %}",
    "page.html": '{% extends "base.html" %}{% block main %}{{ article.content }}{% endblock %}',
    "by_name.html": "{{ items | map(attribute='content') | join }}",
    "blocks.html": "{% block content %}x{% endblock %}{{ self.content() }}",
    "dynamic.html": "{% include chosen %}",
}


def names(template: str):
    return TemplateNames().referenced_names(Environment(loader=DictLoader(TEMPLATES)), template)


def test_a_page_reads_the_names_of_its_templates_and_what_they_pull_in():
    found, bodies = names("list.html")
    assert {"SITENAME", "items", "footer"} <= found
    assert "a" not in found and not bodies  # a loop variable; headlines only
    assert names("page.html")[1] is True  # article.content
    assert names("by_name.html")[1] is True  # the attribute named as a string
    assert names("blocks.html")[1] is False  # self.content() is a block
    assert names("dynamic.html") is None  # a template chosen at render time: unknowable


def article(body: str, title: str = "Tin") -> Article:
    settings = dict(DEFAULT_CONFIG, TIMEZONE="Asia/Ho_Chi_Minh")
    metadata = {"title": title, "date": dt.datetime(2024, 3, 5), "summary": "Tóm tắt."}
    return Article(body, metadata=metadata, settings=settings, context={})


def digest(local: dict, template: str = "list.html", bodies: bool = False) -> str | None:
    read, _ = names(template)
    return PageDigests(b"base").page(template, read, local, bodies)


def test_the_digest_follows_values_deeply_and_ignores_names_no_template_reads():
    one, two = article("<p>Một.</p>"), article("<p>Hai.</p>", title="Tin hai")
    page = {"SITENAME": "Cổng", "items": [one, two], "footer": "©"}
    first = digest(page)
    assert digest(dict(page, unrelated=[1, 2, 3])) == first
    assert digest(dict(page, items=[one, article("<p>Hai.</p>", title="Tin 2")])) != first
    assert digest(dict(page, footer="© 2024")) != first
    assert digest(dict(page, SITENAME="Cổng mới")) != first


def test_an_article_body_counts_only_where_a_template_reads_it():
    page = {"items": [article("<p>Một.</p>")]}
    edited = {"items": [article("<p>Một, đã sửa.</p>")]}
    assert digest(page) == digest(edited)  # a list of headlines
    shown = {"article": article("<p>Một.</p>")}
    assert digest(shown, "page.html", True) != digest(
        {"article": article("<p>Một, đã sửa.</p>")}, "page.html", True
    )


def registry() -> Registry:
    """Clusters, terms, units and memberships point at each other in cycles."""
    cluster = Cluster(slug="cum-1", name="Cụm 1", kind="cụm", number="1", agency="VKS")
    unit = Unit(slug="a", name="Đơn vị A", short_name="A")
    term = Term(year=2024, members=[unit], head=unit, deputy=None, cluster=cluster)
    cluster.terms.append(term)
    unit.memberships.append(Membership(year=2024, cluster=cluster, role="head"))
    return Registry(clusters={"cum-1": cluster}, units={"a": unit})


def test_registry_objects_are_described_by_key_and_the_whole_registry():
    before = registry()
    after = registry()
    after.units["a"].name = "Đơn vị A (mới)"
    page = {"items": [], "footer": before.clusters["cum-1"]}
    first = PageDigests(b"base", before).page("list.html", names("list.html")[0], page)
    again = PageDigests(b"base", registry()).page(
        "list.html", names("list.html")[0], {"items": [], "footer": registry().clusters["cum-1"]}
    )
    renamed = PageDigests(b"base", after).page(
        "list.html", names("list.html")[0], {"items": [], "footer": after.clusters["cum-1"]}
    )
    assert first is not None and first == again and renamed != first


def test_a_value_the_digest_cannot_describe_means_the_page_is_always_rendered():
    page = {"items": iter([1, 2]), "footer": ""}  # an iterator would be used up by hashing
    digests = PageDigests(b"base")
    assert digests.page("list.html", names("list.html")[0], page) is None
    assert digests.volatile  # and the reason is kept
    assert digests.page("dynamic.html", None, {}) is None
