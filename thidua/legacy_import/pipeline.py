"""One page or a whole archive: read, settle every field or ask, skip what is there, write.

Each page ends in one of four states: imported (a draft written), needs an
answer (a field the evidence does not settle: which field, the candidates),
duplicate (already on the site, or imported before from the same source), or
refused (why). A folder goes on past pages that need answers; answers are given
per page in a small YAML file and the import run again: pages already imported
are skipped, so a re-run changes nothing that was done.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from thidua.domain import frontmatter
from thidua.domain.dates import DateError, parse_date
from thidua.domain.model import Registry
from thidua.domain.suggest import nearest

from . import duplicates, evidence, guess, proposals, write
from .extract import extract
from .model import (
    ALREADY,
    DUPLICATE,
    IMPORTED,
    NEEDS_ANSWER,
    REFUSED,
    Extracted,
    FoundDate,
    Guess,
    ImportFailed,
    Need,
    PageResult,
)  # fmt: skip
from .source import HTML_SUFFIXES, read_source

PAGE_SUFFIXES = (*HTML_SUFFIXES, ".txt", ".text")
ANSWER_FIELDS = ("title", "date", "cluster", "year", "event", "slug", "photos", "skip")
_HAS_TIME = re.compile(r"\d{1,2}\s*[:hH]\s*\d{2}")


@dataclass
class Answer:
    """What the archivist says of one page (options for FILE=, the answers file for SRC=)."""

    title: str | None = None
    date: FoundDate | None = None
    cluster: str | None = None
    year: int | None = None
    event: str | None = None
    slug: str | None = None
    photos: Path | None = None
    skip: bool = False


@dataclass
class Run:
    content: Path
    registry: Registry
    review: Path
    dry_run: bool = False
    batch: bool = False  # SRC= (answers in a file) rather than FILE= (answers as options)
    today: dt.date = field(default_factory=dt.date.today)
    index: duplicates.Index = field(init=False)
    proposals: proposals.Proposals = field(init=False)
    written: list[tuple[PageResult, Path]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.index = duplicates.Index(self.content)
        self.proposals = proposals.Proposals(self.review, self.registry, self.content)

    def how(self, key: str, option: str, example: str, page: str) -> str:
        """How to give a field, the way this run is used."""
        if self.batch:
            return (
                f"ghi “{key}: {example}” cho trang “{page}” trong tệp trả lời rồi chạy lại "
                "make import SRC=… ANSWERS=tệp-trả-lời"
            )
        return f"chạy lại với {option}={example}"


# -- Answers ---------------------------------------------------------------------------------


def given_date(value, where: str) -> FoundDate:
    """A date given by the archivist: day first (27/05/2024 09:00) or ISO (2024-05-27)."""
    try:
        when = parse_date(value)
    except DateError as error:
        raise ImportFailed(f"{where}: ngày {error}") from None
    if isinstance(value, dt.datetime):
        has_time = True
    elif isinstance(value, dt.date):
        has_time = False
    else:
        has_time = bool(_HAS_TIME.search(str(value)))
    return FoundDate(when, has_time, f"do người nhập cho ({where})")


def load_answers(path: Path, registry: Registry) -> dict[str, Answer]:
    """The answers file: page → {title, date, cluster, year, event, slug, photos, skip}."""
    if not path.is_file():
        raise ImportFailed(f"không thấy tệp trả lời: {path}")
    try:
        data = frontmatter.load_yaml(path.read_text(encoding="utf-8")) or {}
    except Exception as error:  # the strict loader raises several kinds: all mean "fix the file"
        raise ImportFailed(f"{path}: tệp trả lời không phải YAML hợp lệ ({error})") from None
    if not isinstance(data, dict):
        raise ImportFailed(f"{path}: tệp trả lời phải có dạng “trang: {{cluster: …, date: …}}”")
    answers: dict[str, Answer] = {}
    problems: list[str] = []
    for page, values in data.items():
        where = f"{path}, trang “{page}”"
        if values is None:
            continue
        if not isinstance(values, dict):
            problems.append(f"{where}: cần các trường {', '.join(ANSWER_FIELDS)}")
            continue
        answer = Answer()
        for key, value in values.items():
            if value is None or value == "":
                continue  # left empty in the template: not answered yet
            if key not in ANSWER_FIELDS:
                hint = nearest(key, ANSWER_FIELDS)
                problems.append(
                    f"{where}: trường “{key}” không có"
                    + (f" — có phải {hint}?" if hint else f"; dùng {', '.join(ANSWER_FIELDS)}")
                )
                continue
            try:
                _set_answer(answer, key, value, where, registry, path.parent)
            except ImportFailed as error:
                problems.append(str(error))
        answers[str(page)] = answer
    if problems:
        raise ImportFailed("tệp trả lời có lỗi:\n  " + "\n  ".join(problems))
    return answers


def _set_answer(answer: Answer, key, value, where, registry: Registry, base: Path) -> None:
    if key == "date":
        answer.date = given_date(value, where)
    elif key == "year":
        try:
            answer.year = int(str(value).strip())
        except ValueError:
            raise ImportFailed(f"{where}: year “{value}” không phải một năm như 2024") from None
    elif key == "event":
        if str(value) not in registry.events:
            hint = nearest(value, registry.events)
            raise ImportFailed(
                f"{where}: event “{value}” không có"
                + (f" — có phải {hint}?" if hint else "")
                + f" (một trong: {', '.join(registry.events)})"
            )
        answer.event = str(value)
    elif key == "slug":
        answer.slug = write.checked_slug(str(value))
    elif key == "photos":
        answer.photos = (base / str(value)).resolve()
    elif key == "skip":
        answer.skip = bool(value)
    else:
        setattr(answer, key, " ".join(str(value).split()))


def answer_for(answers: dict[str, Answer], name: str) -> Answer:
    """The page's answer by its path in the folder, or by its file name when unique."""
    if name in answers:
        return answers[name]
    base = Path(name).name
    matches = [a for key, a in answers.items() if Path(key).name == base]
    return matches[0] if len(matches) == 1 else Answer()


def pages_in(folder: Path) -> list[Path]:
    """Every saved page or text copy in the folder and below, not the pages' image folders."""
    pages = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.endswith("_files") or part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in PAGE_SUFFIXES:
            pages.append(path)
    return pages


# -- One page --------------------------------------------------------------------------------


def import_page(run: Run, path: Path, name: str, answer: Answer) -> PageResult:
    result = PageResult(name, REFUSED)
    if answer.skip:
        result.reason = "bỏ qua theo tệp trả lời (skip: true)"
        return result
    try:
        data = path.read_bytes() if path.is_file() else b""
        source = read_source(path)
    except ImportFailed as error:
        result.reason = str(error)
        return result
    print_ = duplicates.fingerprint(data)
    known = run.index.by_source(print_, source.url)
    if known is not None:
        result.status, result.target, result.title = ALREADY, _rel(known.path), known.title
        result.reason = f"trang này đã được nhập: {_rel(known.path)} — bỏ qua, không ghi gì"
        return result
    try:
        article = extract(source)
    except ImportFailed as error:
        result.reason = str(error)
        return result
    result.removed = article.removed
    return _settle(run, path, name, answer, article, source.url, print_, result)


def _settle(run, path, name, answer, article: Extracted, url, print_, result) -> PageResult:
    title = answer.title or article.title
    result.title = title
    date = answer.date or article.date
    needs: list[Need] = []
    if not title:
        needs.append(
            Need(
                "title",
                "không thấy dòng tiêu đề phía trên ngày đăng và nội dung (chú thích ảnh như "
                "“Toàn cảnh …”, “Ảnh: …” không bao giờ được lấy làm tiêu đề)",
                how=run.how("title", "TITLE", '"Tiêu đề đúng của bài"', name),
            )
        )
    if date is None:
        needs.append(
            Need(
                "date",
                "không thấy ngày của bài: trang không có dòng ngày đăng, vùng tác giả không ghi "
                "ngày, không có câu “ngày … tổ chức …”; ngày của văn bản được trích dẫn "
                "(“Chỉ thị số … ngày …”) không bao giờ được dùng",
                how=run.how("date", "DATE", '"27/05/2024 09:00"', name),
            )
        )
    if title and date is not None:
        same = run.index.by_title_and_day(title, date.value.date())
        if same is not None:
            result.status, result.target = DUPLICATE, _rel(same.path)
            when = f"cùng ngày {date.value:%d/%m/%Y}"
            if same.day != date.value.date():
                when = f"ngày gần nhau ({date.value:%d/%m/%Y}; bài có sẵn ghi {same.day:%d/%m/%Y})"
            result.reason = (
                f"trùng bài đã có {_rel(same.path)}: cùng tiêu đề “{title}”, {when}"
                " — bỏ qua, không ghi gì"
            )
            return result
        for other in run.index.same_title(title):
            day = f"{other.day:%d/%m/%Y}" if other.day else "không rõ ngày"
            result.notes.append(
                f"cùng tiêu đề với {_rel(other.path)} ({day}) nhưng khác ngày: xem có phải "
                "một bài không"
            )
    lead = next((b.text for b in article.body if b.kind == "p"), "")
    text = article.text
    if answer.event:
        event = Guess(answer.event, "do người nhập cho", given=True)
        event_problem = ""
    else:
        event, event_problem = guess.guess_event(title, lead)
    if answer.year is not None:
        year = Guess(answer.year, "do người nhập cho", given=True)
    else:
        year, year_problem = guess.guess_year(
            title, lead, date.value if date else None, event.value if event else None
        )
        if year is None:
            needs.append(Need("year", year_problem, how=run.how("year", "YEAR", "2024", name)))
    far = year is not None and date is not None and abs(date.value.year - year.value) > 1
    if far and not (year.given and answer.date):
        needs.append(
            Need(
                "date",
                f"ngày {date.value:%d/%m/%Y} ({date.evidence}) cách năm thi đua "
                f"{year.value} ({year.evidence}) hơn một năm: một trong hai có thể sai, "
                "không ghi",
                how=run.how("date", "DATE", '"27/05/2024"', name)
                + " (và year nếu năm thi đua sai)",
            )
        )
    cluster = _cluster(run, name, answer, title, lead, text, year, needs, result)
    if needs:
        result.status, result.needs = NEEDS_ANSWER, needs
        return result
    return _write(run, path, name, answer, article, title, date, year, event, event_problem,
                  cluster, url, print_, result)  # fmt: skip


def _cluster(run, name, answer, title, lead, text, year, needs, result) -> Guess | None:
    registry = run.registry
    if answer.cluster:
        cluster = registry.clusters.get(answer.cluster)
        if cluster is not None:
            return Guess(cluster, "do người nhập chọn", given=True)
        hint = nearest(answer.cluster, registry.clusters)
        needs.append(
            Need(
                "cluster",
                f"không có cụm/khối “{answer.cluster}” trong sổ đăng ký"
                + (f" — có phải {hint}?" if hint else ""),
                [f"{c.slug} ({c.full_name})" for c in registry.clusters.values()],
                run.how("cluster", "CLUSTER", "<mã cụm>", name),
            )
        )
        return None
    choice = evidence.choose_cluster(
        registry, title, lead, text, year.value if year is not None else None
    )
    if choice.cluster is not None:
        return Guess(choice.cluster, choice.evidence)
    need = Need(
        "cluster",
        choice.problem,
        [c.describe() for c in choice.candidates],
        run.how("cluster", "CLUSTER", "<mã cụm>", name),
    )
    # The words after the number name the cluster the registry lacks, in the title or lead.
    numbers = {(m.kind, m.value) for m in choice.mentions}
    near = evidence.mentions(title, evidence.WHERE_TITLE) + evidence.mentions(
        lead, evidence.WHERE_LEAD
    )
    mention = next(
        (m for m in near if (m.kind, m.value) in numbers and (m.agency or m.places)), None
    )
    if mention is not None and not any(c.accepted for c in choice.candidates):
        province = _province(f"{title}\n{lead}")
        roster = proposals.read_roster(f"{title}\n{text}", registry, mention.kind)
        proposal = _rel(
            run.proposals.new_cluster(
                mention, province, year.value if year else None, roster, name, title
            )
        )
        result.proposals.append(proposal)
        need.how += (
            f"; nếu đây là cụm/khối mới, xem đề xuất {proposal}, đưa vào sổ đăng ký rồi chạy lại"
        )
    needs.append(need)
    return None


def _province(text: str) -> str:
    from . import places

    found = [p.name for p in places.places(text) if p.level == "province" and p.name]
    return found[0] if len(set(found)) == 1 else ""


def _write(run, path, name, answer, article, title, date, year, event, event_problem, cluster,
           url, print_, result) -> PageResult:  # fmt: skip
    registry = run.registry
    chosen = cluster.value
    text = article.text
    if chosen.term(year.value) is None:
        nearest_term = min(chosen.terms, key=lambda t: abs(t.year - year.value), default=None)
        roster = proposals.read_roster(
            f"{title}\n{text}", registry, chosen.kind,
            within=nearest_term.members if nearest_term else None,
        )  # fmt: skip
        proposal = _rel(run.proposals.new_term(chosen, year.value, roster, name, title))
        result.proposals.append(proposal)
        result.notes.append(
            f"{chosen.slug} chưa có năm {year.value} trong sổ đăng ký: đã ghi đề xuất "
            f"{proposal}; bài vẫn được nhập là bản nháp (make check cảnh báo đến khi thêm năm)"
        )
    photos_folder = answer.photos or _saved_files(path)
    draft = write.Draft(
        source_name=name,
        imported_on=run.today,
        title=title,
        title_guessed=article.title_guessed and not answer.title,
        title_given=bool(answer.title),
        date=date,
        cluster=cluster,
        year=year,
        event=event,
        event_problem=event_problem,
        units=guess.guess_units(chosen, year.value, f"{title}\n{text}"),
        byline=article.byline,
        location=guess.guess_location(article.body),
        summary=guess.guess_summary(article.body),
        tags=guess.guess_tags(event.value if event else None, chosen, year.value),
        body=article.body,
        photos=write.plan_photos(article.photos, photos_folder),
        photos_folder=photos_folder,
        documents=article.documents,
        fingerprint=print_,
        url=url,
    )
    rendered = write.render(draft)
    slug = answer.slug or write.slug_for(title)
    existing = write.existing_article(run.content, slug)
    if existing is not None:
        result.reason = (
            f"thư mục bài “{slug}” đã có ({_rel(existing)}) với nội dung khác: không bao giờ ghi "
            f"đè — {run.how('slug', 'SLUG', slug + '-2', name)}, hoặc xoá bài cũ"
        )
        result.code = 1
        return result
    notes = [n for n in write.header_notes(draft)[1:] if n.startswith("#   ")]
    result.notes = notes + result.notes
    if run.dry_run:
        result.status, result.target = IMPORTED, "(chạy thử: không ghi)"
        result.rendered = rendered
        return result
    target = write.write_article(run.content, date.value.year, slug, rendered, draft.photos)
    run.index.add(target, title, date.value.date(), print_, url)
    result.status, result.target = IMPORTED, _rel(target)
    run.written.append((result, target))
    return result


def _saved_files(page: Path) -> Path | None:
    """The browser's folder of images saved with the page: 'trang.html' → 'trang_files/'."""
    folder = page.with_name(page.stem + "_files")
    return folder if page.suffix.lower() in HTML_SUFFIXES and folder.is_dir() else None


def _rel(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
