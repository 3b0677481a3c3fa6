"""Whole processes measured for the benchmarks: wall time, CPU time of the process tree, peak memory
of the tree (sampled from /proc, and the kernel's max RSS), and the log."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HOOK_SUMMARY = re.compile(r"wenku: (\d+) 篇报告（转换 (\d+) 篇.*?([\d.]+) s\s*$", re.MULTILINE)


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system CPU seconds of the process tree
    peak_mb: float
    returncode: int
    log: str

    def hook(self) -> tuple[int, float] | None:
        """(reports converted, seconds) from the hook's summary line."""
        match = HOOK_SUMMARY.search(self.log)
        return (int(match.group(2)), float(match.group(3))) if match else None


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as handle:
                total += next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    pending += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue  # the process ended while we looked
    return total


def run_measured(cmd: list[str], cwd: Path) -> Run:
    """Run `cmd`; wall time and peak RSS of its process tree (sampled, and the kernel's max RSS)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.05):
                peak[0] = max(peak[0], tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, max(peak[0], usage.ru_maxrss) / 1024, proc.returncode, log)


def checked(run: Run, what: str) -> Run:
    if run.returncode != 0:
        tail = "\n".join(run.log.splitlines()[-30:])
        raise SystemExit(f"error: {what} failed (exit {run.returncode}):\n{tail}")
    return run
