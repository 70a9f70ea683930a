"""Benchmark: build time per article as the archive grows (``make bench-build``).

Generates sites of growing size (the corpus of ``bench_pelican``, no photos)
and prints milliseconds per article for the whole build and for the emulation
index alone. Flat numbers mean no page scans every article again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import tempfile
import time
from pathlib import Path

from bench_pelican import CLUSTERS, YEARS, make_corpus

from thidua import PROJECT_ROOT
from thidua.cli import build
from thidua.domain.fields import ContentFields
from thidua.domain.index import build_index, resolve
from thidua.domain.registry import load_registry

ROOT = PROJECT_ROOT


def measure(count: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        content = make_corpus(Path(tmp), count)
        settings = build.load_settings(ROOT / "pelicanconf.py", content, GALLERY_QUIET=True)
        started = time.perf_counter()
        build.build(settings, Path(tmp) / "output")  # stops on any content problem
        total = time.perf_counter() - started

        registry, _ = load_registry(content, settings)

        class Fake:  # the index needs only a date, a source path and the emulation data
            def __init__(self, n):
                self.date = dt.datetime(YEARS[n % len(YEARS)], 1, 1, 0, n % 60)
                self.source_path = f"bai-{n}.md"
                fields = ContentFields(source=self.source_path, date=self.date,
                                       cluster=f"cum-{n % CLUSTERS + 1}")  # fmt: skip
                self.emulation, problems = resolve(fields, registry)
                assert self.emulation is not None and not problems, problems

        fakes = [Fake(n) for n in range(count)]
        started = time.perf_counter()
        build_index(fakes, registry)
        index = time.perf_counter() - started
    return total * 1000 / count, index * 1000 / count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,400,1600")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    print(f"{'articles':>9} {'build ms/article':>17} {'index ms/article':>17}")
    for size in (int(s) for s in args.sizes.split(",")):
        per_build, per_index = measure(size)
        print(f"{size:>9} {per_build:>17.2f} {per_index:>17.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
