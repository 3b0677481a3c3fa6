"""Work that waits for a quiet moment (under `mkdocs serve`: after the site is served) is done
step by step, and a rebuild that starts stops it between two steps."""

from __future__ import annotations

import threading
import time

from wenku.background import Later


def test_the_work_is_done_in_order_after_the_delay():
    done = []
    later = Later(0.05)
    later.run(lambda: done.append("一"), lambda: done.append("二"))
    assert done == []
    time.sleep(0.3)
    assert done == ["一", "二"] and not later.pending


def test_stop_waits_for_the_step_running_and_drops_the_rest():
    started, done = threading.Event(), []

    def slow():
        started.set()
        time.sleep(0.2)
        done.append("slow")

    later = Later(0)
    later.run(slow, lambda: done.append("next"))
    started.wait(2)
    later.stop()
    assert done == ["slow"]  # the running step finished; the next one never ran
    time.sleep(0.1)
    assert done == ["slow"] and not later.pending


def test_stop_before_the_delay_cancels_everything():
    done = []
    later = Later(0.2)
    later.run(lambda: done.append("一"))
    later.stop()
    time.sleep(0.3)
    assert done == []
