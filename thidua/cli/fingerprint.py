"""Skip a build whose every input is unchanged since the last one that wrote the output.

The fingerprint covers everything a build reads: the settings, the bytes of every
file under the content folder, the theme and the project's code, the versions of
the libraries that render, the day (an editor's pin expires with it) and
``SOURCE_DATE_EPOCH``; and the output as that build left it (names, sizes, times).
Equal fingerprints mean the same bytes would be written again, so nothing is.
Anything unreadable or different means a full build: it is never a guess.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

from thidua import PROJECT_ROOT
from thidua.domain.model import Problem
from thidua.domain.report import BuildReport
from thidua.incremental.reader_cache import content_digest

LIBRARIES = ("pelican", "markdown", "jinja2", "pillow", "pagefind", "pyyaml", "pelican-sitemap")
SKIPPED_NAMES = ("__pycache__", ".pytest_cache", ".ruff_cache")


def record_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.fingerprint")


def _hash_tree(digest, root: Path, files: dict[str, bytes] | None = None) -> None:
    """Every file's name and bytes under `root` (links as where they point) into `digest`;
    `files` gets each regular file's `content_digest`, by absolute path."""
    if not root.exists():
        digest.update(f"missing:{root}".encode())
        return
    for folder, dirs, names in os.walk(os.path.abspath(root), followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_NAMES)
        relative = os.path.relpath(folder, root)
        for name in sorted(names):
            path = os.path.join(folder, name)
            digest.update(os.fsencode(os.path.normpath(os.path.join(relative, name))) + b"\0")
            if os.path.islink(path):
                digest.update(b"link:" + os.fsencode(os.readlink(path)))
                continue
            with open(path, "rb") as handle:
                data = handle.read()
            own = content_digest(data)
            digest.update(own)
            if files is not None:
                files[path] = own


def _output_listing(output: Path) -> str:
    """Names, sizes and times of every file under `output` (as os.walk finds them: links
    to folders are not followed), in a stable order. Plain strings and scandir: this
    runs on every build and on every no-change check, over every page of the site."""
    digest = hashlib.blake2b()
    _list_into(digest, os.fspath(output), "")
    return digest.hexdigest()


def _list_into(digest, folder: str, prefix: str) -> None:
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            if not entry.is_symlink():
                folders.append(entry)
            continue
        stat = entry.stat(follow_symlinks=False)  # a hand-edited file changes its time
        digest.update(f"{prefix}{entry.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    for entry in folders:
        _list_into(digest, entry.path, f"{prefix}{entry.name}/")


def environment(settings: dict) -> bytes:
    """Everything but the content that a file's reading depends on: the settings, the
    libraries, the project's code and theme, the message language."""
    digest = hashlib.blake2b()
    digest.update(json.dumps(settings, sort_keys=True, default=repr).encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    digest.update(f"lang={os.environ.get('THIDUA_LANG', '')}".encode())
    roots = [Path(settings["THEME"]), PROJECT_ROOT / "thidua"]
    roots += [Path(p) for p in settings.get("PLUGIN_PATHS") or []]
    for root in roots:
        _hash_tree(digest, root)
    return digest.digest()


def page_base(environment_digest: bytes, today: str) -> bytes:
    """What every page depends on besides its own data: `environment` and the day."""
    day = f"{today}|{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode()
    return hashlib.blake2b(environment_digest + day).digest()


def inputs(settings: dict, today: str, environment_digest: bytes | None = None,
           files: dict[str, bytes] | None = None) -> str:  # fmt: skip
    """The fingerprint of everything a build of `settings` reads (`environment_digest`:
    `environment(settings)`, when the caller has it already). `files` gets the digest of
    each content file read on the way (the reader's cache then need not read it again)."""
    if environment_digest is None:
        environment_digest = environment(settings)
    digest = hashlib.blake2b(page_base(environment_digest, today))
    _hash_tree(digest, Path(settings["PATH"]), files)
    return digest.hexdigest()


def unchanged(output: Path, fingerprint: str) -> BuildReport | None:
    """The last build's report when `output` is exactly as it left it for these inputs."""
    try:
        record = json.loads(record_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("inputs") != fingerprint or not output.is_dir():
        return None
    if record.get("output") != _output_listing(output):
        return None
    report = record["report"]
    problems = [Problem(**fields) for fields in report.pop("problems")]
    return BuildReport(problems=problems, unchanged=True, **report)


def remember(output: Path, fingerprint: str, report: BuildReport) -> None:
    """Note what this build read and left, and what it reported, for the next one."""
    names = ("articles", "pages", "clusters", "units", "rendered", "reused")
    counts = {name: getattr(report, name) for name in names}
    problems = [dataclasses.asdict(p) for p in report.problems]
    record = {"inputs": fingerprint, "output": _output_listing(output),
              "report": {**counts, "problems": problems}}  # fmt: skip
    tmp = record_path(output).with_suffix(".tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, record_path(output))


def forget(output: Path) -> None:
    record_path(output).unlink(missing_ok=True)
