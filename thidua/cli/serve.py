"""Build, serve on localhost and rebuild when content, theme or plugins change.

``make serve`` runs this. The server never stops on a broken article or a
crashed rebuild: the build only swaps a finished site into ``output/``, so the
last good site stays served, and every HTML page carries a banner listing the
problems of the failed rebuild until a rebuild succeeds.
"""

from __future__ import annotations

import argparse
import errno
import functools
import html
import http.server
import io
import logging
import os
import re
import signal
import socket
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

import watchfiles

from thidua import PROJECT_ROOT
from thidua.cli import build
from thidua.cli.server_process import ServerProcess
from thidua.domain.model import Problem

ROOT = PROJECT_ROOT
HTML_SUFFIXES = {".html", ".htm"}
BODY_TAG = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
PORTS_TO_TRY = 20  # how far past a taken port we look for a free one to suggest

# Served when the site has no 404.html (e.g. no build has succeeded yet).
FALLBACK_404 = (
    '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
    "<title>Không tìm thấy trang</title></head>\n<body>\n"
    "<h1>Không tìm thấy trang</h1>\n"
    "<p>Trang này không có trong bản dựng hiện tại.</p>\n</body></html>\n"
)


@dataclass
class ServerState:
    """What the request threads need to know about the last rebuild.

    `problems` is replaced as a whole (never mutated), so a request thread
    always sees one build's list: empty when the last build succeeded.
    """

    problems: tuple[Problem, ...] = ()

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def rebuild(settings_file: str | Path, content: Path, output: Path, state: ServerState,
            quiet_if_unchanged: bool = False) -> bool:  # fmt: skip
    """Build once and record the outcome in `state`; never raises for a bad build.

    Settings are read again each time because pelicanconf.py is watched too.
    `quiet_if_unchanged`: say nothing when the build found nothing changed.
    """
    started = time.perf_counter()
    try:
        report = build.build(build.load_settings(settings_file, content), output)
    except build.BuildFailed as exc:
        if exc.report is not None:
            build.print_report(exc.report)
            state.problems = tuple(exc.report.sorted_problems())
        else:  # Pelican logged an error of its own (a file it could not read…)
            print(exc, file=sys.stderr)
            state.problems = (Problem("", "bản dựng", str(exc)),)
    except Exception as exc:  # a template or plugin bug: the developer needs the traceback
        traceback.print_exc()
        state.problems = (Problem("", "bản dựng", f"{type(exc).__name__}: {exc}"),)
    else:
        if quiet_if_unchanged and report.unchanged:
            return True
        build.print_report(report)
        build.print_timings(report)
        state.problems = ()
        print(f"Đã dựng {output}/ trong {time.perf_counter() - started:.1f} s.")
        return True
    errors = sum(p.fatal for p in state.problems)
    print(
        f"Bản dựng chưa thành công: {errors} lỗi; vẫn phục vụ bản cũ của {output}/.",
        file=sys.stderr,
    )
    return False


def banner_html(problems: tuple[Problem, ...]) -> str:
    """The alert put at the top of every page while the last rebuild failed.

    Inline styles only: the site's CSS may be the thing that is broken. Every
    piece of a problem is escaped, since messages quote the author's text.
    """
    errors = sum(p.fatal for p in problems)
    items = "".join(f'<li style="margin:.25em 0">{_problem_html(p)}</li>' for p in problems)
    return (
        '<div role="alert" id="thidua-build-problems" style="position:relative;z-index:2147483647;'
        "margin:0;padding:12px 16px;background:#fff4f4;color:#1a1a1a;"
        "border-bottom:4px solid #b00020;font:15px/1.5 system-ui,sans-serif;"
        'text-align:left">'
        f'<p style="margin:0 0 .5em;font-weight:bold;color:#b00020">Bản dựng mới nhất chưa thành '
        f"công: {errors} lỗi. Trang đang hiển thị là bản cũ.</p>"
        f'<ul style="margin:0;padding-left:1.5em">{items}</ul></div>'
    )


def _problem_html(problem: Problem) -> str:
    """The same words as ``make check`` prints, every piece escaped."""
    parts = [f"<code>{html.escape(problem.where)}</code> — " if problem.where else ""]
    parts.append(f"{problem.level}: <strong>{html.escape(problem.label)}</strong>: ")
    parts.append(f'<span style="white-space:pre-wrap">{html.escape(problem.message)}</span>')
    parts.append(html.escape(problem.hint))
    return "".join(parts)


def with_banner(page: bytes, state: ServerState) -> bytes:
    """`page` with the problems banner right after <body …> (at the top if it has none)."""
    problems = state.problems  # one read: the list cannot change under us
    if not problems:
        return page
    banner = banner_html(problems).encode("utf-8")
    match = BODY_TAG.search(page)
    at = match.end() if match else 0
    return page[:at] + banner + page[at:]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves output/ like the production web server would, plus the problems banner.

    `directory` is a path, resolved on every request, so a site the build swaps
    in is served at once.
    """

    def __init__(self, *args, state: ServerState, **kwargs):
        self.state = state  # before super(): its __init__ handles the request
        super().__init__(*args, **kwargs)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if not self._inside_output(path):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        if path.suffix.lower() in HTML_SUFFIXES and path.is_file():
            try:
                page = path.read_bytes()
            except OSError:
                self.send_error(HTTPStatus.NOT_FOUND)
                return None
            return self._send_html(page, HTTPStatus.OK)
        return super().send_head()  # other files, and the redirect of "dir" to "dir/"

    def _inside_output(self, path: Path) -> bool:
        # translate_path drops "..", but a symlink inside output/ could still lead out.
        root = os.path.realpath(self.directory)
        return Path(os.path.realpath(path)).is_relative_to(root)

    def _send_html(self, page: bytes, status: HTTPStatus) -> io.BytesIO:
        body = with_banner(page, self.state)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        # The banner changes while the file does not: no 304s, no cached copy.
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)

    def list_directory(self, path):
        # A folder without index.html is a 404 in production too; no listing.
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code, message=None, explain=None):
        if code != HTTPStatus.NOT_FOUND:
            return super().send_error(code, message, explain)
        self.close_connection = True
        body = self._send_html(self._not_found_page(), HTTPStatus.NOT_FOUND)
        if self.command != "HEAD":
            self.copyfile(body, self.wfile)

    def _not_found_page(self) -> bytes:
        page = Path(self.directory) / "404.html"
        if self._inside_output(page):
            try:
                return page.read_bytes()
            except OSError:
                pass
        return FALLBACK_404.encode("utf-8")


def bind_server(
    output: Path, bind: str, port: int, state: ServerState | None = None
) -> http.server.ThreadingHTTPServer:
    """A server of `output`, bound but not serving yet; raises OSError if the port is taken."""
    handler = functools.partial(
        SiteHandler, directory=str(Path(output).absolute()), state=state or ServerState()
    )
    return http.server.ThreadingHTTPServer((bind, port), handler)


def serve(
    output: Path, bind: str, port: int, state: ServerState | None = None
) -> http.server.ThreadingHTTPServer:
    """Start serving `output` in a background thread of this process (`main` serves from a
    process of its own: `server_process`)."""
    server = bind_server(output, bind, port, state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port_after(bind: str, port: int) -> int | None:
    """The first port after `port` that can be bound now, to suggest to the author."""
    for candidate in range(port + 1, min(port + 1 + PORTS_TO_TRY, 65536)):
        try:
            socket.create_server((bind, candidate)).close()
        except OSError:
            continue
        return candidate
    return None


def port_taken_message(bind: str, port: int) -> str:
    free = free_port_after(bind, port)
    suggestion = (
        f"Cổng {free} đang trống: make serve PORT={free}"
        if free
        else "Chọn một cổng khác: make serve PORT=<số cổng>"
    )
    return (
        f"Không mở được http://{bind}:{port}/: cổng {port} đang được dùng "
        f"(có thể một 'make serve' khác vẫn đang chạy).\n{suggestion}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default="output")
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    # "Ctrl+C để dừng" must hold even when started from a script's background job, where
    # the shell makes the process ignore SIGINT (and Python then leaves it ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    content, output = Path(args.content), Path(args.output).absolute()
    if not content.is_dir():
        print(f"Không có thư mục nội dung '{content}'.", file=sys.stderr)
        return 2

    # Bind before the first build: a taken port is known at once, not after a build.
    state = ServerState()
    try:
        server = bind_server(output, args.bind, args.port, state)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            print(f"Không mở được http://{args.bind}:{args.port}/: {exc}", file=sys.stderr)
            return 2
        print(port_taken_message(args.bind, args.port), file=sys.stderr)
        return 2

    # Served from a child process forked now, before any thread: see server_process.
    process = ServerProcess(server, state)
    watched = [content, ROOT / "theme", ROOT / "plugins", args.settings]
    try:
        rebuild(args.settings, content, output, state)
        process.publish(state.problems)
        port = process.server_address[1]  # the real one, also when --port 0 let the OS choose
        print(f"Đang phục vụ tại http://{args.bind}:{port}/ — Ctrl+C để dừng.", flush=True)
        caught_up = False
        for changes in watchfiles.watch(*watched, debounce=400, yield_on_timeout=True,
                                        rust_timeout=1000):  # fmt: skip
            if not changes:  # a quiet second; the first one comes once the watcher runs
                if not caught_up:  # a file saved before it ran would wait for the next change
                    caught_up = True
                    rebuild(args.settings, content, output, state, quiet_if_unchanged=True)
                    process.publish(state.problems)
                continue
            print(f"{len(changes)} thay đổi; đang dựng lại…", flush=True)
            rebuild(args.settings, content, output, state)
            process.publish(state.problems)
    except KeyboardInterrupt:
        pass
    finally:
        process.stop()
    return 0


if __name__ == "__main__":
    status = main()
    # The server process is stopped and every build is over: leave without the interpreter's
    # teardown (the file watcher's threads, the last site's objects), which can hang a
    # Ctrl+C for as long as a stray event keeps the watcher busy.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
