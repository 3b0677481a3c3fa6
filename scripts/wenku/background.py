"""Work that runs beside the MkDocs build (the search index): `in_process` runs a module's
`main` in a new Python process (`python -m module job-file`: it holds only what it is handed,
it is safe beside `mkdocs serve`'s threads, and unlike multiprocessing's spawn it never
re-runs the script that started the build), so that its Python code uses the second core
instead of waiting for the GIL; `in_thread` runs a function in a thread of this process.
`Later` is work that waits for a quiet moment (under `mkdocs serve`: after the site is served)."""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path


class Background:
    """Work started now; `result()` waits for it and returns (or raises) what it did."""

    def __init__(self):
        self._outcome: list[tuple[bool, object]] = []
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen | None = None
        self._folder: tempfile.TemporaryDirectory | None = None

    @classmethod
    def in_process(cls, module: str, argument: object) -> Background:
        """`module`'s `main(argument)` in a new process (see `serve`); `argument` is picklable."""
        work = cls()
        work._folder = tempfile.TemporaryDirectory(prefix="wenku-")
        job = Path(work._folder.name) / "job.pickle"
        job.write_bytes(pickle.dumps(argument, protocol=pickle.HIGHEST_PROTOCOL))
        work._process = subprocess.Popen([sys.executable, "-m", module, str(job)], stdin=subprocess.DEVNULL)
        return work

    @classmethod
    def in_thread(cls, function: Callable[[], object]) -> Background:
        work = cls()
        work._thread = threading.Thread(target=lambda: work._outcome.append(_run(function)), name="wenku-background")
        work._thread.start()
        return work

    def wait(self) -> None:
        """Until the work is done, whatever its outcome."""
        try:
            self.result()
        except Exception:  # noqa: S110 - result() raises it again to whoever asks for the outcome
            pass

    def result(self) -> object:
        if self._process is not None and not self._outcome:
            self._process.wait()
            try:
                self._outcome.append(pickle.loads((Path(self._folder.name) / "result.pickle").read_bytes()))
            except (OSError, EOFError, pickle.UnpicklingError):
                self._outcome.append((False, RuntimeError(
                    f"the search indexing process ended (exit status {self._process.returncode}) without a result")))
            self._folder.cleanup()
        elif self._thread is not None:
            self._thread.join()
        ok, value = self._outcome[0]
        if not ok:
            raise value
        return value


class Later:
    """Work done `delay` seconds from now, step by step, unless `stop` comes first: it stops
    the work between two steps (the steps not done are dropped)."""

    def __init__(self, delay: float):
        self.delay = delay
        self._lock = threading.Lock()  # held while a step runs
        self._stopping = threading.Event()
        self._timer: threading.Timer | None = None
        self._pending: tuple[Callable[[], object], ...] = ()

    def run(self, *work: Callable[[], object], delay: float | None = None) -> None:
        self.stop()
        self._pending = work
        self._timer = threading.Timer(self.delay if delay is None else delay, self._run)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        """Nothing pending from now on; waits for the step running, if any."""
        self._stopping.set()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        with self._lock:
            self._pending = ()
        self._stopping.clear()

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def _run(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                if self._stopping.is_set() or not self._pending:
                    return
                step, self._pending = self._pending[0], self._pending[1:]
                step()


def serve(main: Callable[[object], object]) -> None:
    """The new process's side of `in_process`: run `main` on the job, leave its outcome beside it."""
    job = Path(sys.argv[1])
    ok, value = _run(lambda: main(pickle.loads(job.read_bytes())))
    try:
        data = pickle.dumps((ok, value), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        data = pickle.dumps((False, RuntimeError(f"{type(value).__name__}: {value}")))
    job.with_name("result.pickle").write_bytes(data)


def _run(function: Callable[[], object]) -> tuple[bool, object]:
    try:
        return True, function()
    except Exception as err:  # handed to the caller, which decides what it means
        return False, err
