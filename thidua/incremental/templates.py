"""Which context names a page's template can read: the template and every template it
extends, includes or imports, found by Jinja's own parser (``jinja2.meta``).

A name no template of the page mentions cannot change the page, so the page's
digest (``digest.page_digest``) covers exactly these names. A template chosen at
render time (``{% include some_variable %}``) makes the answer unknowable: None,
and such a page is always rendered.
"""

from __future__ import annotations

import hashlib
import logging

from jinja2 import Environment, meta, nodes

log = logging.getLogger(__name__)

# Attributes through which a template reads an article's HTML (by name or as a string,
# e.g. ``map(attribute="content")``); `self.content()` is a block, not an article.
BODY_ATTRIBUTES = frozenset({"content", "_content", "get_content"})


def own_names(env: Environment, source: str) -> tuple[frozenset[str], list[str | None], bool]:
    """(names one template reads, templates it extends/includes/imports (None: chosen at
    render time), whether it may read an article's HTML)."""
    tree = env.parse(source)
    referenced = list(meta.find_referenced_templates(tree))
    return frozenset(meta.find_undeclared_variables(tree)), referenced, _reads_bodies(tree)


def _reads_bodies(tree) -> bool:
    for node in tree.find_all((nodes.Getattr, nodes.Const)):
        if isinstance(node, nodes.Const):
            if isinstance(node.value, str) and node.value in BODY_ATTRIBUTES:
                return True
        elif node.attr in BODY_ATTRIBUTES and not (
            isinstance(node.node, nodes.Name) and node.node.name == "self"
        ):
            return True
    return False


class TemplateNames:
    """Context names read by each page template and everything it pulls in.

    Parsing templates is slow next to a small rebuild, so each template's own
    names are remembered by a hash of its source (and the filters and tests
    Jinja must know to parse it), in the build cache between builds.
    """

    def __init__(self, known: dict[str, list] | None = None) -> None:
        # source hash -> [names, referenced templates, reads bodies]
        self.known: dict[str, list] = dict(known or {})
        self._closures: dict[tuple[int, str], tuple[frozenset[str], bool] | None] = {}

    def of(self, template) -> tuple[frozenset[str], bool] | None:
        """(names, reads bodies) of a page template with everything it pulls in."""
        key = (id(template.environment), template.name)
        if key not in self._closures:
            try:
                self._closures[key] = self.referenced_names(template.environment, template.name)
            except Exception as error:  # e.g. a loader without sources: always render
                log.info("%s: always rendered (%s)", template.name, error)
                self._closures[key] = None
        return self._closures[key]

    def referenced_names(self, env: Environment, template_name: str):
        """(context names read by `template_name` and its extends/includes/imports, whether
        any of them may read an article's HTML); None if a referenced template is only
        known at render time."""
        names: set[str] = set()
        bodies = False
        seen: set[str] = set()
        todo = [template_name]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            source, _filename, _uptodate = env.loader.get_source(env, name)
            own, referenced, reads_bodies = self._own(env, source)
            names |= own
            bodies |= reads_bodies
            if None in referenced:
                return None
            todo += referenced
        return frozenset(names), bodies

    def _own(self, env: Environment, source: str):
        parser_input = "\0".join([source, *sorted(env.filters), *sorted(env.tests),
                                   *sorted(map(str, env.extensions))])  # fmt: skip
        key = hashlib.blake2b(parser_input.encode(), digest_size=16).hexdigest()
        entry = self.known.get(key)
        if not (isinstance(entry, list) and len(entry) == 3):  # unknown, or another format
            own, referenced, bodies = own_names(env, source)
            self.known[key] = [sorted(own), referenced, bodies]
        own, referenced, bodies = self.known[key]
        return frozenset(own), referenced, bodies
