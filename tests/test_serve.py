"""The development server: last good site kept, build problems shown in the page, own 404."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message

import pytest

from conftest import ROOT
from thidua.cli import serve

SETTINGS = ROOT / "pelicanconf.py"
ARTICLE = "bai-viet/2024/mot/"


def fetch(url: str) -> tuple[int, Message, str]:
    """(status, headers, body) — error statuses too, which urllib raises."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read().decode()


@pytest.fixture
def running(site):
    """The site built once, served on a free port: (site, state, base URL)."""
    site.article("mot", title="Bài đầu tiên")
    state = serve.ServerState()
    assert serve.rebuild(SETTINGS, site.content, site.output, state)
    server = serve.serve(site.output, "127.0.0.1", 0, state)
    yield site, state, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def break_the_site(site, state) -> None:
    """An article with an unknown cluster (quoting markup), rebuilt as serve does."""
    site.article("hong", title="Bài lỗi", cluster="<script>alert(1)</script>")
    assert not serve.rebuild(SETTINGS, site.content, site.output, state)


def test_failed_rebuild_keeps_old_site_and_shows_problems(running):
    site, state, base = running
    break_the_site(site, state)
    status, headers, body = fetch(base + ARTICLE)
    assert status == 200 and "Bài đầu tiên" in body  # the last good site
    assert int(headers["Content-Length"]) == len(body.encode())
    banner = re.search(r'<div role="alert" id="thidua-build-problems".*?</div>', body, re.S)
    assert banner, body[:500]
    assert re.search(r"<body[^>]*>\s*<div role=\"alert\"", body)  # first thing in the body
    text = banner.group()
    assert "Bản dựng mới nhất chưa thành công: 1 lỗi. Trang đang hiển thị là bản cũ." in text
    assert "articles/2024/hong/index.md:" in text and "cluster" in text
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<link" not in text and "<script" not in text and "class=" not in text


def test_banner_goes_away_after_the_fix(running):
    site, state, base = running
    break_the_site(site, state)
    assert "thidua-build-problems" in fetch(base)[2]
    site.article("hong", title="Bài đã sửa", cluster="cum-1")
    assert serve.rebuild(SETTINGS, site.content, site.output, state)
    status, _, body = fetch(base + "bai-viet/2024/hong/")
    assert status == 200 and "Bài đã sửa" in body
    assert "thidua-build-problems" not in body


def test_a_crashing_rebuild_is_reported_not_raised(running, monkeypatch):
    site, state, base = running

    def crash(settings, output):
        raise RuntimeError("template <bug>")

    monkeypatch.setattr(serve.build, "build", crash)
    assert not serve.rebuild(SETTINGS, site.content, site.output, state)
    body = fetch(base + ARTICLE)[2]
    assert "RuntimeError: template &lt;bug&gt;" in body and "Bài đầu tiên" in body


def test_missing_page_gets_the_sites_own_404(running):
    site, state, base = running
    for path in ("khong-co-trang-nay/", "khong/co.html", "anh/"):
        status, headers, body = fetch(base + path)
        assert status == 404, path
        assert "Không tìm thấy trang" in body and "Error response" not in body
        assert body == (site.output / "404.html").read_text(encoding="utf-8")
        assert int(headers["Content-Length"]) == len(body.encode())
    break_the_site(site, state)
    status, _, body = fetch(base + "khong-co-trang-nay/")
    assert status == 404 and "thidua-build-problems" in body


def test_non_html_files_never_get_the_banner(running):
    site, state, base = running
    break_the_site(site, state)
    css = next((site.output / "theme").rglob("*.css"))
    status, headers, body = fetch(base + css.relative_to(site.output).as_posix())
    assert status == 200 and body == css.read_text(encoding="utf-8")
    assert "text/css" in headers["Content-Type"]
    status, _, body = fetch(base + "robots.txt")
    assert status == 200 and "thidua-build-problems" not in body


def test_symlink_out_of_output_is_refused(running, tmp_path):
    site, _, base = running
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.html").write_text("<p>bí mật</p>", encoding="utf-8")
    os.symlink(secret / "key.html", site.output / "leak.html")
    os.symlink(secret, site.output / "leak")
    for path in ("leak.html", "leak/key.html", "leak/", "leak", "../secret/key.html"):
        status, _, body = fetch(base + path)
        assert status == 404 and "bí mật" not in body, path


def test_port_taken_exits_2_with_a_free_port_to_use(site, capsys):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code = serve.main(["--content", str(site.content), "--output", str(site.output),
                           "--bind", "127.0.0.1", "--port", str(port)])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert f"cổng {port} đang được dùng" in err
    assert re.search(r"make serve PORT=\d+", err)
    assert "Traceback" not in err
    assert not site.output.exists()  # stopped before building anything


def test_make_serve_rebuilds_on_change_and_survives_a_broken_article(site):
    """The real command, end to end: serve, break an article, see the banner, fix it."""
    site.article("mot", title="Bài đầu tiên")
    folders = ["--content", str(site.content), "--output", str(site.output)]
    command = [sys.executable, "-m", "thidua.cli.serve", *folders, "--port", "0"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    try:
        base = None
        for line in process.stdout:
            found = re.search(
                r"Đang phục vụ tại (http://127\.0\.0\.1:\d+/) — Ctrl\+C để dừng\.", line
            )
            if found:
                base = found.group(1)
                break
        assert base, "the server never said where it serves"
        assert "Bài đầu tiên" in fetch(base + ARTICLE)[2]

        site.article("hong", cluster="khong-co-cum-nay")
        wait_for(lambda: "thidua-build-problems" in fetch(base)[2])
        assert process.poll() is None and "Bài đầu tiên" in fetch(base + ARTICLE)[2]

        site.article("hong", cluster="cum-1")
        wait_for(lambda: "thidua-build-problems" not in fetch(base)[2])
        assert fetch(base + "bai-viet/2024/hong/")[0] == 200
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0


def served_at(process: subprocess.Popen) -> str:
    for line in process.stdout:
        found = re.search(r"Đang phục vụ tại (http://127\.0\.0\.1:\d+/) — Ctrl\+C để dừng\.", line)
        if found:
            return found.group(1)
    raise AssertionError("the server never said where it serves")


def refuses(base: str) -> bool:
    try:
        fetch(base)
    except OSError:  # refused, or reset while the server goes away
        return True
    return False


@pytest.mark.parametrize("end", ["ctrl-c", "killed"])
def test_the_server_process_ends_with_the_builder(site, end):
    """The HTTP server runs in a process of its own (the builder forks workers and must not
    copy the locks of request threads): Ctrl+C to the terminal's process group stops both,
    and a killed builder takes the server with it."""
    site.article("mot", title="Bài đầu tiên")
    command = [sys.executable, "-m", "thidua.cli.serve", "--content", str(site.content),
               "--output", str(site.output), "--port", "0"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, cwd=ROOT, start_new_session=True)  # fmt: skip
    try:
        base = served_at(process)
        assert "Bài đầu tiên" in fetch(base + ARTICLE)[2]
        if end == "ctrl-c":
            os.killpg(process.pid, signal.SIGINT)
            assert process.wait(timeout=30) == 0
        else:
            process.kill()
            process.wait(timeout=30)
        wait_for(lambda: refuses(base), timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the server did not rebuild in time"
        time.sleep(0.3)


def test_an_article_saved_while_the_server_starts_watching_is_built(site):
    """An author who saves the moment the server says where it serves: the file watcher
    starts after that line, and a change made before it runs would wait for the next
    one. Once the watcher runs, the server checks the content once more."""
    site.article("mot", title="Bài đầu tiên")
    command = [sys.executable, "-m", "thidua.cli.serve", "--content", str(site.content),
               "--output", str(site.output), "--port", "0"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, cwd=ROOT)  # fmt: skip
    try:
        base = served_at(process)
        site.article("ngay-luc-do", title="Bài lưu ngay")  # before the watcher runs
        wait_for(lambda: fetch(base + "bai-viet/2024/ngay-luc-do/")[0] == 200, timeout=20)
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
