"""Messages are Vietnamese; THIDUA_LANG=en gives every one of them in English."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from thidua.domain.messages import t
from thidua.domain.messages_en import EN
from thidua.domain.model import Problem

PACKAGE = Path(__file__).resolve().parents[2] / "thidua"


def texts_in_code() -> dict[str, str]:
    """Every literal text given to `t(...)` in the package, with the file it is in."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "messages import" not in source and path.name != "messages.py":
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "t" and node.args:
                text = node.args[0]
                assert isinstance(text, ast.Constant), f"{path}: t() needs a literal text"
                found.setdefault(text.value, path.name)
    return found


def fields(text: str) -> set[tuple[str, str]]:
    return {(name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name}


def test_every_message_has_english_with_the_same_placeholders():
    texts = texts_in_code()
    assert len(texts) > 100
    missing = {text: where for text, where in texts.items() if text not in EN}
    assert not missing, missing
    for text in texts:
        assert fields(EN[text]) == fields(text), text
    assert not set(EN) - set(texts), "English for texts no longer in the code"


def test_vietnamese_by_default_english_on_request(monkeypatch):
    problem = Problem("content/a.md", "cluster", t("không có cụm hay khối nào mang mã '{value}' "
                      "trong {folder}", value="khoi-2", folder="content/clusters/"),
                      "'khoi-02'", 4)  # fmt: skip
    assert str(problem) == (
        "content/a.md:4: lỗi: cluster: không có cụm hay khối nào mang mã 'khoi-2' trong "
        "content/clusters/ — có phải ý bạn là 'khoi-02'?"
    )
    monkeypatch.setenv("THIDUA_LANG", "en")
    assert str(Problem("content/a.md", "front matter", "x", line=2, fatal=False)) == (
        "content/a.md:2: warning: front matter: x"
    )
    assert t("Nội dung hợp lệ.") == "Content is valid."
