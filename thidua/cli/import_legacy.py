"""Bring articles over from a legacy portal: ``make import FILE=trang.html`` or ``SRC=thư-mục``.

Reads pages saved from an agency portal (HTML) or their text copied out, finds
each article among the portal's debris and settles its fields from the registry
and the text — or, when the evidence does not settle one, asks for it instead of
guessing. Writes draft article folders, never overwriting one; pages already on
the site are skipped, so running the same import again changes nothing.

Exit codes. One page (FILE=): 0 written or already there, 1 an article of that
name is in the way, 2 a field needs an answer or the page cannot be read. A
folder (SRC=): 0 every page written or already there, 1 some page needs an
answer or was refused (see the report), 2 the import could not start.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from thidua import PROJECT_ROOT
from thidua.cli import build
from thidua.domain.registry import load_registry
from thidua.legacy_import import report, write
from thidua.legacy_import.model import ALREADY, DUPLICATE, IMPORTED, NEEDS_ANSWER, ImportFailed
from thidua.legacy_import.pipeline import (
    Answer,
    Run,
    answer_for,
    given_date,
    import_page,
    load_answers,
    pages_in,
)  # fmt: skip

ROOT = PROJECT_ROOT
REVIEW_FOLDER = "import-review"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Nhập bài từ cổng thông tin cũ: một trang (FILE=) hoặc cả một thư mục "
        "(SRC=). Trường nào bằng chứng chưa đủ thì hỏi lại, không đoán; trang đã nhập được "
        "bỏ qua khi chạy lại.",
        epilog="Mã thoát — một trang: 0 đã ghi hoặc đã có, 1 tên thư mục bài đã có bài khác, "
        "2 cần trả lời hoặc không đọc được. Một thư mục: 0 mọi trang xong, 1 còn trang cần trả "
        "lời hoặc bị từ chối (xem báo cáo), 2 không chạy được.",
    )
    parser.add_argument(
        "file", nargs="?", default="", help="trang đã lưu (.html) hoặc bản chép chữ (.txt)"
    )
    parser.add_argument("--src", help="thư mục các trang cần nhập (nhập cả kho một lần)")
    parser.add_argument("--answers", help="tệp trả lời YAML: trang → cluster, date, title, year…")
    parser.add_argument("--content", default="content", help="thư mục nội dung")
    parser.add_argument("--cluster", help="mã cụm/khối, khi bài không đủ bằng chứng")
    parser.add_argument("--title", help="tiêu đề, khi trang không có dòng tiêu đề")
    parser.add_argument("--date", help="ngày đăng: 27/05/2024 09:00 hoặc 2024-05-27 09:00")
    parser.add_argument("--year", help="năm thi đua, khi bài không nói rõ")
    parser.add_argument("--event", help="sự kiện: ky-ket, trien-khai, so-ket, tong-ket, giao-luu")
    parser.add_argument("--photos", help="thư mục ảnh của trang (mặc định: <trang>_files/)")
    parser.add_argument("--slug", help="tên thư mục bài (mặc định: từ tiêu đề)")
    parser.add_argument(
        "--review",
        help=f"thư mục báo cáo và đề xuất sổ đăng ký (mặc định: {REVIEW_FOLDER}/ cạnh nội dung)",
    )
    parser.add_argument(
        "--settings", default=str(ROOT / "pelicanconf.py"), help="tệp cấu hình của trang"
    )
    parser.add_argument("--dry-run", action="store_true", help="in kết quả, không ghi gì")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except ImportFailed as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return exc.code


def run(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        raise ImportFailed(f"không có thư mục nội dung “{content}”")
    if bool(args.src) == bool(args.file.strip()):
        raise ImportFailed(
            "cho một trang (make import FILE=trang.html) hoặc một thư mục (make import SRC=thư-mục)"
        )
    settings = build.load_settings(args.settings, content)
    registry, _problems = load_registry(content, settings)
    review = Path(args.review) if args.review else content.resolve().parent / REVIEW_FOLDER
    answers = load_answers(Path(args.answers), registry) if args.answers else {}
    if args.src:
        return _folder(args, content, settings, registry, review, answers)
    return _one(args, content, settings, registry, review, answers)


def _options(args: argparse.Namespace, registry, fallback: Answer) -> Answer:
    """The options of a one-page import, over what the answers file says of that page."""
    answer = Answer(**vars(fallback))
    if args.title and args.title.strip():
        answer.title = " ".join(args.title.split())
    if args.date and args.date.strip():
        answer.date = given_date(args.date.strip(), "DATE")
    if args.cluster:
        answer.cluster = args.cluster.strip()
    if args.year:
        try:
            answer.year = int(str(args.year).strip())
        except ValueError:
            raise ImportFailed(f"YEAR “{args.year}” không phải một năm như 2024") from None
    if args.event:
        if args.event not in registry.events:
            raise ImportFailed(
                f"EVENT “{args.event}” không có; dùng một trong: {', '.join(registry.events)}"
            )
        answer.event = args.event
    if args.photos:
        answer.photos = Path(args.photos)
        if not answer.photos.is_dir():
            raise ImportFailed(f"không thấy thư mục ảnh: {answer.photos}")
    if args.slug is not None:  # it names a folder: refuse '../..' before reading anything
        answer.slug = write.checked_slug(args.slug)
    return answer


def _one(args, content, settings, registry, review, answers) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise ImportFailed(f"không thấy tệp: {path}")
    answer = _options(args, registry, answer_for(answers, args.file))
    session = Run(content, registry, review, dry_run=args.dry_run)
    result = import_page(session, path, args.file, answer)
    if not args.dry_run:
        for proposal in session.proposals.write():
            print(f"Đã ghi đề xuất sổ đăng ký (chưa áp dụng): {proposal}")
    if args.dry_run and result.status == IMPORTED:
        print(result.rendered, end="")
        return 0
    if result.status == IMPORTED:
        _check(session, settings)
        print(f"Đã ghi {result.target} (bản nháp, status: draft).")
        print("Các trường cần kiểm tra (ghi “kiểm tra” trong tệp):")
        for note in result.notes:
            print("  " + note.lstrip("# ").strip())
        removed = report.removed_line(result.removed)
        print("Đã bỏ: " + (removed or "không có gì"))
        if result.problems:
            print(f"make check báo {len(result.problems)} điều cho bài này:", file=sys.stderr)
            for problem in result.problems:
                print(f"  {problem}", file=sys.stderr)
        else:
            print("Kiểm tra: bài mới không có vấn đề nào.")
        print("Tiếp theo: đọc lại các trường ghi “kiểm tra”, rồi đặt status: published.")
        return 0
    if result.status in (ALREADY, DUPLICATE):
        print(f"Bỏ qua {args.file}: {result.reason}")
        return 0
    if result.status == NEEDS_ANSWER:
        print(f"Chưa nhập {args.file}: cần trả lời trước, không ghi bài nào.", file=sys.stderr)
        for line in report.terminal([result])[1:]:
            print(line, file=sys.stderr)
        return 2
    print(f"lỗi: {result.reason}", file=sys.stderr)
    return result.code


def _folder(args, content, settings, registry, review, answers) -> int:
    for option in ("cluster", "title", "date", "year", "event", "photos", "slug"):
        if getattr(args, option):
            raise ImportFailed(
                f"{option.upper()}= chỉ dùng cho một trang (FILE=); với SRC= hãy ghi câu trả lời "
                "cho từng trang trong tệp trả lời (ANSWERS=)"
            )
    folder = Path(args.src)
    if not folder.is_dir():
        raise ImportFailed(f"không thấy thư mục nguồn: {folder}")
    pages = pages_in(folder)
    if not pages:
        raise ImportFailed(f"{folder} không có trang nào (.html, .htm, .txt …)")
    session = Run(content, registry, review, dry_run=args.dry_run, batch=True)
    results = []
    for page in pages:
        name = page.relative_to(folder).as_posix()
        results.append(import_page(session, page, name, answer_for(answers, name)))
    if not args.dry_run:
        _check(session, settings)
        session.proposals.write()
        files = report.write_files(review, results, str(folder), content, args.answers)
    for line in report.terminal(results):
        print(line)
    print(report.summary_line(results))
    if not args.dry_run:
        template = review / report.ANSWERS_TEMPLATE
        print(f"Báo cáo: {files[0]} (và {files[1].name}); mẫu trả lời: {template}")
    else:
        print("Chạy thử: không ghi gì.")
    done = all(r.status in (IMPORTED, ALREADY, DUPLICATE) for r in results)
    return 0 if done else 1


def _check(session: Run, settings: dict) -> None:
    """The build's own check (reader, registry, photos) over the site with the new drafts in it;
    each draft's problems are kept with its page (a draft's problems are only warnings)."""
    if not session.written:
        return
    logging.disable(logging.WARNING)  # the build's own log lines: the report has them all
    try:
        check = build.check(settings)
    finally:
        logging.disable(logging.NOTSET)
    base = Path(settings["PATH"]).parent
    mine = {}
    for result, target in session.written:
        mine[str(target.resolve().relative_to(base))] = result
    for problem in check.sorted_problems():
        result = mine.get(problem.file)
        if result is not None:
            level = "lỗi" if problem.fatal else "cảnh báo"
            where = f"{problem.file}:{problem.line}" if problem.line else problem.file
            hint = f" (gợi ý: {problem.suggestion})" if problem.suggestion else ""
            result.problems.append(f"{where}: {level}: {problem.field}: {problem.message}{hint}")


if __name__ == "__main__":
    sys.exit(main())
