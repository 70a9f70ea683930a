"""What an article's or a registry description's HTML may contain: text, not active code.

Authors write Markdown, and Markdown lets raw HTML through. An agency site
must never publish a script, an event handler (``onerror=…``) or a
``javascript:`` link from its content, so the rendered HTML is scanned and
every such thing is reported as a problem (never silently removed: the author
sees what was refused and where).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .messages import t

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
URL_ATTRIBUTES = frozenset(
    ("href", "src", "action", "formaction", "poster", "data", "cite", "background",
     "xlink:href", "longdesc", "usemap", "manifest", "ping")
)  # fmt: skip
ACTIVE_TAGS = frozenset(
    ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
     "meta", "link", "style", "svg", "math", "template", "noscript")
)  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def url_problem(url: str) -> str | None:
    """Why `url` may not be published, or None (http(s), mailto, tel or relative)."""
    # Browsers ignore spaces and control characters inside a scheme: "java\tscript:".
    plain = _CONTROL.sub("", url).lower()
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", plain)
    if scheme and scheme.group(1) not in SAFE_SCHEMES:
        return t("địa chỉ '{scheme}:' ('{url}')", scheme=scheme.group(1), url=url.strip()[:60])
    return None


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (what, text to find it by in the source)

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.append((t("thẻ <{tag}>", tag=tag), f"<{tag}"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(
                    (t("thuộc tính '{name}' của thẻ <{tag}>", name=name, tag=tag), name)
                )
            elif name in URL_ATTRIBUTES or name == "srcset":
                for url in _urls(name, value or ""):
                    problem = url_problem(url)
                    if problem:
                        what = t("{problem} ở <{tag} {name}>", problem=problem, tag=tag, name=name)
                        self.found.append((what, url.strip()[:20]))

    handle_startendtag = handle_starttag


def _urls(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value]


def active_content(html: str) -> list[tuple[str, str]]:
    """(what is refused, a piece of text to locate it) for each active thing in `html`."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def line_of(needle: str, text: str, first_line: int) -> int | None:
    """The line of `text` (numbered from `first_line`) where `needle` first occurs."""
    lowered = needle.lower()
    for number, line in enumerate(text.split("\n"), start=first_line):
        if lowered in line.lower():
            return number
    return None
