"""Write a new article skeleton with the right front matter: ``make new CLUSTER=… TITLE=…``.

The article becomes a folder (``index.md`` beside its photos) under the year of
its date, and its emulation year is that year, which the cluster must have a
term for. The event is read from the title (``EVENT=`` overrides it); every
value is written as valid YAML whatever it holds. The skeleton is a draft that
passes ``make check``; an existing article is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from thidua import PROJECT_ROOT
from thidua import settings as portal_settings
from thidua.cli import build
from thidua.domain import dates, vietnamese
from thidua.domain.events import EVENT_TAGS
from thidua.domain.frontmatter import yaml_value
from thidua.domain.index import unknown_cluster
from thidua.domain.messages import t
from thidua.domain.model import Cluster
from thidua.domain.registry import load_registry
from thidua.domain.suggest import nearest

MAX_SLUG = 80  # characters of the folder name (the address): a title can be 250

TEMPLATE = """---
title: {title}
date: {date}
cluster: {cluster}   # {cluster_name}
year: {year}   # năm thi đua
event: {event}
# units: [{units}]   # bỏ dấu # ở đầu dòng nếu chỉ một số đơn vị tham gia
author:{author}
author_unit:{author_unit}
location:
summary: Tóm tắt một hai câu về sự kiện.
tags: [{tags}]
photos:
  # - file: toan-canh.jpg
  #   caption: Toàn cảnh {what}
  #   alt: Mô tả ngắn những gì trong ảnh
photo_credit:
status: draft
---
{when}, tại …, {cluster_name} tổ chức {what} năm {year}.

{sections}
"""

# What each event's report is about: its headings (its tag: domain.events).
SECTIONS = {
    "ky-ket": "## Nội dung giao ước\n\n1. …",
    "trien-khai": "## Nhiệm vụ trọng tâm\n\n1. …",
    "so-ket": "## Kết quả thi đua\n\n…\n\n## Nhiệm vụ thời gian tới\n\n1. …",
    "tong-ket": "## Kết quả thi đua\n\n…\n\n## Khen thưởng\n\n…",
    "giao-luu": "## Nội dung giao lưu\n\n…",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content")
    parser.add_argument("--cluster", required=True, help="cluster slug from content/clusters/")
    parser.add_argument("--title", required=True)
    parser.add_argument("--date", help="day first: 25/03/2024 or 25/03/2024 09:00 (default: now)")
    parser.add_argument("--event", default="", help="ky-ket, trien-khai, … (default: from title)")
    parser.add_argument("--author", default="")
    parser.add_argument("--author-unit", default="")
    parser.add_argument("--settings", default=str(PROJECT_ROOT / "pelicanconf.py"))
    parser.add_argument("--serve-url", default="http://127.0.0.1:8000/", help="make serve's URL")
    args = parser.parse_args(argv)

    content = Path(args.content)
    # The site's own settings: its registry paths, events and article folder.
    settings = build.load_settings(args.settings, content)
    events = portal_settings.get(settings, "EMULATION_EVENTS")
    registry, _ = load_registry(content, settings)
    title = args.title.strip()
    errors = []
    if not title:
        errors.append(t('TITLE: chưa có tiêu đề; hãy ghi make new CLUSTER=… TITLE="…"'))
    elif not vietnamese.slugify(title):
        errors.append(t("TITLE: tiêu đề cần có chữ hoặc số để làm địa chỉ bài viết"))
    cluster = registry.clusters.get(args.cluster)
    if not args.cluster.strip():
        errors.append(
            t(
                'CLUSTER: chưa ghi cụm; hãy ghi make new CLUSTER=<mã cụm> TITLE="…", '
                "các mã đang có: {slugs}",
                slugs=", ".join(sorted(registry.clusters)),
            )
        )
    elif cluster is None:
        message, suggestion = unknown_cluster(args.cluster, registry)
        hint = t(" — có phải ý bạn là {value}?", value=suggestion) if suggestion else ""
        errors.append(f"CLUSTER: {message}{hint}")
    if args.event and args.event not in events:
        hint = nearest(args.event, events)
        errors.append(
            t(
                "EVENT: không có loại sự kiện '{value}'; hãy ghi một trong {choices}",
                value=args.event,
                choices=", ".join(events),
            )
            + (t(" — có phải ý bạn là {value}?", value=hint) if hint else "")
        )
    when = None
    if args.date:
        try:
            when = dates.parse_date(args.date)
        except dates.DateError as error:
            errors.append(f"DATE: {error}")
    if not errors and cluster is not None:
        when = when or dt.datetime.now().replace(second=0, microsecond=0)
        if cluster.term(when.year) is None:
            errors.append(_no_term(cluster, when, given=bool(args.date)))
    if errors:
        for error in errors:
            print(t("lỗi: {error}", error=error), file=sys.stderr)
        return 2

    event = args.event or vietnamese.event_in_title(title)
    event = event if event in events else None
    slug = article_slug(title)
    articles = content / (settings.get("ARTICLE_PATHS") or ["articles"])[0]
    existing = _existing(articles, slug)
    if existing is not None:
        print(
            t(
                "lỗi: đã có bài viết mang địa chỉ '{slug}': {path}; hãy đặt tiêu đề khác (hoặc "
                "sửa bài đó)",
                slug=slug,
                path=existing,
            ),
            file=sys.stderr,
        )
        return 1
    folder = articles / str(when.year) / slug
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "index.md"
    text = skeleton(title, when, cluster, event, events, args.author, args.author_unit)
    target.write_text(text, encoding="utf-8")
    _tell(target, folder, slug, event, events, settings, args.serve_url)
    return 0


def article_slug(title: str) -> str:
    """The folder name (and address) of a title, cut at a word to at most MAX_SLUG characters."""
    slug = vietnamese.slugify(title)
    if len(slug) > MAX_SLUG:
        slug = slug[: MAX_SLUG + 1].rsplit("-", 1)[0]
    return slug


def skeleton(
    title: str,
    when: dt.datetime,
    cluster: Cluster,
    event: str | None,
    events: dict,
    author: str = "",
    author_unit: str = "",
) -> str:
    """The text of the new index.md: a draft that passes ``make check``."""
    year = when.year
    term = cluster.term(year)
    timed = (when.hour, when.minute) != (0, 0)
    day = vietnamese.format_date(when.date(), with_weekday=False)
    label = events[event] if event else "sự kiện"
    if event:
        event_line = event
    else:
        choices = ", ".join(events)
        event_line = f"   # chưa rõ từ tiêu đề: ghi một trong {choices}"
    return TEMPLATE.format(
        title=yaml_value(title),
        date=when.strftime("%d/%m/%Y %H:%M" if timed else "%d/%m/%Y"),
        cluster=cluster.slug,
        cluster_name=f"{cluster.name} {cluster.agency}".strip(),
        year=year,
        event=event_line,
        units=", ".join(u.slug for u in term.members),
        author=f" {yaml_value(author)}" if author else "",
        author_unit=f" {yaml_value(author_unit)}" if author_unit else "",
        tags=", ".join(filter(None, [EVENT_TAGS.get(event or ""), str(year)])),
        what=label[0].lower() + label[1:],
        when=f"{_part_of_day(when)} ngày {day}" if timed else f"Ngày {day}",
        sections=SECTIONS.get(event or "", "## Nội dung chính\n\n…"),
    )


def _part_of_day(when: dt.datetime) -> str:
    return "Sáng" if when.hour < 12 else "Chiều" if when.hour < 18 else "Tối"


def _no_term(cluster: Cluster, when: dt.datetime, given: bool) -> str:
    """The cluster has no term in the date's year: which years it has, and both ways out."""
    years = sorted(term.year for term in cluster.terms)
    example = f"DATE={when:%d/%m}/{years[-1]}" if years else "DATE=…"
    return t(
        "{cluster} chưa có năm thi đua {year} (các năm đã có: {years}). Nếu bài viết thuộc "
        "năm khác, hãy ghi ngày đăng, ví dụ {example}; nếu đúng là năm {year}, hãy thêm năm "
        "{year} vào terms: trong {source}",
        cluster=cluster.slug,
        year=when.year,
        years=", ".join(map(str, years)) or "-",
        example=example,
        source=cluster.source,
    ) + ("" if given else t(" (chưa ghi DATE= nên lấy ngày hôm nay)"))


def _existing(articles: Path, slug: str) -> Path | None:
    """An article already published under `slug`, in any year's folder."""
    for candidate in (*articles.glob(f"**/{slug}/index.md"), *articles.glob(f"**/{slug}.md")):
        return candidate
    return None


def _tell(target: Path, folder: Path, slug: str, event, events, settings, serve_url: str) -> None:
    print(t("Đã tạo bài viết nháp {path} (status: draft).", path=target))
    print(t("Ảnh: chép vào {folder}/ rồi ghi tên tệp dưới photos:", folder=folder))
    draft_url = _draft_url(settings, slug)
    if draft_url:
        url = serve_url.rstrip("/") + "/" + draft_url.lstrip("/")
        print(t("Xem bản nháp: chạy make serve rồi mở {url}", url=url))
    if event is None:
        print(
            t(
                "Tiêu đề không nói rõ loại sự kiện: hãy ghi event: trong bài ({choices}), hoặc "
                "chạy lại với EVENT=…",
                choices=", ".join(events),
            )
        )
    print(t("Khi bài viết xong, đổi status: draft thành status: published."))


def _draft_url(settings: dict, slug: str) -> str:
    """Where `make serve` shows the draft (DRAFT_URL), or '' when drafts are not built."""
    pattern = settings.get("DRAFT_URL") or ""
    try:
        return pattern.format(slug=slug)
    except (KeyError, IndexError, ValueError):  # a pattern with {date}, {lang}…: no guess
        return ""


if __name__ == "__main__":
    sys.exit(main())
