"""`make serve`'s HTTP server in a process of its own, forked before any thread exists.

The build forks too (reading and output workers, the search index beside the
writing), and a fork copies every lock other threads of the process hold at
that moment: with the request threads in the same process, a forked worker
could wait forever on a lock a request held. So the builder keeps no thread of
its own and the server (with its request threads) lives in this child. The
problems of each build reach it through a pipe, one JSON line a build; when the
builder goes away the pipe closes and the server stops.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import threading

from thidua.domain.model import Problem


class ServerProcess:
    def __init__(self, server, state) -> None:
        """Serve with `server` (bound, not yet serving) in a forked child; `state` is the
        `ServerState` its handlers read, kept up to date by `publish`."""
        self.server_address = server.server_address
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the server: never returns
            os.close(write_end)
            _serve_until_orphaned(server, state, read_end)
        os.close(read_end)
        server.socket.close()  # only the child accepts connections
        self.pid = pid
        self._pipe = os.fdopen(write_end, "w", encoding="utf-8")

    def publish(self, problems) -> None:
        """The last build's problems (empty when it succeeded), for the banner."""
        line = json.dumps([dataclasses.asdict(problem) for problem in problems])
        try:
            self._pipe.write(line + "\n")
            self._pipe.flush()
        except OSError:  # the server has gone: `stop` reports nothing either
            pass

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._pipe.close()  # the child's reader sees the end and shuts the server down
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _serve_until_orphaned(server, state, read_end: int) -> None:
    status = 1
    try:
        # Ctrl+C reaches the whole process group: the builder stops the server itself.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
        threading.Thread(target=_follow, args=(server, state, read_end), daemon=True).start()
        server.serve_forever()
        status = 0
    finally:
        os._exit(status)


def _follow(server, state, read_end: int) -> None:
    """Each line the builder writes replaces the problems; at the end, stop serving."""
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        for line in pipe:
            try:
                state.problems = tuple(Problem(**fields) for fields in json.loads(line))
            except (ValueError, TypeError):
                continue
    server.shutdown()
