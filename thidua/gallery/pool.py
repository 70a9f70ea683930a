"""Process many photos at once: cache look-ups first, a thread pool for the rest.

Pillow releases the GIL while it decodes, resizes and encodes, so threads use
every core without copying images between processes.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import TextIO

from thidua.domain.messages import t

from .cache import Cache

log = logging.getLogger(__name__)


@dataclass
class Result:
    """What became of one source file."""

    path: str
    key: str | None = None
    entry: dict | None = None  # sizes of the derivatives, or {"error": ...}

    @property
    def error(self) -> str | None:
        return self.entry.get("error") if self.entry else t("chưa được xử lý")


def _unreadable(error: OSError) -> str:
    return t("không đọc được tệp ({error})", error=error)


@dataclass
class Stats:
    total: int = 0
    processed: int = 0
    seconds: float = 0.0


def process_all(paths: list[str], cache: Cache, quiet: bool = False) -> tuple[dict, Stats]:
    """{path: Result} for every source path, processing only what the cache lacks."""
    started = time.perf_counter()
    results: dict[str, Result] = {}
    todo: list[str] = []
    for path in dict.fromkeys(paths):
        try:
            stat = os.stat(path)
        except OSError as error:
            results[path] = Result(path, entry={"error": _unreadable(error)})
            continue
        key = cache.known_key(path, stat)
        entry = cache.entry(key)
        if entry is not None and ("error" in entry or "sizes" in entry):
            results[path] = Result(path, key, entry)
        else:
            todo.append(path)
    processed = _run_pool(todo, cache, results, Progress(len(todo), quiet)) if todo else 0
    stats = Stats(len(results), processed, time.perf_counter() - started)
    return results, stats


def _run_pool(todo: list[str], cache: Cache, results: dict, progress: Progress) -> int:
    processed = 0
    workers = min(cache.gs.workers, len(todo))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gallery") as pool:
        futures = {pool.submit(cache.build, path): path for path in todo}
        for future in as_completed(futures):
            path = futures[future]
            try:
                stat, digest, key, entry, fresh = future.result()
            except OSError as error:
                results[path] = Result(path, entry={"error": _unreadable(error)})
            else:
                cache.remember(path, stat, digest, key, entry)
                results[path] = Result(path, key, entry)
                processed += fresh
            progress.step()
    progress.finish()
    return processed


class Progress:
    """One self-updating line on a terminal ("photos done / total, time left").

    Off with GALLERY_QUIET or in CI; where the output is not a terminal a short
    line is written at most every ten seconds instead of a wall of lines.
    """

    def __init__(self, total: int, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.quiet = quiet or total < 2
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.perf_counter()
        self.last = self.started

    def step(self) -> None:
        self.done += 1
        if self.quiet:
            return
        now = time.perf_counter()
        interval = 0.1 if self.tty else 10.0
        if now - self.last < interval and self.done < self.total:
            return
        self.last = now
        line = self.line(now)
        if self.tty:
            self.stream.write(f"\r\x1b[K{line}")
        else:
            self.stream.write(f"{line}\n")
        self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = now - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else 0
        return f"gallery: {self.done}/{self.total} photos processed, about {left:.0f} s left"

    def finish(self) -> None:
        if not self.quiet and self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
