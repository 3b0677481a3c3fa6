"""What a file really is, from its first bytes: to tell the user what to do with a
report that has the wrong name (a .docx saved as .txt, a .doc renamed .docx …)."""

from __future__ import annotations

# (magic bytes, what the file is, what to do). Only formats people actually mix up with reports.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (a Word .docx, .xlsx or .pptx file has this form)",
     "if it is a Word document, rename it to .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word/WPS document (.doc/.wps) or a password-protected file",
     "rename it to .doc (wenku reads .doc); if it has a password, open it in Word or WPS, remove the password and save it"),
    (b"%PDF-", "a PDF file", "rename it to .pdf (wenku reads PDFs with a text layer)"),
    (b"{\\rtf", "an RTF document", "open it in Word or WPS and save it as .docx or .doc"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "reports must be text (.txt) or Word (.docx); remove the image"),
    (b"\xff\xd8\xff", "a JPEG image", "reports must be text (.txt) or Word (.docx); remove the image"),
    (b"GIF8", "a GIF image", "reports must be text (.txt) or Word (.docx); remove the image"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it and put the reports themselves in the folder"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and put the reports themselves in the folder"),
    (b"\x1f\x8b", "a gzip archive", "unpack it and put the reports themselves in the folder"),
)


def identify(data: bytes) -> tuple[str, str] | None:
    """(what the file is, what to do) for a known non-text format, else None."""
    for magic, what, todo in SIGNATURES:
        if data.startswith(magic):
            return what, todo
    return None
