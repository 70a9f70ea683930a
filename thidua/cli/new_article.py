"""Write a new article skeleton with the right front matter: ``make new CLUSTER=… TITLE=…``.

The article becomes a folder (``index.md`` beside its photos). An existing
article is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from thidua import PROJECT_ROOT
from thidua import settings as portal_settings
from thidua.cli import build
from thidua.domain import vietnamese
from thidua.domain.registry import load_registry
from thidua.domain.suggest import nearest

ROOT = PROJECT_ROOT

TEMPLATE = """---
title: {title}
date: {date}
cluster: {cluster}
year: {year}
event: {event}
# units: [{units}]   # bỏ dấu # nếu chỉ một số đơn vị tham gia
author: {author}
author_unit: {author_unit}
location:
summary: Tóm tắt một hai câu về sự kiện.
tags: [giao ước thi đua, {year}]
photos:
  # - file: toan-canh.jpg
  #   caption: Toàn cảnh {event_label_lower}
  #   alt: Mô tả ngắn những gì trong ảnh
photo_credit:
status: draft
---
Sáng ngày {day}, {cluster_name} tổ chức {event_label_lower} năm {year}.

## Nội dung giao ước

1. …
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content")
    parser.add_argument("--cluster", required=True, help="cluster slug from content/clusters/")
    parser.add_argument("--title", required=True)
    parser.add_argument("--date", help="YYYY-MM-DD HH:MM (default: now)")
    parser.add_argument("--event", default="ky-ket", help="ky-ket, trien-khai, so-ket, …")
    parser.add_argument("--author", default="")
    parser.add_argument("--author-unit", default="")
    parser.add_argument("--settings", default=str(PROJECT_ROOT / "pelicanconf.py"))
    args = parser.parse_args(argv)

    content = Path(args.content)
    # The site's own settings: its registry paths, events and article folder.
    settings = build.load_settings(args.settings, content)
    events = portal_settings.get(settings, "EMULATION_EVENTS")
    registry, _ = load_registry(content, settings)
    errors = []
    cluster = registry.clusters.get(args.cluster)
    if not args.title.strip():
        errors.append('TITLE is empty: make new CLUSTER=… TITLE="…"')
    if cluster is None:
        hint = nearest(args.cluster, registry.clusters)
        errors.append(
            f"unknown cluster '{args.cluster}'"
            + (f" — did you mean {hint}?" if hint else "")
            + f" Clusters: {', '.join(sorted(registry.clusters))}"
        )
    if args.event not in events:
        hint = nearest(args.event, events)
        errors.append(
            f"unknown event '{args.event}'" + (f" — did you mean {hint}?" if hint else "")
        )
    try:
        when = dt.datetime.strptime(args.date, "%Y-%m-%d %H:%M") if args.date else None
    except ValueError:
        errors.append(f"DATE '{args.date}' is not like 2024-03-25 09:00")
        when = None
    if errors:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        return 2
    when = when or dt.datetime.now().replace(second=0, microsecond=0)
    term = cluster.term(when.year) or cluster.latest_term
    year = term.year if term else when.year
    slug = vietnamese.slugify(args.title)
    articles = (settings.get("ARTICLE_PATHS") or ["articles"])[0]
    folder = content / articles / str(when.year) / slug
    target = folder / "index.md"
    if target.exists():
        print(f"error: {target} already exists; choose another title", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    label = events[args.event]
    target.write_text(
        TEMPLATE.format(
            title=args.title.strip(),
            date=when.strftime("%Y-%m-%d %H:%M"),
            cluster=cluster.slug,
            year=year,
            event=args.event,
            units=", ".join(u.slug for u in term.members) if term else "",
            author=args.author,
            author_unit=args.author_unit,
            event_label_lower=label[0].lower() + label[1:],
            day=vietnamese.format_date(when.date(), with_weekday=False),
            cluster_name=cluster.name,
        ),
        encoding="utf-8",
    )
    print(f"Wrote {target} (status: draft). Put the photos in {folder}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
