"""Reading an article's front matter the way authors write it.

Two forms are accepted: YAML between ``---`` lines (the documented form) and
Pelican's native ``Key: value`` header lines. Errors carry the line number in
the article file so an author can jump to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_YAML_HEADER = re.compile(r"\A\s*^---[ \t]*$\n(?P<meta>.*?)^(?:---|\.\.\.)[ \t]*$", re.M | re.S)
_NATIVE_LINE = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_ -]*):\s?(?P<value>.*)$")


class DuplicateKeyError(yaml.constructor.ConstructorError):
    def __init__(self, key, first_line: int, mark):
        super().__init__(None, None, f"'{key}' is set twice", mark)
        self.first_line = first_line  # 0-based, within the YAML text


class _NoDuplicateKeysLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key set twice: plain YAML silently keeps the last value."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False):
    first_seen: dict = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            line = first_seen.setdefault(key, key_node.start_mark.line)
        except TypeError:  # an unhashable key: SafeLoader reports it itself
            continue
        if line != key_node.start_mark.line:
            raise DuplicateKeyError(key, line, key_node.start_mark)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_NoDuplicateKeysLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


def describe_yaml_error(exc: yaml.YAMLError, first_line: int = 0) -> tuple[str, int | None]:
    """(message, 1-based line in the file) for a YAML error in text starting at `first_line`."""
    mark = getattr(exc, "problem_mark", None)
    line = first_line + mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if isinstance(exc, DuplicateKeyError):
        problem += f" (first on line {first_line + exc.first_line + 1}); keep one"
    return f"malformed YAML: {problem}", line


def load_yaml(text: str):
    """YAML as authors write it, refusing duplicate keys (nothing is lost silently)."""
    return yaml.load(text, Loader=_NoDuplicateKeysLoader)


@dataclass
class FrontMatter:
    metadata: dict
    error: str | None = None
    error_line: int | None = None


def parse(text: str) -> FrontMatter:
    """Front matter of an article's text; `error` is set when it cannot be read."""
    if text.startswith("\ufeff"):
        text = text[1:]
    match = _YAML_HEADER.match(text)
    if match:
        return _parse_yaml(match.group("meta"), first_line=text[: match.start("meta")].count("\n"))
    if text.lstrip().startswith("---"):
        return FrontMatter({}, "the YAML header opened with '---' is never closed", 1)
    return _parse_native(text)


def _parse_yaml(block: str, first_line: int) -> FrontMatter:
    try:
        data = load_yaml(block)
    except yaml.YAMLError as exc:
        message, line = describe_yaml_error(exc, first_line)
        return FrontMatter({}, message, line or first_line + 1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter({}, "the YAML header must be 'key: value' lines", first_line + 1)
    metadata = {str(k).lower(): v for k, v in data.items()}
    return FrontMatter(metadata)


def _parse_native(text: str) -> FrontMatter:
    """Pelican's 'Key: value' lines, up to the first blank or other line."""
    metadata: dict[str, str] = {}
    for line in text.splitlines():
        match = _NATIVE_LINE.match(line)
        if not line.strip() or not match:
            break
        metadata[match.group("key").strip().lower()] = match.group("value").strip()
    return FrontMatter(metadata)


def split_list(value) -> list[str]:
    """A list field given as a YAML list or as 'a, b' text (native headers)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def field_line(text: str, key: str) -> int | None:
    """Line number (1-based) where `key:` is set in the header, for messages."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:", re.I)
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
        if number > 1 and line.strip() in ("---", "..."):
            return None
    return None
