"""Splitting an article's text into its header and its Markdown body.

Two header forms are accepted: YAML between ``---`` lines (the documented
form) and Pelican's native ``Key: value`` lines. This is the only parser of
headers in the project: the build, ``make check`` and every tool read through
it, so they can never disagree. Every key keeps the line it was set on.

YAML is read with a loader that refuses what an article never needs and an
attacker would use: anchors and aliases ("billion laughs"), nesting deeper
than a few levels, and a key set twice (plain YAML keeps the last silently).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

MAX_HEADER = 64_000  # characters: a header of an article is a few hundred
MAX_DEPTH = 8  # photos: [ {file, caption} ] is 3 levels; registry terms are 4
_OPENING = re.compile(r"\A(?:[ \t]*\n)*---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_NATIVE_KEY = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_ -]*?)[ \t]*:(?:[ \t]+(?P<value>.*))?$")
_CONTINUATION = re.compile(r"^(?: {2,}|\t)(?P<value>\S.*)$")


class HeaderYAMLError(yaml.YAMLError):
    """A YAML construct the portal refuses, with the line it is on (0-based)."""

    def __init__(self, problem: str, line: int, first_line: int | None = None):
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.first_line = first_line


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LoaderBase(CParser, Composer, SafeConstructor, Resolver):
        """libyaml scans and parses (3.5× faster); Python composes, so the checks below apply."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

        get_single_node = Composer.get_single_node
        compose_document = Composer.compose_document
        compose_node = Composer.compose_node
        compose_scalar_node = Composer.compose_scalar_node
        compose_sequence_node = Composer.compose_sequence_node
        compose_mapping_node = Composer.compose_mapping_node
else:  # pragma: no cover - PyYAML without libyaml
    _LoaderBase = yaml.SafeLoader


class _StrictLoader(_LoaderBase):
    """A safe loader without anchors, aliases, deep nesting or duplicate keys."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise HeaderYAMLError(
                "anchors and aliases (& and *) are not accepted: write the value out",
                event.start_mark.line,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise HeaderYAMLError(
                    f"nested more than {MAX_DEPTH} levels deep", event.start_mark.line
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        first_seen: dict[str, int] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # SafeLoader reports unhashable keys itself
            if key_node.value in first_seen:  # also inside one-line {a: 1, a: 2}
                raise HeaderYAMLError(
                    f"'{key_node.value}' is set twice; keep one",
                    key_node.start_mark.line,
                    first_line=first_seen[key_node.value],
                )
            first_seen[key_node.value] = key_node.start_mark.line
        return super().construct_mapping(node, deep)


# Dates stay text: they are read day-first by `dates`, and YAML's own reading of
# `2024-02-30` ends in a bare ValueError instead of a message.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str):
    """A whole YAML document (registry files), read strictly."""
    loader = _StrictLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def describe_yaml_error(exc: yaml.YAMLError, first_line: int = 0) -> tuple[str, int | None]:
    """(message, 1-based line in the file) for a YAML error in text starting at `first_line`."""
    if isinstance(exc, HeaderYAMLError):
        message = exc.problem
        if exc.first_line is not None:
            message = message.replace(
                "is set twice", f"is set twice (first on line {first_line + exc.first_line + 1})"
            )
        return f"malformed YAML: {message}", first_line + exc.line + 1
    mark = getattr(exc, "problem_mark", None)
    line = first_line + mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"malformed YAML: {problem}", line


@dataclass
class Header:
    """What a file's header says, before any field is interpreted."""

    form: str  # "yaml", "native" or "none"
    values: dict[str, object] = field(default_factory=dict)  # lower-case key -> value
    # The scalar exactly as written (YAML would read `title: 2024` as a number).
    texts: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # key -> 1-based line
    body: str = ""
    body_line: int = 1  # line of the file where the body starts
    error: str | None = None
    error_line: int | None = None


def normalise_text(text: str) -> str:
    """The text as Python should see it: no BOM, Unix line ends."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Header:
    """The header and body of an article's text (already normalised)."""
    opening = _OPENING.match(text)
    if opening:
        closing = _CLOSING.search(text, opening.end())
        if closing is None:
            return Header("yaml", error="the YAML header opened with '---' is never closed",
                          error_line=text[: opening.end()].count("\n"))  # fmt: skip
        first_line = text[: opening.end()].count("\n")
        if closing.start() - opening.end() > MAX_HEADER:
            return Header("yaml", error=f"the header is longer than {MAX_HEADER} characters; "
                          "long text belongs in the body", error_line=first_line + 1)  # fmt: skip
        header = _yaml_header(text[opening.end() : closing.start()], first_line)
        rest = text[closing.end() :]
        header.body = rest.lstrip("\n")
        header.body_line = text[: closing.end()].count("\n") + 1 + len(rest) - len(header.body)
        return header
    return _native_header(text)


def _yaml_header(block: str, first_line: int) -> Header:
    header = Header("yaml")
    loader = _StrictLoader(block)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        header.error, header.error_line = describe_yaml_error(exc, first_line)
        header.error_line = header.error_line or first_line + 1
        return header
    except RecursionError:
        header.error, header.error_line = "malformed YAML: nested too deeply", first_line + 1
        return header
    finally:
        loader.dispose()
    if data is None or node is None:
        return header
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        header.error, header.error_line = "the YAML header must be 'key: value' lines", first_line
        return header
    for key_node, value_node in node.value:
        key = str(key_node.value).strip().lower()
        line = first_line + key_node.start_mark.line + 1
        if key in header.lines:  # `Title:` and `title:` are one field
            header.error = f"'{key}' is set twice (first on line {header.lines[key]}); keep one"
            header.error_line = line
            return header
        header.lines[key] = line
        if isinstance(value_node, yaml.ScalarNode):
            header.texts[key] = value_node.value
    header.values = {str(k).strip().lower(): v for k, v in data.items()}
    return header


def _native_header(text: str) -> Header:
    """Pelican's 'Key: value' lines up to the first blank line; indented lines continue a value."""
    header = Header("native")
    lines = text.split("\n")
    key = None
    end = 0
    for number, line in enumerate(lines, start=1):
        end = number
        if not line.strip():
            break
        continued = _CONTINUATION.match(line)
        if continued and key is not None:
            header.values[key] = f"{header.values[key]} {continued.group('value').strip()}".strip()
            continue
        match = _NATIVE_KEY.match(line)
        if not match:
            end = number - 1
            break
        key = re.sub(r"[ -]+", "_", match.group("key").strip().lower())
        if key in header.values:
            header.error = f"'{key}' is set twice (first on line {header.lines[key]}); keep one"
            header.error_line = number
        header.values[key] = (match.group("value") or "").strip()
        header.lines[key] = number
    else:
        end = len(lines)
    if not header.values:
        return Header("none", body=text)
    header.texts = {k: str(v) for k, v in header.values.items()}
    rest = "\n".join(lines[end:])
    header.body = rest.lstrip("\n")
    header.body_line = end + 1 + len(rest) - len(header.body)
    return header


def parse(text: str) -> Header:
    """The header of a file's whole text (BOM and Windows line ends allowed)."""
    return split(normalise_text(text))
