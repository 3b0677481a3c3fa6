"""Under `mkdocs serve`, each rebuild's search index follows its served pages.

A rebuild is served as soon as its pages are written; its search index is made after
that, in a thread, one index at a time (they share the bundle folder). A rebuild never
waits for the last one's index, an index that a newer rebuild overtook is not made or
not put into the site, and the site keeps the last index until the new one is in place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from wenku.background import Background


class FollowingIndex:
    def __init__(self):
        self._lock = threading.Lock()  # held while an index goes into the site, and while a rebuild starts
        self._generation = 0
        self._last: threading.Thread | None = None

    def rebuild_starts(self) -> None:
        """Before the site folder is set aside: no index of an older build goes into it from now on."""
        with self._lock:
            self._generation += 1

    def follow(self, start: Callable[[], Background], put_in_site: Callable[[Background], None]) -> None:
        """After a rebuild: `start` the search index once the last one is done; `put_in_site` when it is made."""
        generation, last = self._generation, self._last

        def run() -> None:
            if last is not None:
                last.join()
            if generation != self._generation:
                return  # a newer rebuild makes the index
            search = start()
            search.wait()
            with self._lock:
                if generation == self._generation:
                    put_in_site(search)

        self._last = threading.Thread(target=run, name="wenku-search-index")
        self._last.start()

    def wait(self) -> None:
        if self._last is not None:
            self._last.join()
