"""Work that runs beside the MkDocs build (the search index): `in_process` starts a fresh
Python process (spawn: safe beside `mkdocs serve`'s threads, and it holds only what it is
handed), so that its Python code uses the second core instead of waiting for the GIL;
`in_thread` runs a function in a thread of this process."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable


class Background:
    """Work started now; `result()` waits for it and returns (or raises) what it did."""

    def __init__(self):
        self._outcome: list[tuple[bool, object]] = []
        self._receiver = None
        self._worker: threading.Thread | multiprocessing.Process | None = None

    @classmethod
    def in_process(cls, function: Callable[[object], object], argument: object) -> Background:
        """`function(argument)` in a new process: `function` is importable, `argument` picklable."""
        work = cls()
        context = multiprocessing.get_context("spawn")
        work._receiver, sender = context.Pipe(duplex=False)
        work._worker = context.Process(target=_send, args=(function, argument, sender), name="wenku-background",
                                       daemon=True)
        work._worker.start()
        sender.close()
        return work

    @classmethod
    def in_thread(cls, function: Callable[[], object]) -> Background:
        work = cls()
        work._worker = threading.Thread(target=lambda: work._outcome.append(_run(function)), name="wenku-background")
        work._worker.start()
        return work

    def result(self) -> object:
        if self._receiver is not None and not self._outcome:
            try:
                self._outcome.append(self._receiver.recv())
            except EOFError:
                self._outcome.append((False, RuntimeError("the search indexing process ended without a result")))
        self._worker.join()
        ok, value = self._outcome[0]
        if not ok:
            raise value
        return value


def _run(function: Callable[[], object]) -> tuple[bool, object]:
    try:
        return True, function()
    except Exception as err:  # handed to the caller, which decides what it means
        return False, err


def _send(function: Callable[[object], object], argument: object, sender) -> None:
    sender.send(_run(lambda: function(argument)))
    sender.close()
