"""Under `mkdocs serve`, a rebuild's search index follows its served pages: a rebuild never
waits for the last index, indexes run one at a time, and an overtaken index stays out of the site."""

from __future__ import annotations

import threading

from wenku.background import Background
from wenku.search.following import FollowingIndex


class Recorder:
    def __init__(self):
        self.started: list[str] = []
        self.in_site: list[str] = []
        self.release = {name: threading.Event() for name in ("first", "second", "third")}

    def start(self, name: str):
        def start() -> Background:
            self.started.append(name)
            return Background.in_thread(lambda: self.release[name].wait(10) and name)
        return start

    def put_in_site(self, search: Background) -> None:
        self.in_site.append(search.result())


def test_a_rebuild_does_not_wait_for_the_last_index_and_indexes_run_one_at_a_time():
    index, seen = FollowingIndex(), Recorder()
    index.rebuild_starts()
    index.follow(seen.start("first"), seen.put_in_site)
    index.rebuild_starts()  # returns although the first index is still being made
    index.follow(seen.start("second"), seen.put_in_site)
    seen.release["second"].set()
    seen.release["first"].set()
    index.wait()
    assert seen.started == ["first", "second"]
    assert seen.in_site == ["second"]  # the first was overtaken while it ran: never put into the newer site


def test_an_index_overtaken_before_its_turn_is_not_made():
    index, seen = FollowingIndex(), Recorder()
    index.rebuild_starts()
    index.follow(seen.start("first"), seen.put_in_site)
    index.rebuild_starts()
    index.follow(seen.start("second"), seen.put_in_site)
    index.rebuild_starts()
    index.follow(seen.start("third"), seen.put_in_site)
    for event in seen.release.values():
        event.set()
    index.wait()
    assert seen.started == ["first", "third"] and seen.in_site == ["third"]


def test_the_index_of_the_latest_rebuild_goes_into_the_site():
    index, seen = FollowingIndex(), Recorder()
    index.rebuild_starts()
    seen.release["first"].set()
    index.follow(seen.start("first"), seen.put_in_site)
    index.wait()
    assert seen.in_site == ["first"]
