"""The words authors read: Vietnamese, or English with ``THIDUA_LANG=en``.

Every message an author sees (``make check``, ``make html``, ``make new``, the
dev server's banner) is written in Vietnamese where it is raised, through `t`::

    t("không có cụm nào mang mã '{slug}'", slug=value)

The style is GOV.UK's: say what is wrong, then how to fix it, in plain words;
field names stay as authors type them (title, date, cluster…). `EN`
(`messages_en.py`) gives each text's English; tests/unit/test_messages.py
checks that every text has one, with the same placeholders.
"""

from __future__ import annotations

import os

from .messages_en import EN

LANGUAGE_VARIABLE = "THIDUA_LANG"


def english() -> bool:
    """True when the messages should be in English (``THIDUA_LANG=en``)."""
    return os.environ.get(LANGUAGE_VARIABLE, "").strip().lower().startswith("en")


def t(text: str, **values) -> str:
    """`text` (Vietnamese, with ``{name}`` placeholders) in the author's language, filled in."""
    if english():
        text = EN.get(text, text)
    return text.format(**values)


def join_or(items: list[str]) -> str:
    """'a', 'a hoặc b', 'a, b hoặc c' (… or … in English)."""
    if len(items) <= 1:
        return "".join(items)
    return t("{first} hoặc {last}", first=", ".join(items[:-1]), last=items[-1])


def field_label(name: str) -> str:
    """The name shown for a problem's field: the field as authors type it, or a plain word."""
    labels = {
        "front matter": t("phần đầu bài"),
        "file": t("tệp"),
        "body": t("nội dung bài"),
        "yaml": t("tệp"),
    }
    return labels.get(name, name)
