"""Work that runs beside the MkDocs build (the search index): a forked process where the
platform has fork and no other thread runs, so that its Python code uses the second core
instead of waiting for the GIL; a thread otherwise (Windows, or under `mkdocs serve`,
whose server threads make forking unsafe)."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable


class Background:
    """`function()` started now; `result()` waits for it and returns (or raises) what it did."""

    def __init__(self, function: Callable[[], object]):
        self._outcome: list[tuple[bool, object]] = []
        if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
            receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
            self._receiver = receiver
            self._worker = multiprocessing.get_context("fork").Process(
                target=_send, args=(function, sender), name="wenku-background", daemon=True)
            self._worker.start()
            sender.close()
        else:
            self._receiver = None
            self._worker = threading.Thread(target=lambda: self._outcome.append(_run(function)),
                                            name="wenku-background")
            self._worker.start()

    def result(self) -> object:
        if self._receiver is not None and not self._outcome:
            try:
                self._outcome.append(self._receiver.recv())
            except EOFError:
                self._outcome.append((False, RuntimeError("the search indexing process ended without a result")))
            self._worker.join()
        elif self._receiver is None:
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


def _send(function: Callable[[], object], sender) -> None:
    sender.send(_run(function))
    sender.close()
