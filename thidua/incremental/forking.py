"""Run a function in a forked copy of this process and get its result back through a pipe.

The reading prewarm (`reader_cache.prewarm`) and the output workers (`workers`)
both share work this way: the child sees every object the parent built (no
pickling of the build's state), returns one picklable value, and leaves with
``os._exit`` so none of the parent's exit code runs twice.
"""

from __future__ import annotations

import os
import pickle
import traceback


class ChildFailed(RuntimeError):
    """The child raised (the message is its traceback) or died without a result."""


class Child:
    def __init__(self, pid: int, read_end: int) -> None:
        self.pid, self._read_end = pid, read_end

    def result(self):
        """The child's return value, once it has finished; raises ChildFailed."""
        with os.fdopen(self._read_end, "rb") as pipe:
            data = pipe.read()  # read to the end before waiting: a full pipe blocks the child
        _pid, status = os.waitpid(self.pid, 0)
        try:
            outcome, value = pickle.loads(data)
        except Exception:
            message = f"process {self.pid} ended without a result (status {status})"
            raise ChildFailed(message) from None
        if outcome != "ok":
            raise ChildFailed(value)
        return value


def fork(work) -> Child:
    """Start `work()` in a forked child; its return value must pickle."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return Child(pid, read_end)
    status = 0
    try:
        os.close(read_end)
        try:
            outcome = ("ok", work())
        except BaseException:
            outcome = ("error", traceback.format_exc())
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        status = 1
    finally:
        os._exit(status)
