"""Every problem of one build or check, collected in one place and reported together."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .model import Problem

DRAFT_NOTE = "(draft: not built until fixed)"


@dataclass
class BuildReport:
    """Problems found while reading and enriching the content, and what was read."""

    problems: list[Problem] = field(default_factory=list)
    articles: int = 0
    pages: int = 0
    clusters: int = 0
    units: int = 0
    broken_drafts: set[str] = field(default_factory=set)  # drafts with errors: not built

    def add(self, problems, draft: bool = False) -> None:
        """Add problems; a draft's errors are only warnings (drafts are never public)."""
        for problem in problems:
            if draft and problem.fatal:
                self.broken_drafts.add(problem.file)
                problem = dataclasses.replace(
                    problem, fatal=False, message=f"{problem.message} {DRAFT_NOTE}"
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
        return (
            f"Checked {self.articles} articles, {self.pages} pages, {self.clusters} clusters, "
            f"{self.units} units: {len(self.errors)} errors, {len(self.warnings)} warnings"
        )


class ContentError(Exception):
    """Stops a build whose published content has problems, before anything is written."""

    def __init__(self, report: BuildReport):
        self.report = report
        lines = "\n".join(f"  {p}" for p in report.errors)
        super().__init__(f"{len(report.errors)} problem(s) in the content:\n{lines}")
