"""What a file really is, from its first bytes: to tell the user what to do with a
report that has the wrong name (a .docx saved as .txt, a .doc renamed .docx …)."""

from __future__ import annotations

# (magic bytes, what the file is, what to do). Only formats people actually mix up with reports.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"PK\x03\x04", "ZIP 压缩包（Word .docx、.xlsx、.pptx 文件也是这种格式）",
     "如果它是 Word 文档，请把扩展名改为 .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word/WPS 文档（.doc/.wps）或加密文件",
     "请把扩展名改为 .doc（能读取 .doc 文件）；如果文件设有密码，请用 Word 或 WPS 打开，去掉密码后保存"),
    (b"%PDF-", "PDF 文件", "请把扩展名改为 .pdf（能读取带文字层的 PDF）"),
    (b"{\\rtf", "RTF 文档", "请用 Word 或 WPS 打开并另存为 .docx 或 .doc"),
    (b"\x89PNG\r\n\x1a\n", "PNG 图片", "报告须为文本（.txt、.md）、Word（.docx、.doc）或 PDF 文件；请删除该图片"),
    (b"\xff\xd8\xff", "JPEG 图片", "报告须为文本（.txt、.md）、Word（.docx、.doc）或 PDF 文件；请删除该图片"),
    (b"GIF8", "GIF 图片", "报告须为文本（.txt、.md）、Word（.docx、.doc）或 PDF 文件；请删除该图片"),
    (b"Rar!\x1a\x07", "RAR 压缩包", "请解压，把报告文件本身放进文件夹"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip 压缩包", "请解压，把报告文件本身放进文件夹"),
    (b"\x1f\x8b", "gzip 压缩包", "请解压，把报告文件本身放进文件夹"),
)


def identify(data: bytes) -> tuple[str, str] | None:
    """(what the file is, what to do) for a known non-text format, else None."""
    for magic, what, todo in SIGNATURES:
        if data.startswith(magic):
            return what, todo
    return None
