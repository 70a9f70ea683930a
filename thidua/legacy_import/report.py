"""The import report: per page, what became of it and what the archivist must answer.

Written beside the content (``import-review/`` by default) as Markdown to read
and CSV to sort and filter, with an answers template listing, for every page
that needs an answer, the fields to give; a summary goes to the terminal.
The report has no clock time in it: the same run twice writes the same report.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import yaml

from . import debris
from .model import ALREADY, DUPLICATE, IMPORTED, NEEDS_ANSWER, REFUSED, STATUS_LABELS, PageResult

REPORT_MD = "import-report.md"
REPORT_CSV = "import-report.csv"
ANSWERS_TEMPLATE = "answers-template.yml"
_ORDER = (NEEDS_ANSWER, REFUSED, IMPORTED, DUPLICATE, ALREADY)


def counts(results: list[PageResult]) -> Counter:
    return Counter(r.status for r in results)


def summary_line(results: list[PageResult]) -> str:
    found = counts(results)
    parts = [f"{STATUS_LABELS[s]} {found[s]}" for s in _ORDER if found[s]]
    return f"{len(results)} trang: " + (", ".join(parts) if parts else "không có trang nào")


def terminal(results: list[PageResult]) -> list[str]:
    """One line per page, the fields to answer under it."""
    lines = []
    for result in results:
        label = STATUS_LABELS[result.status]
        if result.status == IMPORTED:
            extra = f" → {result.target}"
            if result.problems:
                extra += f" ({len(result.problems)} cảnh báo của make check)"
        elif result.status == NEEDS_ANSWER:
            extra = ": " + ", ".join(dict.fromkeys(n.field for n in result.needs))
        else:
            extra = f": {result.reason}"
        lines.append(f"[{label}] {result.page}{extra}")
        for need in result.needs:
            lines.append(f"    {need.field}: {need.message}")
            for candidate in need.candidates:
                lines.append(f"      · {candidate}")
            if need.how:
                lines.append(f"      → {need.how}")
        for proposal in result.proposals:
            lines.append(f"    đề xuất sổ đăng ký: {proposal}")
    return lines


def markdown(results: list[PageResult], source: str, content: Path, answers: str | None) -> str:
    out = ["# Báo cáo nhập bài từ cổng thông tin cũ", ""]
    out.append(f"- Nguồn: `{source}`")
    out.append(f"- Thư mục nội dung: `{content}`")
    if answers:
        out.append(f"- Tệp trả lời: `{answers}`")
    out.append(f"- Kết quả: {summary_line(results)}")
    out += [
        "",
        "Mỗi trường của bài nhập vào hoặc đúng, hoặc để trống và hỏi lại: không đoán từ bằng "
        "chứng yếu. Bài đã nhập là bản nháp (`status: draft`); đọc lại các trường ghi "
        "“kiểm tra” rồi đặt `status: published`.",
        "",
        "| Trang | Kết quả | Bài viết | Ghi chú |",
        "| --- | --- | --- | --- |",
    ]
    for result in results:
        note = result.reason
        if result.status == NEEDS_ANSWER:
            note = "cần: " + ", ".join(dict.fromkeys(n.field for n in result.needs))
        elif result.status == IMPORTED:
            note = f"{len(result.problems)} cảnh báo make check" if result.problems else "kiểm tra"
        out.append(
            f"| {_cell(result.page)} | {STATUS_LABELS[result.status]} | {_cell(result.target)} "
            f"| {_cell(note)} |"
        )
    pending = [r for r in results if r.status == NEEDS_ANSWER]
    if pending:
        out += ["", "## Cần trả lời", ""]
        out.append(
            f"Điền vào một tệp trả lời (mẫu: `{ANSWERS_TEMPLATE}` bên cạnh báo cáo này) rồi chạy "
            "lại `make import SRC=… ANSWERS=tệp-trả-lời`; các trang đã nhập sẽ được bỏ qua."
        )
        for result in pending:
            out += ["", f"### {result.page}", ""]
            if result.title:
                out.append(f"Tiêu đề đọc được: “{result.title}”")
                out.append("")
            for need in result.needs:
                out.append(f"- **{need.field}**: {need.message}")
                for candidate in need.candidates:
                    out.append(f"  - ứng viên: {candidate}")
                if need.how:
                    out.append(f"  - cách trả lời: {need.how}")
            for proposal in result.proposals:
                out.append(f"- đề xuất sổ đăng ký (chưa áp dụng): `{proposal}`")
    refused = [r for r in results if r.status == REFUSED]
    if refused:
        out += ["", "## Từ chối", ""]
        out += [f"- {r.page}: {r.reason}" for r in refused]
    skipped = [r for r in results if r.status in (DUPLICATE, ALREADY)]
    if skipped:
        out += ["", "## Trùng, bỏ qua", ""]
        out += [f"- {r.page}: {r.reason}" for r in skipped]
    imported = [r for r in results if r.status == IMPORTED]
    if imported:
        out += ["", "## Đã nhập (bản nháp, cần kiểm tra)", ""]
        for result in imported:
            out.append(f"### {result.page} → `{result.target}`")
            out.append("")
            out += [f"- {note.lstrip('# ').strip()}" for note in result.notes]
            for proposal in result.proposals:
                out.append(f"- đề xuất sổ đăng ký (chưa áp dụng): `{proposal}`")
            for problem in result.problems:
                out.append(f"- make check: {problem}")
            removed = removed_line(result.removed)
            if removed:
                out.append(f"- đã bỏ: {removed}")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def removed_line(removed: Counter) -> str:
    return "; ".join(f"{debris.label(kind)} ×{count}" for kind, count in removed.most_common())


def csv_text(results: list[PageResult]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["trang", "ket_qua", "ket_qua_vi", "tieu_de", "bai_viet", "truong", "chi_tiet"])
    for result in results:
        label = STATUS_LABELS[result.status]
        base = [result.page, result.status, label, result.title, result.target]
        if result.needs:
            for need in result.needs:
                detail = need.message
                if need.candidates:
                    detail += " | ứng viên: " + " || ".join(need.candidates)
                writer.writerow([*base, need.field, detail])
        elif result.status == IMPORTED:
            writer.writerow([*base, "", "; ".join(result.problems) or "kiểm tra các trường"])
        else:
            writer.writerow([*base, "", result.reason])
    return buffer.getvalue()


def answers_template(results: list[PageResult]) -> str:
    """A YAML skeleton: every page that needs an answer, its fields empty, candidates as notes."""
    out = [
        "# Mẫu tệp trả lời: chép sang tệp của bạn, điền các trường còn trống, rồi chạy lại",
        "#   make import SRC=… ANSWERS=tệp-của-bạn",
        "# Trường có thể dùng: title, date (27/05/2024 09:00), cluster (mã cụm), year, event,",
        "#   slug, photos (thư mục ảnh), skip: true (không nhập trang này).",
    ]
    for result in results:
        if result.status != NEEDS_ANSWER:
            continue
        out.append(f"{_key(result.page)}:")
        if result.title:
            out.append(f"  # tiêu đề đọc được: {_comment(result.title)}")
        for need in result.needs:
            if need.field in [n.field for n in result.needs[: result.needs.index(need)]]:
                continue
            out.append(f"  # {need.field}: {_comment(need.message)}")
            for candidate in need.candidates:
                out.append(f"  #   ứng viên: {_comment(candidate)}")
            out.append(f"  {need.field}:")
    return "\n".join(out) + "\n"


def write_files(
    folder: Path, results, source: str, content: Path, answers: str | None
) -> list[Path]:
    """The report, its CSV and the answers template; a file is rewritten only if it changed."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        REPORT_MD: markdown(results, source, content, answers),
        REPORT_CSV: csv_text(results),
        ANSWERS_TEMPLATE: answers_template(results),
    }
    written = []
    for name, text in files.items():
        path = folder / name
        if answers and path.resolve() == Path(answers).resolve():
            continue  # the archivist answers in the template itself: never overwrite it
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _comment(text: str) -> str:
    return " ".join(str(text).split())


def _key(page: str) -> str:
    return yaml.safe_dump(page, allow_unicode=True, width=1_000_000).removesuffix("\n...\n").strip()
