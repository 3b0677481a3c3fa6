"""Which files in the reports folder are reports, and what to say about the others."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .model import Problem

TEXT_SUFFIXES = {".txt", ".text", ".md"}
DOCX_SUFFIXES = {".docx"}
CONVERT_FIRST = {
    ".doc": "save it as .docx (Word: 文件 → 另存为 → Word 文档 .docx)",
    ".wps": "save it as .docx (WPS: 文件 → 另存为 → .docx)",
    ".pdf": "copy the text into a .txt file, or export it from the original document as .docx",
    ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx",
}
TEMPORARY = re.compile(r"^(?:~\$|\.~lock|~WRL)|(?:~|\.tmp|\.bak|\.swp)$", re.IGNORECASE)


@dataclass(frozen=True)
class SourceFile:
    path: Path
    name: str  # path relative to the reports folder, with "/" separators
    kind: str  # "text" | "docx"


def discover(folder: Path) -> tuple[list[SourceFile], list[Problem]]:
    """All report files under `folder`, sorted by name, and a Problem for every file passed over."""
    found: list[SourceFile] = []
    problems: list[Problem] = []
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in sorted(files):
            path = Path(root, file_name)
            name = path.relative_to(folder).as_posix()
            item = classify(path, name)
            if isinstance(item, Problem):
                problems.append(item)
            else:
                found.append(item)
    found.sort(key=lambda s: s.name)
    return found, problems


def classify(path: Path, name: str) -> SourceFile | Problem:
    base = path.name
    if base.startswith(".") or TEMPORARY.search(base):
        return Problem(name, "hidden or temporary file, ignored", level="note")
    try:
        if not path.is_file():
            return Problem(name, "not a regular file (a broken link or a device?), skipped; "
                           "replace it with the report file itself", level="error")
    except OSError as err:
        return Problem(name, f"cannot be opened ({err.strerror}); a symbolic link that loops? "
                       "replace it with the report file itself", level="error")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return SourceFile(path, name, "text")
    if suffix in DOCX_SUFFIXES:
        return SourceFile(path, name, "docx")
    if suffix in CONVERT_FIRST:
        return Problem(name, f"wenku cannot read {suffix} files; {CONVERT_FIRST[suffix]} "
                       "and put that file in the reports folder instead", level="error")
    return Problem(name, f"not a report format wenku reads ({suffix or 'no extension'}); "
                   "reports must be .txt (UTF-8 or GB18030) or .docx", level="error")
