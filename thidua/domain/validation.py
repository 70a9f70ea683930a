"""Checking every article's front matter against the registry.

All problems are collected, never just the first, so that an author sees
everything to fix in one run of ``make check``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pelican.utils import get_date, slugify

from thidua import settings as plugin_settings

from . import frontmatter
from .model import Problem, Registry
from .registry import load_registry
from .suggest import nearest, nearest_number

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
DATE_EXAMPLE = "a date like '2024-03-25 09:00'"


@dataclass
class CheckResult:
    registry: Registry
    problems: list[Problem] = field(default_factory=list)
    article_count: int = 0
    page_count: int = 0
    # (article file, front matter) of every article read, for further checks (photos).
    article_metadata: list[tuple[Path, dict]] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.fatal]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.fatal]

    def summary(self) -> str:
        return (
            f"{self.article_count} articles, {self.page_count} pages, "
            f"{len(self.registry.clusters)} clusters, {len(self.registry.units)} units: "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings"
        )


class ContentError(Exception):
    """Raised to stop a build whose content has fatal problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the content:\n{lines}")


def check_content(settings: dict) -> CheckResult:
    """Validate the registry and every article and page under settings['PATH']."""
    content = Path(settings["PATH"])
    registry, problems = load_registry(content, settings)
    result = CheckResult(registry, problems)
    urls: dict[str, str] = {}
    for path in _content_files(content, settings.get("ARTICLE_PATHS", ["articles"])):
        result.article_count += 1
        metadata = _check_article(path, content, settings, registry, result.problems, urls)
        if metadata is not None:
            result.article_metadata.append((path, metadata))
    for path in _content_files(content, settings.get("PAGE_PATHS", ["pages"])):
        result.page_count += 1
        _check_page(path, content, settings, result.problems, urls)
    return result


def _content_files(content: Path, subdirs) -> list[Path]:
    files: set[Path] = set()
    for subdir in subdirs:
        base = content / subdir if subdir else content
        if base.is_dir():
            files.update(p for p in base.rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES)
    return sorted(files)


def _relative(path: Path, content: Path) -> str:
    try:
        return str(path.relative_to(content.parent))
    except ValueError:
        return str(path)


def _read(
    path: Path, content: Path, problems: list[Problem]
) -> tuple[str, frontmatter.FrontMatter] | None:
    source = _relative(path, content)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(source, "file", "is not UTF-8 text; save it as UTF-8"))
        return None
    header = frontmatter.parse(text)
    if header.error:
        problems.append(Problem(source, "front matter", header.error, line=header.error_line))
        return None
    return text, header


def _check_article(path, content, settings, registry: Registry, problems, urls) -> dict | None:
    """Check one article; return its front matter, or None when it could not be read."""
    read = _read(path, content, problems)
    if read is None:
        return None
    text, header = read
    meta = header.metadata
    source = _relative(path, content)

    def report(name: str, message: str, suggestion: str | None = None, fatal: bool = True):
        line = frontmatter.field_line(text, name)
        problems.append(Problem(source, name, message, suggestion, line, fatal))

    title = str(meta.get("title") or "").strip()
    if not title:
        report("title", "missing: every article needs a title")
    date = _check_date(meta, report)
    status = str(meta.get("status") or "published").strip()  # Pelican compares it exactly
    statuses = plugin_settings.get(settings, "EMULATION_STATUSES")
    if status not in statuses:
        report("status", f"unknown status '{status}'", nearest(status.lower(), statuses))

    event = meta.get("event")
    if event is not None and str(event).strip() not in registry.events:
        report(
            "event",
            f"unknown event '{event}'; one of {', '.join(registry.events)}",
            nearest(event, registry.events),
        )

    cluster_slug = str(meta.get("cluster") or "").strip()
    if not cluster_slug:
        report("cluster", "missing: name the cluster or block (a slug from content/clusters/)")
        cluster = None
    else:
        cluster = registry.clusters.get(cluster_slug)
        if cluster is None:
            report(
                "cluster",
                f"unknown cluster '{cluster_slug}'",
                nearest(cluster_slug, registry.clusters),
            )
    year = _check_year(meta, date, report)
    if cluster is not None and year is not None:
        term = cluster.term(year)
        if term is None:
            years = [t.year for t in cluster.terms]
            report(
                "year",
                f"{cluster_slug} has no term for {year} (its years: "
                f"{', '.join(map(str, years)) or 'none'}); add the term to {cluster.source}",
                nearest_number(year, years),
            )
        else:
            _check_units(meta, term, registry, report)
    if title and date is not None and status != "draft":
        _claim_url(_article_url(path, content, meta, title, date, settings), source, urls, report)
    return meta


def _check_date(meta: dict, report) -> dt.datetime | None:
    raw = meta.get("date")
    if raw is None or str(raw).strip() == "":
        report("date", f"missing: give {DATE_EXAMPLE}")
        return None
    if isinstance(raw, dt.datetime):
        return raw
    if isinstance(raw, dt.date):
        return dt.datetime(raw.year, raw.month, raw.day)
    try:
        return get_date(str(raw).strip())
    except (ValueError, OverflowError):
        report("date", f"'{raw}' is not a date; give {DATE_EXAMPLE}")
        return None


def _check_year(meta: dict, date: dt.datetime | None, report) -> int | None:
    raw = meta.get("year")
    if raw is None or str(raw).strip() == "":
        return date.year if date else None
    try:
        return int(str(raw).strip())
    except ValueError:
        suggestion = str(date.year) if date else None
        report("year", f"'{raw}' is not a year like 2024", suggestion)
        return None


def _check_units(meta: dict, term, registry: Registry, report) -> None:
    members = {u.slug for u in term.members}
    cluster = term.cluster
    for slug in frontmatter.split_list(meta.get("units")):
        if slug not in registry.units:
            report("units", f"unknown unit '{slug}' (not in units.yml)", nearest(slug, members))
        elif slug not in members:
            other = registry.units[slug].membership(term.year)
            where = f" (it is in {other.cluster.slug} that year)" if other else ""
            report(
                "units",
                f"unit '{slug}' is not a member of {cluster.slug} in {term.year}{where}",
                nearest(slug, members),
            )


def _check_page(path, content, settings, problems, urls) -> None:
    read = _read(path, content, problems)
    if read is None:
        return
    _text, header = read
    source = _relative(path, content)
    title = str(header.metadata.get("title") or "").strip()
    if not title:
        problems.append(Problem(source, "title", "missing: every page needs a title"))
        return
    slug = str(header.metadata.get("slug") or _slug(title, settings))
    pattern = settings.get("PAGE_SAVE_AS", "pages/{slug}.html")
    save_as = header.metadata.get("save_as") or _format(pattern, {"slug": slug, "lang": ""})
    if save_as:
        _claim_url(
            str(save_as),
            source,
            urls,
            lambda f, m, s=None: problems.append(Problem(source, f, m, s)),
        )


def _slug(title: str, settings: dict) -> str:
    return slugify(
        title,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def _article_url(path, content, meta, title, date, settings) -> str | None:
    """The file an article will be written to, computed the way Pelican does."""
    if meta.get("save_as"):
        return str(meta["save_as"])
    slug = meta.get("slug")
    if not slug:
        relative = str(path.relative_to(content)).replace("\\", "/")
        match = re.match(settings.get("PATH_METADATA", "") or r"(?!)", relative)
        slug = match.groupdict().get("slug") if match else None
    slug = str(slug or _slug(title, settings))
    values = {"slug": slug, "date": date, "lang": settings.get("DEFAULT_LANG", "")}
    return _format(settings.get("ARTICLE_SAVE_AS", "{slug}.html"), values)


def _format(pattern: str, values: dict) -> str | None:
    try:
        return pattern.format(**values)
    except (KeyError, AttributeError, IndexError, ValueError):
        return None  # a pattern using fields we do not model: Pelican still checks


def _claim_url(save_as: str | None, source: str, urls: dict[str, str], report) -> None:
    if not save_as:
        return
    if save_as in urls:
        report(
            "slug",
            f"would be written to {save_as}, like {urls[save_as]}; give one of them "
            "another title or a 'slug:'",
        )
    else:
        urls[save_as] = source
