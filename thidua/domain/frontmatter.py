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

import copy
import re
from dataclasses import dataclass, field

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .messages import t

MAX_HEADER = 64_000  # characters: a header of an article is a few hundred
MAX_DEPTH = 8  # photos: [ {file, caption} ] is 3 levels; registry terms are 4
_OPENING = re.compile(r"\A(?:[ \t]*\n)*---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_NATIVE_KEY = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_ -]*?)[ \t]*:(?:[ \t]+(?P<value>.*))?$")
_CONTINUATION = re.compile(r"^(?: {2,}|\t)(?P<value>\S.*)$")


class HeaderYAMLError(yaml.YAMLError):
    """A YAML construct the portal refuses, with the line it is on (0-based).

    `first_line` is the line a key set twice was first set on (0-based too); the
    message names it in the file's own numbering (`describe_yaml_error`).
    """

    def __init__(self, problem: str, line: int, first_line: int | None = None, key: str = ""):
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.first_line = first_line
        self.key = key


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
                t(
                    "giá trị không được bắt đầu bằng & hay * (ký hiệu tham chiếu của YAML); "
                    "hãy đặt cả giá trị trong ngoặc kép, hoặc viết giá trị ra đầy đủ"
                ),
                event.start_mark.line,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise HeaderYAMLError(
                    t(
                        "các danh sách lồng nhau quá {limit} tầng; hãy viết đơn giản hơn, như "
                        "mẫu photos: trong README",
                        limit=MAX_DEPTH,
                    ),
                    event.start_mark.line,
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
                    "",
                    key_node.start_mark.line,
                    first_line=first_seen[key_node.value],
                    key=key_node.value,
                )
            first_seen[key_node.value] = key_node.start_mark.line
        return super().construct_mapping(node, deep)


# Dates stay text: they are read day-first by `dates`, and YAML's own reading of
# `2024-02-30` ends in a bare ValueError instead of a message.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Registry files parsed in this process, by their text: `make serve` rebuilds read the
# same few files again and again, and the strict composer is plain Python. A build also
# hands the parses it used to the next one (`documents_asked`, `remember_documents`).
_PARSED: dict[str, object] = {}
_PARSED_LIMIT = 4096
_ASKED: set[str] = set()  # texts asked for since the last `documents_asked`


def load_yaml(text: str):
    """A whole YAML document (registry files), read strictly; each caller gets its own copy."""
    if text not in _PARSED:
        loader = _StrictLoader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.clear()
        _PARSED[text] = data
    _ASKED.add(text)
    return copy.deepcopy(_PARSED[text])


def remember_documents(documents: dict[str, object]) -> None:
    """Parses an earlier build made with this same code (its cache), used as if made here:
    the result of parsing a text depends only on the text and the loader."""
    if len(_PARSED) + len(documents) > _PARSED_LIMIT:
        _PARSED.clear()
    _PARSED.update(documents)


def documents_asked() -> dict[str, object]:
    """The parses asked for since the last call (what one build read), for its cache."""
    asked = {text: _PARSED[text] for text in _ASKED if text in _PARSED}
    _ASKED.clear()
    return asked


def set_twice(key: str, first: int) -> str:
    """The message for a key written twice (`first`: its first line in the file)."""
    return t(
        "'{key}' được ghi hai lần (lần đầu ở dòng {first}); hãy xoá một dòng", key=key, first=first
    )


def describe_yaml_error(
    exc: yaml.YAMLError, first_line: int = 0, text: str = ""
) -> tuple[str, int | None]:
    """(message in plain words, 1-based line in the file) for a YAML error.

    `text` is the YAML that failed, starting at line `first_line` of the file:
    with it the message can name the character at fault and show the line fixed.
    """
    if isinstance(exc, HeaderYAMLError):
        message = exc.problem
        if exc.first_line is not None:
            message = set_twice(exc.key, first_line + exc.first_line + 1)
        return message, first_line + exc.line + 1
    message, line = _explain(exc, text.split("\n"))
    return message, (first_line + line + 1 if line is not None else None)


def _explain(exc: yaml.YAMLError, lines: list[str]) -> tuple[str, int | None]:
    """PyYAML's jargon in plain words, at the line where the author has to look (0-based)."""
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    context = str(getattr(exc, "context", None) or "")
    mark, opening = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    line = mark.line if mark is not None else None
    column = mark.column if mark is not None else 0
    text = _row(lines, line)
    char = text[column] if column < len(text) else ""

    if "quoted scalar" in context and "end of stream" in problem and opening is not None:
        return _unclosed_quote_message(_row(lines, opening.line), opening.column), opening.line
    unclosed = _unclosed_quote_line(lines, line)
    if unclosed is not None:
        row, at = unclosed
        return _unclosed_quote_message(lines[row], at), row
    if "tab" in problem or char == "\t":
        return t("dòng này có ký tự tab; hãy thay bằng dấu cách"), line
    if problem.startswith("mapping values are not allowed"):
        key, colon, value = text.partition(":")
        if colon and len(key) < column and value.strip():
            return t(
                "giá trị có dấu hai chấm (:) nên phải đặt cả giá trị trong ngoặc kép, "
                "ví dụ: {fixed}",
                fixed=f"{key.strip()}: {quoted(value.strip())}",
            ), line
        return _misindented(), line
    if problem.startswith("found character") and char:
        key, _colon, value = text.partition(":")
        return t(
            "giá trị không được bắt đầu bằng ký tự '{char}'; hãy đặt cả giá trị trong ngoặc "
            "kép, ví dụ: {fixed}",
            char=char,
            fixed=f"{key.strip()}: {quoted(value.strip())}",
        ), line
    if "expected ':'" in problem and opening is not None:
        return t(
            "dòng này thiếu dấu hai chấm: mỗi dòng phải có dạng 'tên: giá trị' (ví dụ "
            "location: Hội trường). Nếu đây là phần tiếp của dòng trên, hãy nối vào dòng trên"
        ), opening.line
    if "flow sequence" in context and opening is not None:
        return t(
            "danh sách mở bằng '[' ở dòng này chưa được đóng; hãy thêm ']' ở cuối danh sách, "
            "ví dụ: tags: [giao ước, 2024]"
        ), opening.line
    if "flow mapping" in context and opening is not None:
        return t(
            "dấu '{{' ở dòng này chưa được đóng; hãy thêm '}}', hoặc đặt cả giá trị trong ngoặc kép"
        ), opening.line
    if "expected key" in problem or "expected <block end>" in problem:
        before = text[:column].rstrip()
        if before.endswith(('"', "'")):
            key, _colon, value = text.partition(":")
            value = value.strip()
            if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]  # "Lễ "ký" kết": the author meant the quotes inside
            return t(
                "một dấu ngoặc bên trong giá trị đã kết thúc giá trị quá sớm, nên phần chữ sau "
                "nó bị đọc sai; hãy viết lại dòng này như sau: {fixed}",
                fixed=f"{key.strip()}: {quoted(value)}",
            ), line
        return _misindented(), line
    if "expected '-' indicator" in problem:
        return t(
            "dòng này thụt lề không khớp với các mục của danh sách; mỗi mục bắt đầu bằng "
            "'- ', các dòng trong một mục thẳng hàng với nhau"
        ), line
    if "sequence entries are not allowed" in problem:
        return t(
            "danh sách viết trên cùng dòng với tên trường phải có dạng [a, b]; hoặc xuống "
            "dòng và viết mỗi mục trên một dòng bắt đầu bằng '- '"
        ), line
    if "escape character" in problem:
        return t(
            "trong ngoặc kép, dấu \\ có nghĩa riêng; hãy đặt giá trị trong ngoặc đơn '…' "
            "thay cho ngoặc kép"
        ), line
    if "constructor for the tag" in problem:
        return t("giá trị bắt đầu bằng '!'; hãy đặt cả giá trị trong ngoặc kép"), line
    if "unhashable key" in problem:
        return t("tên trường phải là chữ, không phải danh sách; hãy viết 'tên: giá trị'"), line
    return t(
        "không đọc được dòng này; mỗi dòng phải có dạng 'tên: giá trị', danh sách như "
        "[a, b], giá trị có ký tự đặc biệt thì đặt trong ngoặc kép (chi tiết: {detail})",
        detail=problem,
    ), line


def _misindented() -> str:
    return t(
        "dòng này thụt lề không khớp với dòng trên; hãy viết mỗi trường sát lề trái, các dòng "
        "trong một mục của photos: thẳng hàng với nhau"
    )


def _row(lines: list[str], number: int | None) -> str:
    return lines[number] if number is not None and 0 <= number < len(lines) else ""


def _unclosed_quote_message(text: str, column: int) -> str:
    quote = text[column] if column < len(text) else '"'
    return t(
        "dấu ngoặc {kind} ({quote}) mở ở dòng này chưa được đóng; hãy thêm {quote} ở cuối "
        "giá trị, trên cùng dòng",
        kind=t("kép") if quote == '"' else t("đơn"),
        quote=quote,
    )


# A value that starts with a quote: `title: "…`, `- "…`, `  caption: '…`.
_OPENING_QUOTE = re.compile(r"""^ *(?:- +)?(?:[^\s'"#:][^:#]*: +)?(?P<quote>["'])""")


def _unclosed_quote_line(lines: list[str], error_line: int | None) -> tuple[int, int] | None:
    """(line, column) of a quote opened on one line and still open at the error, or None.

    A quote left open swallows the lines after it, so PyYAML stumbles much later
    (at the next quote, or the end): the author has to look where it opened.
    """
    last = len(lines) - 1 if error_line is None else error_line
    row = 0
    while row <= last and row < len(lines):
        match = _OPENING_QUOTE.match(lines[row])
        if match is None:
            row += 1
            continue
        closed = _closing_line(lines, row, match.end(), match.group("quote"))
        if closed == row:
            row += 1
        elif closed is None or closed >= last:
            return row, match.start("quote")
        else:  # a value quoted over several lines on purpose, closed before the error
            row = closed + 1
    return None


def _closing_line(lines: list[str], row: int, start: int, quote: str) -> int | None:
    """The line on which the quote opened at (`row`, `start` - 1) is closed, or None."""
    column = start
    while row < len(lines):
        text = lines[row]
        while column < len(text):
            char = text[column]
            if quote == '"' and char == "\\":
                column += 2
                continue
            if char == quote:
                if quote == "'" and text[column + 1 : column + 2] == "'":
                    column += 2  # '' is a quote inside single quotes
                    continue
                return row
            column += 1
        row, column = row + 1, 0
    return None


def quoted(value: str) -> str:
    """`value` as a quoted YAML scalar that reads back as exactly this text."""
    single = "'" + value.replace("'", "''") + "'"
    if '"' in value and "\n" not in value and _reads_back(single, value):
        return single  # 'Lễ "ký" kết' reads better than "Lễ \"ký\" kết"
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30).rstrip("\n")


def yaml_value(value: str) -> str:
    """`value` written for a header: as is when YAML reads it back unchanged, else quoted.

    `make new` writes every value through this: a title with ': ', ' #', quotes
    or brackets stays valid YAML and keeps all its text.
    """
    return value if value and _reads_back(value, value) else quoted(value)


def _reads_back(scalar: str, value: str) -> bool:
    try:
        return load_yaml(f"k: {scalar}\n") == {"k": value}
    except yaml.YAMLError:
        return False


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
            message = t(
                "phần đầu bài mở bằng dòng '---' nhưng không có dòng '---' đóng lại; "
                "hãy thêm một dòng '---' sau trường cuối cùng"
            )
            return Header("yaml", error=message,
                          error_line=text[: opening.end()].count("\n"))  # fmt: skip
        first_line = text[: opening.end()].count("\n")
        if closing.start() - opening.end() > MAX_HEADER:
            message = t(
                "phần đầu bài dài quá {limit} ký tự; hãy chuyển phần chữ dài xuống "
                "nội dung bài, dưới dòng '---'",
                limit=MAX_HEADER,
            )
            return Header("yaml", error=message, error_line=first_line + 1)
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
        header.error, header.error_line = describe_yaml_error(exc, first_line, block)
        header.error_line = header.error_line or first_line + 1
        return header
    except RecursionError:
        header.error = t(
            "các danh sách lồng nhau quá sâu; hãy viết đơn giản hơn, như mẫu photos: trong README"
        )
        header.error_line = first_line + 1
        return header
    finally:
        loader.dispose()
    if data is None or node is None:
        return header
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        header.error = t("phần đầu bài phải gồm các dòng 'tên: giá trị', ví dụ title: …")
        header.error_line = first_line
        return header
    for key_node, value_node in node.value:
        key = str(key_node.value).strip().lower()
        line = first_line + key_node.start_mark.line + 1
        if key in header.lines:  # `Title:` and `title:` are one field
            header.error = set_twice(key, header.lines[key])
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
            header.error = set_twice(key, header.lines[key])
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
