"""Benchmark: the portal's build against plain Pelican on the same articles (``make bench``).

Generates a corpus of realistic reports (about 600 words, 60 clusters/blocks,
300 units, 11 years, tags, summaries; written with Pelican's native header so
plain Pelican reads them without plugins), then builds it with the project and
with plain Pelican (default theme, no plugins), interleaved, several pairs per
size. Each pair, each builder in turn: a cold build (the project's output,
fingerprint and caches removed), a rebuild with nothing changed, a rebuild
after one article's body is edited (a different article each pair), a rebuild
after one new article is added. A rebuild is the plain command run again on
the same output (never ``--force``). Prints medians, the ratio project/Pelican,
the project's rebuilds as a share of its own cold build, pages written and
peak memory (max RSS of the build or any process it ran), with the machine's
load next to each row. Then checks that the project's incremental output is
byte for byte a cold build of the same final content.

    python tools/dev/bench_pelican.py --sizes 1000,5000 --pairs 3 [--with-10000]
        [--pelican-defaults]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
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


# --pelican-defaults: the same, with Pelican's own pagination (none) and patterns.
DEFAULTS_SETTINGS = re.sub(r"DEFAULT_PAGINATION = 8\n.*?\n\)\n", "", PLAIN_SETTINGS, flags=re.S)
EDIT_WORDS = 3  # words of the middle paragraph an edit replaces


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def article_text(rng: random.Random, n: int) -> str:
    """Article number `n`: Pelican's native header, then ten paragraphs of 60 words."""
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
    return "\n".join(header) + "\n\n" + body + "\n"


def article_path(content: Path, n: int) -> Path:
    """Where article `n` lives: its folder names the slug, ``bai-<n>``."""
    return content / "articles" / str(YEARS[n % len(YEARS)]) / f"bai-{n}" / "index.md"


def article_url(n: int) -> str:
    """The URL path of article `n` in the project's build (pelicanconf.ARTICLE_URL)."""
    return f"/bai-viet/{YEARS[n % len(YEARS)]}/bai-{n}/"


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
        path = article_path(content, n)
        path.parent.mkdir(parents=True)
        path.write_text(article_text(rng, n), "utf-8")
    return content


def edit_target(size: int, pair: int) -> int:
    """The article the edit of pair `pair` touches: a different one each pair."""
    return (size // 3 + pair * 97) % size


def edit_article(content: Path, n: int, marker: str) -> Path:
    """Replace words in the middle of article `n`'s body with `marker`; header untouched.

    The file changes size too, so no cache keyed on (time, size) can miss the edit.
    """
    path = article_path(content, n)
    text = path.read_text("utf-8")
    header, body = text.split("\n\n", 1)
    paragraphs = body.split("\n\n")
    middle = len(paragraphs) // 2
    words = paragraphs[middle].split(" ")
    at = len(words) // 2
    removed = words[at : at + EDIT_WORDS]
    words[at : at + EDIT_WORDS] = [marker]
    if len(marker.encode()) == len(" ".join(removed).encode()):
        words.insert(at + 1, "mới")  # the same size by chance: make it differ
    paragraphs[middle] = " ".join(words)
    path.write_text(header + "\n\n" + "\n\n".join(paragraphs), "utf-8")
    return path


def add_article(content: Path, n: int, seed: int = 7) -> Path:
    """Write a new article number `n` (slug ``bai-<n>``, not in the corpus yet)."""
    path = article_path(content, n)
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True)
    path.write_text(article_text(random.Random(f"{seed}-added-{n}"), n), "utf-8")
    return path


# Runs a build, then prints the peak memory (KiB) of the largest process it ran.
PEAK = (
    "import resource, subprocess, sys;"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
    "sys.stderr.buffer.write(done.stderr[-4000:]);"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
    "sys.exit(done.returncode)"
)


class BuildError(RuntimeError):
    pass


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak memory in MiB of the build or of any process it ran), once the
    disks have settled (`settle`)."""
    waited = settle()
    before = machine_times()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=cwd, capture_output=True,
                          text=True, env=dict(os.environ, CI="1"))  # fmt: skip
    wall = time.perf_counter() - started
    spent = {name: after - before.get(name, 0.0) for name, after in machine_times().items()}
    if done.returncode:
        raise BuildError(f"{' '.join(command)} failed:\n{done.stderr}")
    if os.environ.get("THIDUA_TIMINGS"):  # the project's steps, to see where a run went
        machine = ", ".join(f"{name} {seconds:.2f}" for name, seconds in spent.items())
        machine += f"; disk settled after {waited:.1f} s"
        for line in done.stderr.splitlines():
            if line.startswith("timings"):
                print(f"  [{wall:.2f} s; machine (s): {machine}] {line}", file=sys.stderr)
    return wall, int(done.stdout.split()[-1]) / 1024


def settle(most: float = 60.0) -> float:
    """Wait until the disks have nothing left to do from earlier runs, at most `most`
    seconds: `sync` (what the last build left to write back, and the removals of the
    outputs a cold build starts without), then until no disk has a request in flight and
    their counters of writes and discards stay put for half a second. Returns the seconds
    waited. On this machine a run started meanwhile waited seconds behind the previous
    program's writes (an edit: 10.6 s, 9 s of it waiting for the disk); each run now
    pays for its own. Caches paged out while the other program ran stay paged out."""
    started = time.monotonic()
    os.sync()
    last = None
    while time.monotonic() - started < most:
        now = disk_activity()
        if now == last and not any(in_flight for _done, in_flight in now):
            break
        last = now
        time.sleep(0.5)
    return time.monotonic() - started


def disk_activity() -> list[tuple[tuple[int, int], int]]:
    """Per disk (Linux /proc/diskstats): (writes and discards completed, requests in
    flight); empty where the system does not say."""
    try:
        with open("/proc/diskstats", encoding="ascii") as stats:
            lines = [line.split() for line in stats]
    except OSError:
        return []
    found = []
    for fields in lines:
        if len(fields) >= 15:  # discards: kernels since 4.18
            found.append(((int(fields[7]), int(fields[14])), int(fields[11])))
    return found


def machine_times() -> dict[str, float]:
    """All CPUs' seconds so far (Linux /proc/stat): busy, waiting for the disk with nothing
    else to run (iowait), taken by the host (steal). A run whose iowait or steal is high
    was slowed by the machine, not by the build."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(n) for n in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    user, nice, system, _idle, iowait, irq, softirq, steal = fields
    busy = user + nice + system + irq + softirq
    return {"busy": busy / tick, "iowait": iowait / tick, "steal": steal / tick}


def pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html"))


def project_build(content: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "thidua.cli.html", "--content", str(content),
            "--output", str(output),
            "--settings", str(PROJECT_ROOT / "pelicanconf.py")]  # fmt: skip


def pelican_build(content: Path, output: Path, settings: Path) -> list[str]:
    return [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings),
            "-q"]  # fmt: skip


def forget_project_build(output: Path) -> None:
    """Everything a project build leaves for the next: a truly cold build follows."""
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(output.with_name(f".{output.name}.cache"), ignore_errors=True)
    shutil.rmtree(output.with_name(f".{output.name}.spare"), ignore_errors=True)
    output.with_name(f".{output.name}.fingerprint").unlink(missing_ok=True)


@dataclass
class Builder:
    name: str
    command: list[str]
    output: Path
    cold: Callable[[Path], None]  # makes the next build a cold one
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    peaks: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))


KINDS = {
    "cold": "cold build",
    "nochange": "no-change rebuild",
    "edit": "one-edit rebuild",
    "add": "one-addition rebuild",
}


def code_stamp() -> tuple[int, int, int]:
    """(files, bytes, newest time) of the code a project build runs: a change during
    the bench mixes two versions in its figures (and defeats the no-change skip)."""
    paths = [PROJECT_ROOT / "pelicanconf.py"]
    for top in ("thidua", "theme", "plugins"):
        paths += (p for p in (PROJECT_ROOT / top).rglob("*") if "__pycache__" not in p.parts)
    stats = []
    for path in paths:
        with contextlib.suppress(OSError):  # a file removed meanwhile
            if path.is_file():
                stats.append(path.stat())
    return len(stats), sum(s.st_size for s in stats), max(s.st_mtime_ns for s in stats)


def files_of(output: Path) -> dict[str, Path]:
    return {p.relative_to(output).as_posix(): p for p in output.rglob("*") if p.is_file()}


def differing(a: Path, b: Path) -> tuple[list[str], list[str], int]:
    """(files differing outside pagefind/, those inside it, files compared) of two sites.

    A file only one site has counts as differing.
    """
    left, right = files_of(a), files_of(b)
    names = sorted(left.keys() | right.keys())
    differ = [n for n in names if n not in left or n not in right
              or left[n].read_bytes() != right[n].read_bytes()]  # fmt: skip
    search = [n for n in differ if n.split("/")[0] == "pagefind"]
    return [n for n in differ if n not in search], search, len(names)


def measure(size: int, pairs: int, pelican_defaults: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-pelican-") as tmp:
        root = Path(tmp)
        content = make_corpus(root, size)
        (root / "plain.py").write_text(PLAIN_SETTINGS, "utf-8")
        (root / "defaults.py").write_text(DEFAULTS_SETTINGS, "utf-8")

        def pelican(name: str, settings: str) -> Builder:
            output = root / f"out-{name}"
            return Builder(name, pelican_build(content, output, root / settings), output,
                           lambda o: shutil.rmtree(o, ignore_errors=True))  # fmt: skip

        project = Builder("project", project_build(content, root / "out-project"),
                          root / "out-project", forget_project_build)  # fmt: skip
        builders = [project, pelican("pelican", "plain.py")]
        if pelican_defaults:
            builders.append(pelican("pelican-defaults", "defaults.py"))
        loads: dict[str, list[float]] = defaultdict(list)
        cold_pages: dict[str, int] = {}
        skipped = []  # project no-change rebuilds that left the output as it was
        added = size
        code = code_stamp()

        def round_of(kind: str) -> None:
            for builder in builders:
                if kind == "cold":
                    builder.cold(builder.output)
                loads[kind].append(os.getloadavg()[0])
                before = builder.output.stat().st_ino if builder.output.exists() else None
                wall, peak = run(builder.command, root)
                if kind == "nochange" and builder is project:  # a build swaps a new folder in
                    skipped.append(builder.output.stat().st_ino == before)
                builder.times[kind].append(wall)
                builder.peaks[kind].append(peak)
                if kind == "cold":
                    cold_pages[builder.name] = pages(builder.output)

        for pair in range(pairs):
            round_of("cold")
            round_of("nochange")
            edit_article(content, edit_target(size, pair), f"chỉnh-sửa-{pair}")
            round_of("edit")
            add_article(content, added)
            added += 1
            round_of("add")
        report(size, pairs, builders, loads, cold_pages)
        print(f"project no-change rebuilds skipped by the fingerprint: {sum(skipped)} of "
              f"{len(skipped)}")  # fmt: skip

        # The incremental output must be the cold build's of the same final content.
        verify = root / "verify" / project.output.name
        verify.parent.mkdir()
        wall, _ = run(project_build(content, verify), root)
        outside, search, compared = differing(project.output, verify)
        print(f"incremental = cold? {len(outside)} of {compared} files differ outside pagefind/"
              + (f" (first: {', '.join(outside[:5])})" if outside else "")
              + f"; pagefind/, apart: {len(search)} differ"
              + f"   [cold check build {wall:.1f} s, load {os.getloadavg()[0]:.1f}]")  # fmt: skip
        if code_stamp() != code:
            print("warning: the project's code (thidua/, theme/, plugins/, pelicanconf.py) "
                  "changed during this size's runs: figures mix versions, a no-change "
                  "rebuild may have built, the check may compare two versions")  # fmt: skip
        print()


def report(size, pairs, builders, loads, cold_pages) -> None:
    """One row per kind: each builder's median, project ÷ each other builder, the
    project's figure as a share of its own cold build, the highest load of the runs."""
    project, others = builders[0], builders[1:]
    median = statistics.median
    heads = [f"{b.name} s" for b in builders] + [f"project÷{b.name}" for b in others]
    widths = [max(9, len(h)) for h in heads]

    def line(label: str, cells: list[str], share: str, load: str) -> str:
        row = "".join(f" {c:>{w}}" for c, w in zip(cells, widths, strict=True))
        return f"{label:<22}{row} {share:>10} {load:>5}"

    print(f"{size:,} articles, medians of {pairs} interleaved pair(s); "
          f"load = highest 1-min load average before the row's runs")  # fmt: skip
    print(line("", heads, "% own cold", "load"))
    cold = median(project.times["cold"])
    for kind, label in KINDS.items():
        ours = median(project.times[kind])
        cells = [f"{median(b.times[kind]):.2f}" for b in builders]
        cells += [f"{ours / median(b.times[kind]):.2f}×" for b in others]
        print(line(label, cells, f"{ours / cold:.0%}", f"{max(loads[kind]):.1f}"))
    peak = {b.name: max(max(p) for p in b.peaks.values()) for b in builders}
    cells = [f"{peak[b.name]:.0f}" for b in builders]
    cells += [f"{peak[project.name] / peak[b.name]:.2f}×" for b in others]
    load = max(max(v) for v in loads.values())
    print(line("peak memory MiB (max)", cells, "", f"{load:.1f}"))
    by_kind = ", ".join(f"{KINDS[kind]} {max(project.peaks[kind]):.0f}" for kind in KINDS)
    print(f"project peak MiB by kind: {by_kind}")
    print("pages written (cold): "
          + ", ".join(f"{name} {count:,}" for name, count in cold_pages.items()))  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated article counts")
    parser.add_argument("--pairs", type=int, default=3, help="interleaved pairs per size")
    parser.add_argument("--with-10000", action="store_true",
                        help="also 10,000 articles, one pair (for memory mostly)")  # fmt: skip
    parser.add_argument("--pelican-defaults", action="store_true",
                        help="also plain Pelican with its pagination defaults")  # fmt: skip
    args = parser.parse_args()
    plan = [(int(s), args.pairs) for s in args.sizes.split(",")]
    if args.with_10000:
        plan.append((10_000, 1))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; kinds per pair, in order: "
          "cold build (output and caches removed), no-change rebuild, rebuild after one "
          "article's body is edited, rebuild after one article is added")  # fmt: skip
    print()
    for size, pairs in plan:
        try:
            measure(size, pairs, args.pelican_defaults)
        except BuildError as exc:
            print(f"{size:,} articles: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
