"""The page digest (thidua.incremental): what a template can read decides, nothing else."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from thidua.domain.model import ArticleLink, Cluster, Membership, Registry, Term, Unit
from thidua.incremental.digest import PageDigests, Volatile, _slot_names
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


# -- values: what the caches and the marshal-written descriptions must not blur ---------


@dataclasses.dataclass
class Box:
    a: object
    b: object = None


@dataclasses.dataclass
class BoxChild(Box):
    pass


def test_an_attribute_set_on_one_instance_counts_and_their_order_does_not():
    digests = PageDigests(b"")
    plain = digests.value(Box(1))  # the layout of Box's fields is cached here
    extra = Box(1)
    extra.note = "x"
    assert digests.value(extra) != plain
    reordered = Box.__new__(Box)  # the same attributes, set in another order
    reordered.note, reordered.b, reordered.a = "x", None, 1
    assert digests.value(reordered) == digests.value(extra)
    assert PageDigests(b"").value(reordered) == digests.value(extra)


def test_a_field_named_like_an_articles_derived_address_counts_elsewhere():
    """An article's `url` is made of its other fields and left out; a neighbour's link
    (ArticleLink) or any other object's `url` is data: a new address is a new page."""
    digests = PageDigests(b"")
    when = dt.datetime(2024, 5, 4, 9, 0)
    old = ArticleLink(title="Bài số 1", url="bai-viet/2024/bai-1/", date=when)
    new = ArticleLink(title="Bài số 1", url="bai-viet/2024/bai-mot/", date=when)
    assert digests.value(old) != digests.value(new)
    assert digests.value(Box(1, b="x")) != digests.value(Box(1, b="y"))
    boxed = Box(1)
    boxed.url, boxed.save_as = "a/", "a/index.html"
    moved = Box(1)
    moved.url, moved.save_as = "b/", "b/index.html"
    assert digests.value(boxed) != digests.value(moved)


def test_a_subclass_is_not_described_as_its_parent():
    digests = PageDigests(b"")
    assert digests.value(Box(1)) != digests.value(BoxChild(1))

    class Names(list):
        pass

    assert digests.value(Names(["a"])) != digests.value(["a"])
    assert digests.value(["a", 1]) != digests.value(("a", 1))


def test_markup_and_the_str_it_equals_differ_wherever_they_are():
    digests = PageDigests(b"")
    for text in ("<b>x</b>", "<b>x</b>" * 20):  # written out, and hashed
        markup = Markup(text)
        assert digests.value(text) != digests.value(markup)
        assert digests.value([text]) != digests.value([markup])
        assert digests.value({"k": text}) != digests.value({"k": markup})
        assert digests.value(Box(text)) != digests.value(Box(markup))


def test_plain_values_keep_their_type_order_and_nesting():
    digests = PageDigests(b"")
    variants = [[1], [True], [1.0], ["1"], [None], [[1]], [(1,)], [{1: 1}], [], [b"1"],
                [-0.0], [0.0], {"a": 1, "b": 2}, {"b": 2, "a": 1}, (1,), [Box(1)]]  # fmt: skip
    found = [digests.value(variant) for variant in variants]
    assert len(set(found)) == len(variants)
    fields = [Box(1), Box(True), Box("1"), Box(None), Box([1]), Box(1, 1), Box(None, 1)]
    assert len({digests.value(box) for box in fields}) == len(fields)
    # Lists and tuples of objects inside an object are written item by item, not hashed.
    one = Box(1)
    nested = [Box([one]), Box([Box(2)]), Box((one,)), Box([[one]]), Box([one, 1]),
              Box([one, [1]]), Box([one, [one]]), Box([digests.value(one)])]  # fmt: skip
    assert len({digests.value(box) for box in nested}) == len(nested)
    assert digests.value(Box([Box(1)])) == PageDigests(b"").value(Box([Box(1)]))


def test_a_digest_in_a_description_is_not_the_same_bytes_as_a_value():
    digests = PageDigests(b"")
    inner = Box([Box(2)])  # not plain: written by its digest, which is bytes
    assert digests.value(Box(inner)) != digests.value(Box(digests.value(inner)))


def test_every_hashed_object_is_kept_alive_so_that_its_id_is_not_reused():
    digests = PageDigests(b"")
    assert len({digests.value(Box(i)) for i in range(200)}) == 200
    assert len({digests.value([Box(i)]) for i in range(200)}) == 200  # looked up in a list


def test_a_cycle_or_an_unnamed_attribute_makes_the_value_volatile():
    looped = Box(None)
    looped.a = [looped]
    itself: list = []
    itself.append(itself)
    deeper: list = []
    deeper.append([deeper])  # through a list written inline
    tupled = Box(None)
    tupled.a = ([tupled],)
    odd = Box(1)
    vars(odd)[1] = "an attribute named by an int"
    for value in (looped, itself, deeper, tupled, Box([deeper]), odd):
        with pytest.raises(Volatile):
            PageDigests(b"").value(value)
    digests = PageDigests(b"base")
    assert digests.page("list.html", names("list.html")[0], {"items": looped}) is None


@dataclasses.dataclass(slots=True)
class Slotted:
    a: int


@dataclasses.dataclass(slots=True)
class SlottedChild(Slotted):
    b: int


def test_the_slots_of_every_base_class_are_read():
    digests = PageDigests(b"")
    assert digests.value(SlottedChild(1, 2)) != digests.value(SlottedChild(9, 2))

    class Private:
        __slots__ = ("__hidden", "shown")

    assert _slot_names(SlottedChild) == ("b", "a")
    assert _slot_names(Private) == ("_Private__hidden", "shown")


SAMPLE = """
import dataclasses, datetime as dt
from markupsafe import Markup
from thidua.incremental.digest import PageDigests

@dataclasses.dataclass
class Item:
    a: object
    b: object = None

def sample_digest():
    value = Item({"tags": {"b", "a", "c"}, "n": frozenset({3, 1, 2})},
                 [Markup("<b>x</b>"), dt.datetime(2024, 3, 5), ("y", 2.5), None, True])
    value.extra = {"z": 1, "a": [Item("x" * 100)], "s": {"q", "r", "p"}}
    return PageDigests(b"base").value(value).hex()
"""


def test_equal_values_give_equal_digests_in_other_processes():
    """No id, no hash-seeded order (sets) in what is hashed."""
    scope: dict = {"__name__": "__main__"}  # as under "python -c"
    exec(compile(SAMPLE, "<sample>", "exec", dont_inherit=True), scope)  # no __future__
    here = scope["sample_digest"]()
    root = Path(__file__).resolve().parents[2]
    for seed in ("0", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(root))
        code = SAMPLE + "\nprint(sample_digest())"
        ran = subprocess.run([sys.executable, "-c", code], env=env, cwd=root,
                             capture_output=True, text=True, check=True)  # fmt: skip
        assert ran.stdout.strip() == here


REGISTRY_SAMPLE = """
import sys
from thidua.cli import build
from thidua.domain.registry import load_registry
from thidua.incremental.digest import PageDigests
from thidua.pelican_plugin.enrich import assign_urls
from thidua import settings as portal_settings
settings = build.load_settings("pelicanconf.py", "content")
portal_settings.apply_defaults(settings)
registry, problems = load_registry(settings["PATH"], settings)
assign_urls(registry, settings)
assert registry.clusters and not problems, problems
print(PageDigests(b"base", registry)._registry.hex())
"""


def test_the_sample_registry_gives_one_digest_in_any_process():
    """Nothing in the registry's digest may be ordered by the hash seed."""
    root = Path(__file__).resolve().parents[2]
    found = set()
    for seed in ("0", "12345", "random"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(root))
        ran = subprocess.run([sys.executable, "-c", REGISTRY_SAMPLE], env=env, cwd=root,
                             capture_output=True, text=True, check=True)  # fmt: skip
        found.add(ran.stdout.strip())
    assert len(found) == 1 and len(found.pop()) == 40


def test_a_missing_name_differs_from_any_value_and_values_stay_with_their_names():
    page = {"SITENAME": "Cổng", "items": [], "footer": "©"}
    assert digest(dict(page, footer="")) != digest({"SITENAME": "Cổng", "items": []})
    assert digest(dict(page, footer=None)) != digest({"SITENAME": "Cổng", "items": []})
    assert digest(dict(page, SITENAME="©", footer="Cổng")) != digest(page)
    # The same values for another template, or with the articles' bodies read, differ too.
    read, _ = names("list.html")
    digests = PageDigests(b"base")
    first = digests.page("list.html", read, page, False)
    assert digests.page("list.html", read, page, False) == first  # the second time: the same
    assert digests.page("other.html", read, page, False) != first
    assert digests.page("list.html", read, page, True) != first
