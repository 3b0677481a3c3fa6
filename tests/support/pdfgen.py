"""Test helpers: multi-page Chinese report PDFs written with reportlab."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

FONT = "STSong-Light"
PageDecor = Callable[[int, int], tuple[str | None, str | None]]


def _register() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def report_pdf(blocks: list[tuple[str, str]], decor: PageDecor | None = None,
               encrypt: object | None = None, font_size: float = 16) -> bytes:
    """blocks: (kind, text) with kind "title", "heading" or "body"; decor(page, total) → (header, footer)."""
    _register()
    body = ParagraphStyle("body", fontName=FONT, fontSize=font_size, leading=font_size * 1.6,
                          wordWrap="CJK", firstLineIndent=2 * font_size)
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0)
    title = ParagraphStyle("title", parent=body, fontSize=font_size + 4, leading=(font_size + 4) * 1.6,
                           alignment=1, firstLineIndent=0)
    styles = {"title": title, "heading": heading, "body": body}

    def story() -> list[object]:
        # Flowables are consumed by a build, so every build gets fresh ones.
        return [f for kind, text in blocks for f in (Paragraph(text, styles[kind]), Spacer(1, 2))]

    def draw(total: int) -> Callable[[canvas.Canvas, object], None]:
        def on_page(c: canvas.Canvas, _doc: object) -> None:
            header, footer = decor(c.getPageNumber(), total) if decor else (None, None)
            c.setFont(FONT, 10)
            if header:
                c.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, header)
            if footer:
                c.drawCentredString(A4[0] / 2, 12 * mm, footer)
        return on_page

    def build(total: int) -> tuple[bytes, int]:
        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=A4, topMargin=25 * mm, bottomMargin=25 * mm,
                                leftMargin=28 * mm, rightMargin=26 * mm, encrypt=encrypt)
        doc.build(story(), onFirstPage=draw(total), onLaterPages=draw(total))
        return buf.getvalue(), doc.page

    data, pages = build(0)
    return build(pages)[0] if decor else data


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages holding only a picture, as a scanner produces."""
    from PIL import Image, ImageDraw

    rng = random.Random(7)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(pages):
        img = Image.new("L", (600, 840), 255)
        draw = ImageDraw.Draw(img)
        for _ in range(400):
            x, y = rng.randrange(40, 560), rng.randrange(40, 800)
            draw.rectangle([x, y, x + 8, y + 10], fill=0)
        c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return buf.getvalue()
