"""Benchmark: the portal's build against plain Pelican on the same articles (``make bench``).

Generates a corpus of realistic reports (about 600 words, 60 clusters/blocks,
300 units, 11 years, tags, summaries; written with Pelican's native header so
plain Pelican reads them without plugins), then builds it with the project and
with plain Pelican (default theme, no plugins), interleaved, several pairs per
size. Prints medians, the ratio project/Pelican, pages written and peak memory
(max RSS of the build process), with the machine's load next to each row.

    python tools/dev/bench_pelican.py --sizes 1000,5000 --pairs 3
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from thidua import PROJECT_ROOT

WORDS = [
    "đơn",
    "vị",
    "cụm",
    "thi",
    "đua",
    "giao",
    "ước",
    "phong",
    "trào",
    "nhiệm",
    "vụ",
    "chính",
    "trị",
    "kiểm",
    "sát",
    "công",
    "tác",
    "năm",
    "đồng",
    "chí",
    "lãnh",
    "đạo",
    "tổ",
    "chức",
    "hội",
    "nghị",
    "ký",
    "kết",
    "nội",
    "dung",
    "thực",
    "hiện",
    "hoàn",
    "thành",
    "xuất",
    "sắc",
    "chỉ",
    "tiêu",
    "kế",
    "hoạch",
    "đoàn",
    "kết",
    "đổi",
    "mới",
    "trách",
    "nhiệm",
    "kỷ",
    "cương",
    "hiệu",
    "quả",
    "thực",
    "chất",
    "cán",
    "bộ",
    "công",
    "chức",
    "người",
    "lao",
    "động",
    "khen",
    "thưởng",
    "bằng",
    "khen",
    "cờ",
    "sơ",
    "kết",
    "tổng",
    "kết",
    "giao",
    "lưu",
    "thể",
    "thao",
    "văn",
    "nghệ",
]
# An agency's tags are few and reused: topics and the year.
TOPICS = ["giao ước thi đua", "khen thưởng", "sơ kết", "tổng kết", "giao lưu", "văn nghệ",
          "thể thao", "cải cách tư pháp", "chuyển đổi số", "công đoàn", "đoàn thanh niên",
          "phụ nữ"]  # fmt: skip
EVENTS = ["ky-ket", "trien-khai", "so-ket", "tong-ket", "giao-luu"]
YEARS = list(range(2015, 2026))
CLUSTERS, UNITS_PER_CLUSTER = 60, 5

PLAIN_SETTINGS = """\
AUTHOR = "Bench"
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
READERS = {"rst": None, "html": None, "htm": None}
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 8
# Pelican's default "{name}{number}" pattern makes page 2 of author 1 overwrite author 12.
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
LOAD_CONTENT_CACHE = False
"""


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def make_corpus(root: Path, articles: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    content = root / "content"
    (content / "clusters").mkdir(parents=True)
    units = [
        {"slug": f"don-vi-{n}", "name": f"Đơn vị thử nghiệm số {n}", "short_name": f"Đơn vị {n}"}
        for n in range(CLUSTERS * UNITS_PER_CLUSTER)
    ]
    (content / "units.yml").write_text(yaml.safe_dump(units, allow_unicode=True), "utf-8")
    for c in range(CLUSTERS):
        members = [f"don-vi-{c * UNITS_PER_CLUSTER + m}" for m in range(UNITS_PER_CLUSTER)]
        terms = [{"year": y, "members": list(members), "head": members[y % UNITS_PER_CLUSTER]}
                 for y in YEARS]  # fmt: skip
        kind = "khối" if c % 3 == 0 else "cụm"
        data = {"slug": f"cum-{c + 1}", "name": f"{kind.capitalize()} thi đua số {c + 1}",
                "kind": kind, "number": str(c + 1), "agency": f"Cơ quan số {c % 7 + 1}",
                "terms": terms}  # fmt: skip
        (content / "clusters" / f"cum-{c + 1}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True), "utf-8"
        )
    for n in range(articles):
        year = YEARS[n % len(YEARS)]
        cluster = n % CLUSTERS
        members = [f"don-vi-{cluster * UNITS_PER_CLUSTER + m}" for m in range(UNITS_PER_CLUSTER)]
        header = [
            f"Title: {sentence(rng, 9)[:-1]} số {n}",
            f"Date: {year}-{n % 12 + 1:02d}-{n % 28 + 1:02d} {8 + n % 9:02d}:{n % 60:02d}",
            f"Cluster: cum-{cluster + 1}",
            f"Event: {EVENTS[n % len(EVENTS)]}",
            f"Units: {', '.join(rng.sample(members, 3))}",
            f"Tags: {rng.choice(TOPICS)}, {year}",
            f"Summary: {sentence(rng, 30)}",
            f"Author: Phóng viên {n % 8}",
        ]
        body = "\n\n".join(sentence(rng, 60) for _ in range(10))
        folder = content / "articles" / str(year) / f"bai-{n}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text("\n".join(header) + "\n\n" + body + "\n", "utf-8")
    return content


PEAK = (
    "import resource, subprocess, sys;"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, "
    "stderr=subprocess.DEVNULL);"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak memory in MiB of the build or of any process it ran)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=cwd, check=True,
                          capture_output=True, text=True, env=dict(os.environ, CI="1"))  # fmt: skip
    return time.perf_counter() - started, int(done.stdout.split()[-1]) / 1024


def pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html"))


def project_build(content: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "thidua.cli.build", "--content", str(content),
            "--output", str(output),
            "--settings", str(PROJECT_ROOT / "pelicanconf.py")]  # fmt: skip


def pelican_build(content: Path, output: Path, settings: Path) -> list[str]:
    return [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings),
            "-q", "--delete-output-directory"]  # fmt: skip


def measure(size: int, pairs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-pelican-") as tmp:
        root = Path(tmp)
        content = make_corpus(root, size)
        plain = root / "plain.py"
        plain.write_text(PLAIN_SETTINGS, "utf-8")
        ours, theirs, our_peak, their_peak = [], [], [], []
        for _ in range(pairs):
            for name, command, times, peaks in (
                ("project", project_build(content, root / "out-project"), ours, our_peak),
                ("pelican", pelican_build(content, root / "out-pelican", plain), theirs,
                 their_peak),
            ):  # fmt: skip
                shutil.rmtree(root / f"out-{name}", ignore_errors=True)
                wall, peak = run(command, root)
                times.append(wall)
                peaks.append(peak)
        our_pages, their_pages = pages(root / "out-project"), pages(root / "out-pelican")
        load = os.getloadavg()[0]
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(f"{size:>7} {statistics.median(ours):>9.2f} {statistics.median(theirs):>9.2f} "
              f"{ratio:>6.2f}× {our_pages:>7} {their_pages:>7} {max(our_peak):>8.0f} "
              f"{max(their_peak):>8.0f}   load {load:.1f}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'articles':>7} {'project s':>9} {'pelican s':>9} {'ratio':>7} {'pages':>7} "
          f"{'pages':>7} {'MiB':>8} {'MiB':>8}   "
          f"(medians of {args.pairs} interleaved pairs)")  # fmt: skip
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, args.pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
