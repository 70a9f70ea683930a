"""Benchmark: how long an edit takes to show under ``make serve`` (``make bench-serve``).

Generates the corpus of ``bench_pelican`` (1,000 articles by default), starts
``python -m thidua.cli.serve`` on a free port as its own process group, waits
until the first build is served, then, three times, writes a unique marker
word into the middle of one article's body and polls that article's page every
50 ms until the marker shows: the figure is the time from the end of the file
write to the first response showing it (watchfiles' debounce, the rebuild, the
swap). Then one new article: the time until its page is served. Prints the
median, each figure with the machine's load, and the rebuild time the server
itself printed. Goal: an edit shows in at most 2 s at 1,000 articles.

    python tools/dev/bench_serve.py [--articles 1000] [--edits 3]
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench_pelican import add_article, article_url, edit_article, edit_target, make_corpus

from thidua import PROJECT_ROOT

POLL = 0.05  # seconds between two requests for the page
GOAL = 2.0  # seconds from saving an edit to seeing it, at 1,000 articles
FIRST_BUILD_TIMEOUT = 900.0
CHANGE_TIMEOUT = 300.0
# What thidua/cli/serve.py prints when a rebuild starts and when it ends.
STARTED = "đang dựng lại"
REQUEST_LOG = re.compile(r'\] "(GET|HEAD) \S+ HTTP/')
FAILED = "Bản dựng chưa thành công"
FINISHED = re.compile(rf"Đã dựng .* trong ([0-9.]+) s|{FAILED}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``thidua.cli.serve`` in its own process group; its output kept, line by line."""

    def __init__(self, content: Path, output: Path, port: int):
        self.base = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "thidua.cli.serve", "--content", str(content),
                   "--output", str(output), "--settings", str(PROJECT_ROOT / "pelicanconf.py"),
                   "--port", str(port)]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=content.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True,
            env=dict(os.environ, CI="1", PYTHONUNBUFFERED="1"),
        )  # fmt: skip
        self.lines: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if REQUEST_LOG.search(line):
                continue  # http.server's line for each of our requests
            with self.lock:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))

    def output(self) -> list[str]:
        with self.lock:
            return [line for _, line in self.lines]

    def rebuilds(self) -> tuple[int, int]:
        """(builds started, builds finished): the first build, then one per batch of changes."""
        lines = self.output()
        started = 1 + sum(STARTED in line for line in lines)
        return started, sum(bool(FINISHED.search(line)) for line in lines)

    def last_build_seconds(self) -> float | None:
        for line in reversed(self.output()):
            match = FINISHED.search(line)
            if match:
                return float(match.group(1)) if match.group(1) else None
        return None

    def fetch(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def failures(self) -> int:
        return sum(FAILED in line for line in self.output())

    def tail(self) -> str:
        return "\n".join(self.output()[-40:])

    def wait_for(self, path: str, marker: str | None, timeout: float) -> float:
        """perf_counter when `path` is served (and shows `marker`, if given)."""
        deadline = time.perf_counter() + timeout
        failures = self.failures()
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped:\n{self.tail()}")
            if self.failures() > failures:
                raise RuntimeError(f"the server's build failed:\n{self.tail()}")
            status, page = self.fetch(path)
            if status == 200 and (marker is None or marker in page):
                return time.perf_counter()
            time.sleep(POLL)
        showing = f" showing {marker}" if marker else ""
        raise TimeoutError(f"{path} not served{showing} after {timeout:.0f} s:\n{self.tail()}")

    def wait_idle(self, timeout: float = CHANGE_TIMEOUT) -> None:
        """Until every rebuild started has finished and the server has been quiet 1 s."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            started, finished = self.rebuilds()
            with self.lock:
                last = self.lines[-1][0] if self.lines else 0.0
            if finished >= started and time.perf_counter() - last > 1.0:
                return
            time.sleep(0.2)
        print(f"warning: server still busy after {timeout:.0f} s", file=sys.stderr)

    def stop(self) -> None:
        """Ctrl+C to the whole group (serve shuts its server down), then harder."""
        for sig, wait in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            if self.process.poll() is not None:
                break
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(wait)
            except subprocess.TimeoutExpired:
                continue


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def measure(articles: int, edits: int, verbose: bool = False) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        root = Path(tmp)
        content = make_corpus(root, articles)
        port = free_port()
        started = time.perf_counter()
        server = Server(content, root / "output", port)
        try:
            server.wait_for(article_url(0), None, FIRST_BUILD_TIMEOUT)
            print(f"first build served after {time.perf_counter() - started:.1f} s ({load()}); "
                  f"http://127.0.0.1:{port}/, {articles:,} articles")  # fmt: skip
            shown = []
            for k in range(edits):
                server.wait_idle()
                n = edit_target(articles, k)
                marker = f"dauhieu{k}{secrets.token_hex(4)}"
                before = load()
                edit_article(content, n, marker)
                written = time.perf_counter()
                seconds = server.wait_for(article_url(n), marker, CHANGE_TIMEOUT) - written
                shown.append(seconds)
                server.wait_idle()
                print(f"edit {k + 1}: article {n} shows the edit after {seconds:.2f} s "
                      f"(server's rebuild {server.last_build_seconds()} s, {before})")  # fmt: skip
            server.wait_idle()
            n, before = articles, load()
            add_article(content, n)
            written = time.perf_counter()
            added = server.wait_for(article_url(n), None, CHANGE_TIMEOUT) - written
            server.wait_idle()
            print(f"addition: new article {n} served after {added:.2f} s "
                  f"(server's rebuild {server.last_build_seconds()} s, {before})")  # fmt: skip
            median = statistics.median(shown)
            verdict = "meets" if median <= GOAL else "misses"
            print(f"median time until an edit shows: {median:.2f} s over {edits} edits "
                  f"({verdict} the {GOAL:.0f} s goal; {load()})")  # fmt: skip
        except KeyboardInterrupt:
            print(f"interrupted; the server's last lines:\n{server.tail()}", file=sys.stderr)
            return 130
        finally:
            server.stop()
            if verbose:
                print("server output:", *server.output(), sep="\n  ")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="print the server's output")
    args = parser.parse_args()
    try:
        return measure(args.articles, args.edits, args.verbose)
    except (RuntimeError, TimeoutError) as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
