"""Every problem of one build or check, collected in one place and reported together."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .messages import t
from .model import Problem


@dataclass
class BuildReport:
    """Problems found while reading and enriching the content, and what was read."""

    problems: list[Problem] = field(default_factory=list)
    articles: int = 0
    pages: int = 0
    clusters: int = 0
    units: int = 0
    broken_drafts: set[str] = field(default_factory=set)  # drafts with errors: not built
    unchanged: bool = False  # nothing changed since the build that wrote output/
    rendered: int = 0  # pages and feeds rendered by this build
    reused: int = 0  # pages and feeds unchanged since the last build, linked from it
    in_place: int = 0  # ... or left in place in the spare (`thidua.incremental.spare`)

    def add(self, problems, draft: bool = False) -> None:
        """Add problems; a draft's errors are only warnings (drafts are never public)."""
        for problem in problems:
            if draft and problem.fatal:
                self.broken_drafts.add(problem.file)
                note = t("(bản nháp: chưa được dựng cho tới khi sửa xong)")
                problem = dataclasses.replace(
                    problem, fatal=False, message=f"{problem.message} {note}"
                )
            self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.fatal]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.fatal]

    def sorted_problems(self) -> list[Problem]:
        """Errors first, then by file and line, so a report reads top to bottom."""
        return sorted(self.problems, key=lambda p: (not p.fatal, p.file, p.line or 0))

    def counts_line(self) -> str:
        return t(
            "Đã kiểm tra {articles} bài viết, {pages} trang, {clusters} cụm/khối, {units} đơn vị: "
            "{errors} lỗi, {warnings} cảnh báo",
            articles=self.articles, pages=self.pages, clusters=self.clusters, units=self.units,
            errors=len(self.errors), warnings=len(self.warnings),
        )  # fmt: skip


class ContentError(Exception):
    """Stops a build whose published content has problems, before anything is written."""

    def __init__(self, report: BuildReport):
        self.report = report
        lines = "\n".join(f"  {p}" for p in report.errors)
        super().__init__(t("{count} lỗi trong nội dung:\n{lines}", count=len(report.errors),
                           lines=lines))  # fmt: skip
