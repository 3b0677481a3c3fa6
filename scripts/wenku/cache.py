"""Per-report cache: a converted Report stored by the hash of the file's bytes.

The key also holds a fingerprint of wenku's own code and data files, so a
change to the pipeline invalidates every entry without anyone deleting it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
from enum import StrEnum
from functools import cache
from importlib import metadata
from pathlib import Path

from wenku.config import DEFAULT_VOCABULARY
from wenku.model import Block, BlockKind, Level, Metadata, Problem, Report, Role, Span, SpanKind

PACKAGE_DIR = Path(__file__).resolve().parent


@cache  # the code that runs is the code imported when the process started
def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt", ".yml", ".yaml"}:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def package_version(package: str) -> str:
    """An installed package's version ("-" when absent), for the keys of what it helps make."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def fingerprint(data_files: tuple[Path, ...]) -> str:
    """wenku's code and data plus the vocabulary files in use (mkdocs.yml may point elsewhere)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for path in data_files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


SCALARS = (str, int, float, bool, type(None))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"wenku's cache cannot store a {cls.__name__}; use plain data or a dataclass")
    return tuple(f.name for f in dataclasses.fields(cls))


def plain(value):
    """What dataclasses.asdict gives, without its deep copies (5× faster on a Report)."""
    kind = type(value)
    if kind in SCALARS:
        return value
    if kind is list or kind is tuple:
        return [plain(item) for item in value]
    if kind is dict:
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, StrEnum):
        return value.value
    return {name: plain(getattr(value, name)) for name in _field_names(kind)}


def report_to_json(report: Report) -> str:
    return json.dumps(plain(report), ensure_ascii=False)


def report_from_json(text: str) -> Report:
    data = json.loads(text)
    data["meta"] = Metadata(**data["meta"])
    data["blocks"] = [_block(b) for b in data["blocks"]]
    data["warnings"] = [Problem(**{**p, "level": Level(p["level"])}) for p in data["warnings"]]
    return Report(**data)


def _block(data: dict) -> Block:
    return Block(**{**data, "kind": BlockKind(data["kind"]), "roles": [Role(r) for r in data["roles"]],
                    "spans": [Span(s["start"], s["end"], SpanKind(s["kind"])) for s in data["spans"]]})


STATE_FILE = "pieces.pickle"  # the pieces of pages of the last build, in one file


class Cache:
    """Disabled when `folder` is None. With `remember`, it also keeps the pieces of pages
    (pages/fragments.py), also from one process to the next (`load_state`)."""

    def __init__(self, folder: Path | None, data_files: tuple[Path, ...] = DEFAULT_VOCABULARY,
                 remember: bool = False):
        self.folder = folder
        self.memory: dict[Path, Report] = {}  # entries read or written by this process (`mkdocs serve`)
        self.remember = remember
        self._saved: set | None = None  # the keys of the pieces in the state file, when known
        self.refresh(data_files)

    def __getstate__(self) -> dict:
        """What a worker process needs (it writes entries): not the entries in memory."""
        return {**vars(self), "memory": {}, "memo": None, "_saved": None}

    def state_folder(self) -> Path | None:
        """Where what a build keeps for the next one goes (this version of wenku and its vocabulary)."""
        return self.folder / self.fingerprint if self.folder is not None else None

    def _state_path(self) -> Path:
        return self.folder / self.fingerprint / STATE_FILE

    def load_state(self) -> None:
        """The pieces of pages the last build saved (reports themselves are read from their
        entries: unpickling a Report's enums is slower than reading its JSON)."""
        if self.folder is None or self.memo is None:
            return
        try:
            with self._state_path().open("rb") as handle:
                self.memo.update(pickle.load(handle))
            self._saved = set(self.memo)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
            pass  # none yet, or written by another version: the pieces are made again

    def save_state(self, reports: list[Report]) -> None:
        """Keep what belongs to `reports` for the next build."""
        if self.folder is None or self.memo is None:
            return
        current = {(r.sha256, r.slug) for r in reports}
        for key in [key for key in self.memo if key[1:3] not in current]:  # an edited report's older pieces
            del self.memo[key]
        if self._saved == self.memo.keys():  # a piece's key covers all it is made of: the same keys, the same pieces
            return
        path = self._state_path()
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as handle:
                pickle.dump(self.memo, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            self._saved = set(self.memo)
        except OSError:  # a full disk: the next build makes the pieces again
            tmp.unlink(missing_ok=True)

    def refresh(self, data_files: tuple[Path, ...]) -> None:
        """Taken per build, not per process: under `mkdocs serve` an edited themes.yml
        or stopwords.txt must invalidate the entries converted with the old one."""
        previous = getattr(self, "fingerprint", None)
        self.fingerprint = fingerprint(data_files) if self.folder is not None else ""
        if previous != self.fingerprint:
            self.memory = {}
            self.memo: dict | None = {} if self.remember else None  # pages/fragments.py
            self._saved = None
            if self.remember:
                self.load_state()

    def _path(self, data: bytes) -> Path:
        key = hashlib.sha256(data).hexdigest()
        return self.folder / self.fingerprint / key[:2] / f"{key}.json"

    def get(self, data: bytes, slug: str) -> Report | None:
        if self.folder is None:
            return None
        path = self._path(data)
        if path in self.memory:
            kept = self.memory[path]
            return kept if kept.slug == slug else dataclasses.replace(kept, slug=slug)
        try:
            report = report_from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError, KeyError):
            return None
        self.memory[path] = report
        return dataclasses.replace(report, slug=slug)

    def put(self, data: bytes, report: Report) -> None:
        if self.folder is None:
            return
        path = self._path(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(report_to_json(report), encoding="utf-8")
        os.replace(tmp, path)
        self.memory[path] = report
