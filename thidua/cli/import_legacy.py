"""Bring an article over from a legacy portal: ``make import FILE=saved.html``.

Reads a page saved from an agency portal (HTML) or its text copied out, finds
the article among the portal's debris, guesses cluster, emulation year, event
and units from the registry and writes a draft article folder, never
overwriting one. The guessed fields are marked "kiểm tra" for the archivist.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from thidua import PROJECT_ROOT
from thidua.cli import build
from thidua.domain.registry import load_registry
from thidua.legacy_import import guess, write
from thidua.legacy_import.extract import extract
from thidua.legacy_import.model import Extracted, FoundDate, ImportFailed
from thidua.legacy_import.source import read_source

ROOT = PROJECT_ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the saved page (.html) or the copied text (.txt)")
    parser.add_argument("--content", default="content", help="content folder")
    parser.add_argument("--cluster", help="cluster slug, when the text does not name it")
    parser.add_argument("--photos", help="folder holding the page's images (e.g. saved_files/)")
    parser.add_argument("--date", help="YYYY-MM-DD HH:MM, when the page shows no date")
    parser.add_argument("--slug", help="folder name of the article (default: from the title)")
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--dry-run", action="store_true", help="print the article, write nothing")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except ImportFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code


def run(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not args.file.strip():
        raise ImportFailed("give the saved page: make import FILE=saved.html")
    if not content.is_dir():
        raise ImportFailed(f"content folder '{content}' does not exist")
    photos_folder = Path(args.photos) if args.photos else None
    if photos_folder is not None and not photos_folder.is_dir():
        raise ImportFailed(f"photos folder not found: {photos_folder}")
    given_date = _given_date(args.date)
    if args.slug is not None:  # it names a folder: refuse '../..' before reading anything
        write.checked_slug(args.slug)

    article = extract(read_source(args.file))
    date = given_date or article.date
    if date is None:
        raise ImportFailed(
            "no date found near the title or in the text: give --date 'YYYY-MM-DD HH:MM'"
        )
    registry, _problems = load_registry(content, {})
    text = article.text
    year = guess.guess_year(article.title, date.value)
    cluster = guess.guess_cluster(registry, article.title, text, year.value, args.cluster)
    event = guess.guess_event(article.title, text)
    draft = write.Draft(
        source_name=args.file,
        imported_on=dt.date.today(),
        title=article.title,
        title_guessed=article.title_guessed,
        date=date,
        cluster=cluster,
        year=year,
        event=event,
        units=guess.guess_units(cluster.value, year.value, f"{article.title}\n{text}"),
        byline=article.byline,
        location=guess.guess_location(article.body),
        summary=guess.guess_summary(article.body),
        tags=guess.guess_tags(event.value if event else None, cluster.value, year.value),
        body=article.body,
        photos=write.plan_photos(article.photos, photos_folder),
        photos_folder=photos_folder,
        documents=article.documents,
    )
    text_out = write.render(draft)
    if args.dry_run:
        print(text_out, end="")
        return 0
    slug = args.slug or write.slug_for(article.title)
    target = write.write_article(content, date.value.year, slug, text_out, draft.photos)
    print(f"Wrote {target} (status: draft).")
    _report(draft, article, args)
    _check(target, content, args.settings, text_out)
    return 0


def _given_date(value: str | None) -> FoundDate | None:
    if not value:
        return None
    for pattern, has_time in (("%Y-%m-%d %H:%M", True), ("%Y-%m-%d", False)):
        try:
            return FoundDate(dt.datetime.strptime(value, pattern), has_time, "given with --date")
        except ValueError:
            continue
    raise ImportFailed(f"--date '{value}' is not like 2024-03-25 09:00")


def _report(draft: write.Draft, article: Extracted, args: argparse.Namespace) -> None:
    """What was guessed and what was removed, for the archivist reading the terminal."""
    print('Guessed (marked "kiểm tra" in the file):')
    for line in write.header_notes(draft)[1:]:
        print("  " + line.lstrip("# "))
    removed = [f"{kind} ×{count}" for kind, count in article.removed.most_common()]
    if article.outside:
        removed.append(f"{article.outside} other lines outside the article (menus, sidebars)")
    print("Removed: " + ("; ".join(removed) if removed else "nothing"))
    if draft.photos and args.photos is None:
        saved = Path(args.file).with_name(Path(args.file).stem + "_files")
        if saved.is_dir():
            print(f"Hint: the page's images seem to be in {saved}: import with --photos {saved}")


def _check(target: Path, content: Path, settings_file: str, text: str) -> None:
    """The build's own check (reader, registry, photos), reporting the new article's problems."""
    settings = build.load_settings(settings_file, content)
    report = build.check(settings)
    mine = str(target.resolve().relative_to(Path(settings["PATH"]).parent))
    problems = [str(p) for p in report.sorted_problems() if p.file == mine]
    if problems:
        print(f"{len(problems)} problem(s) to fix before publishing:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
    else:
        print("Checked: no problem in the new article.")
    print('Next: read the fields marked "kiểm tra", then set status: published.')


if __name__ == "__main__":
    sys.exit(main())
