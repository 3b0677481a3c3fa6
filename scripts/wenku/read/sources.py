"""Which files in the reports folder are reports, and what to say about the others."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from wenku.model import Level, Problem

KIND_OF_SUFFIX = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx",
                  ".doc": "doc", ".wps": "doc", ".pdf": "pdf"}
CONVERT_FIRST = {
    ".rtf": "请用 Word 或 WPS 打开，另存为 .docx 或 .doc（文件 → 另存为）",
    ".odt": "请用 LibreOffice 或 WPS 打开，另存为 .docx（文件 → 另存为）",
    ".et": "这是 WPS 表格文件，不是报告；如果报告在表格里，请把正文复制到 .docx 或 .txt 中",
    ".dps": "这是 WPS 演示文件，不是报告；请放入报告的 .docx、.doc 或 .pdf",
}
MAX_REPORT_BYTES = 5 * 2**20  # larger files are concatenations or not reports; refused before reading
TEMPORARY = re.compile(r"^(?:~\$|\.~lock|~WRL)|(?:~|\.tmp|\.bak|\.swp)$", re.IGNORECASE)


class SourceKind(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"  # .md: front matter and # headings read, body still plain text
    DOCX = "docx"
    DOC = "doc"  # Word 97-2003 binary, also WPS Office .wps (the same OLE format)
    PDF = "pdf"  # with a text layer


@dataclass(frozen=True)
class SourceFile:
    path: Path
    name: str  # path relative to the reports folder, with "/" separators
    kind: SourceKind


def discover(folder: Path, max_bytes: int = MAX_REPORT_BYTES) -> tuple[list[SourceFile], list[Problem]]:
    """All report files under `folder`, sorted by name, and a Problem for every file passed over.

    Linked folders are followed once: a link back into a folder already walked (a loop) is
    reported and skipped."""
    found: list[SourceFile] = []
    problems: list[Problem] = []
    visited = {os.path.realpath(folder)}
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=True):
        dirs[:] = _folders_to_walk(folder, Path(root), dirs, visited, problems)
        for file_name in sorted(files):
            path = Path(root, file_name)
            name = path.relative_to(folder).as_posix()
            item = classify(path, name, max_bytes)
            if isinstance(item, Problem):
                problems.append(item)
            else:
                found.append(item)
    found.sort(key=lambda s: s.name)
    return found, problems


def _folders_to_walk(folder: Path, root: Path, dirs: list[str], visited: set[str],
                     problems: list[Problem]) -> list[str]:
    keep = []
    for name in sorted(dirs):
        path = root / name
        rel = path.relative_to(folder).as_posix()
        if name.startswith("."):
            problems.append(Problem(rel + "/", "隐藏文件夹，已忽略；其中如有报告，请移到普通文件夹", level=Level.NOTE))
            continue
        real = os.path.realpath(path)
        if real in visited:
            problems.append(Problem(rel + "/", f"指向已读取文件夹（{real}）的链接，形成循环，已跳过；"
                                    "请删除该链接或改指其他位置", level=Level.WARNING))
            continue
        visited.add(real)
        keep.append(name)
    return keep


def classify(path: Path, name: str, max_bytes: int = MAX_REPORT_BYTES) -> SourceFile | Problem:
    base = path.name
    if base.startswith(".") or TEMPORARY.search(base):
        return Problem(name, "隐藏文件或临时文件（如 .DS_Store、Word 的 ~$ 锁定文件），已忽略；"
                       "如果它其实是报告，请改名", level=Level.NOTE)
    try:
        size = path.stat().st_size
    except OSError as err:
        return Problem(name, _unreachable(path, err), level=Level.ERROR)
    if not path.is_file():
        return Problem(name, "不是普通文件（设备或管道？），已跳过；"
                       "请换成报告文件本身", level=Level.ERROR)
    suffix = path.suffix.lower()
    kind = KIND_OF_SUFFIX.get(suffix)
    limit = max_bytes * 4 if kind in ("doc", "pdf") else max_bytes  # embedded fonts and images weigh more than text
    if size > limit and kind:
        return Problem(name, f"文件大小 {size / 2**20:.1f} MB，超过单篇报告的上限 "
                       f"{limit / 2**20:g} MB（一篇较长的工作报告也远小于 1 MB）。"
                       "如果其中有多篇报告，请拆成每篇一个文件；如果夹带了其他材料，请删去", level=Level.ERROR)
    if kind:
        return SourceFile(path, name, SourceKind(kind))
    if suffix in CONVERT_FIRST:
        return Problem(name, f"暂不能读取 {suffix} 文件；{CONVERT_FIRST[suffix]}，再把新文件放入报告文件夹",
                       level=Level.ERROR)
    return Problem(name, f"不是能读取的报告格式（{suffix or '没有扩展名'}）；"
                   "请把报告存为 .txt、.md、.docx、.doc、.wps 或带文字层的 .pdf", level=Level.ERROR)


def _unreachable(path: Path, err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return (f"是循环的符号链接（{path.name} → {os.readlink(path)} → …），已跳过；"
                "请用报告文件本身替换该链接")
    if path.is_symlink():
        return (f"是指向 {os.readlink(path)} 的符号链接，目标不存在，已跳过；"
                "请用报告文件本身替换该链接")
    return f"无法打开（{err.strerror}）；请检查文件及其权限"
