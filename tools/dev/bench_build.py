"""Benchmark: build time per article as the archive grows (``make bench-build``).

Generates sites of growing size (synthetic registry and articles, no photos)
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

import yaml

from thidua import PROJECT_ROOT
from thidua.cli import build
from thidua.domain.fields import ContentFields
from thidua.domain.index import build_index, resolve
from thidua.domain.registry import load_registry
from thidua.settings import DEFAULTS

ROOT = PROJECT_ROOT

EVENTS = list(DEFAULTS["EMULATION_EVENTS"])
YEARS = [2022, 2023, 2024, 2025]


def make_site(root: Path, articles: int, clusters: int = 20, per_cluster: int = 5) -> Path:
    content = root / "content"
    (content / "clusters").mkdir(parents=True)
    units = [
        {"slug": f"don-vi-{n}", "name": f"Đơn vị thử nghiệm số {n}", "short_name": f"Đơn vị {n}"}
        for n in range(clusters * per_cluster)
    ]
    (content / "units.yml").write_text(yaml.safe_dump(units, allow_unicode=True), "utf-8")
    for c in range(clusters):
        members = [f"don-vi-{c * per_cluster + m}" for m in range(per_cluster)]
        terms = [{"year": y, "members": list(members), "head": members[y % per_cluster]}
                 for y in YEARS]  # fmt: skip
        data = {"slug": f"cum-{c + 1}", "name": f"Cụm thi đua số {c + 1}", "kind": "cụm",
                "number": str(c + 1), "agency": "Cơ quan thử nghiệm", "terms": terms}  # fmt: skip
        (content / "clusters" / f"cum-{c + 1}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True), "utf-8"
        )
    body = "Các đơn vị ký kết giao ước thi đua với năm nội dung trọng tâm.\n\n" * 6
    for n in range(articles):
        year = YEARS[n % len(YEARS)]
        meta = {
            "title": f"Bài thử nghiệm số {n}",
            "date": f"{year}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            "cluster": f"cum-{n % clusters + 1}",
            "event": EVENTS[n % len(EVENTS)],
        }
        folder = content / "articles" / str(year) / f"bai-{n}"
        folder.mkdir(parents=True)
        header = yaml.safe_dump(meta, allow_unicode=True)
        (folder / "index.md").write_text(f"---\n{header}---\n{body}", "utf-8")
    return content


def measure(count: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        content = make_site(Path(tmp), count)
        settings = build.load_settings(ROOT / "pelicanconf.py", content, GALLERY_QUIET=True)
        started = time.perf_counter()
        build.build(settings, Path(tmp) / "output")  # stops on any content problem
        total = time.perf_counter() - started

        registry, _ = load_registry(content, settings)

        class Fake:  # the index needs only a date, a source path and the emulation data
            def __init__(self, n):
                self.date = dt.datetime(YEARS[n % 4], 1, 1, 0, n % 60)
                self.source_path = f"bai-{n}.md"
                fields = ContentFields(source=self.source_path, date=self.date,
                                       cluster=f"cum-{n % 20 + 1}")  # fmt: skip
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
