"""Progress lines for long builds: "wenku: 2300/5013 页已转为 HTML，14 s".

Quiet for small builds (fewer than `shown_from` items, the `progress_from` option) and at most one
line every `every` seconds, plus one when the last item is done.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class Progress:
    def __init__(self, what: str, total: int, emit: Callable[[str], None], every: float = 5.0,
                 started: float | None = None, shown_from: int = 200):
        self.what = what  # e.g. "篇报告已处理"
        self.total = total
        self.emit = emit
        self.every = every
        self.started = time.monotonic() if started is None else started
        self.last: float | None = None  # when a line was last shown; the clock starts at the first item
        self.done = 0
        self.shown_from = shown_from

    @property
    def shown(self) -> bool:
        return self.total >= self.shown_from

    def update(self, done: int, total: int | None = None) -> None:
        """Record that `done` items are finished (the pipeline's progress callback)."""
        self.done = done
        if total is not None:
            self.total = total
        if not self.shown:
            return
        now = time.monotonic()
        if self.last is None:
            self.last = now
        if now - self.last >= self.every or self.done == self.total:
            self.last = now
            self.emit(f"wenku: {self.done}/{self.total} {self.what}，{now - self.started:.0f} s")

    def step(self) -> None:
        self.update(self.done + 1)
