"""Test helpers: write flat ODF (.fodt) sources and convert them with LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)

STYLES = """
<office:automatic-styles>
 <style:style style:name="PB" style:family="paragraph">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <text:list-style style:name="ZH">
  <text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、"/>
  <text:list-level-style-number text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" style:num-suffix="）"/>
 </text:list-style>
 <text:list-style style:name="DEC">
  <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
 </text:list-style>
</office:automatic-styles>
"""


@dataclass
class Fodt:
    """Builds a flat ODF text document and records its visible source text."""

    body: list[str] = field(default_factory=list)
    visible: list[str] = field(default_factory=list)

    def heading(self, text: str) -> None:
        self.body.append(f'<text:h text:outline-level="1">{escape(text)}</text:h>')
        self.visible.append(text)

    def para(self, text: str, page_break: bool = False) -> None:
        style = ' text:style-name="PB"' if page_break else ""
        self.body.append(f"<text:p{style}>{escape(text)}</text:p>")
        self.visible.append(text)

    def para_with_line_break(self, first: str, second: str) -> None:
        self.body.append(f"<text:p>{escape(first)}<text:line-break/>{escape(second)}</text:p>")
        self.visible += [first, second]

    def para_with_link(self, before: str, link: str, url: str, after: str) -> None:
        self.body.append(
            f'<text:p>{escape(before)}<text:a xlink:type="simple" xlink:href="{escape(url)}">'
            f"{escape(link)}</text:a>{escape(after)}</text:p>")
        self.visible += [before, link, after]

    def chinese_outline(self, items: list[tuple[str, list[str]]]) -> None:
        """Two-level list numbered 一、 / （一）."""
        parts = ['<text:list text:style-name="ZH">']
        for title, children in items:
            parts.append(f"<text:list-item><text:p>{escape(title)}</text:p>")
            self.visible.append(title)
            if children:
                parts.append("<text:list>")
                for child in children:
                    parts.append(f"<text:list-item><text:p>{escape(child)}</text:p></text:list-item>")
                    self.visible.append(child)
                parts.append("</text:list>")
            parts.append("</text:list-item>")
        parts.append("</text:list>")
        self.body.append("".join(parts))

    def decimal_list(self, items: list[str]) -> None:
        inner = "".join(f"<text:list-item><text:p>{escape(i)}</text:p></text:list-item>" for i in items)
        self.body.append(f'<text:list text:style-name="DEC">{inner}</text:list>')
        self.visible += items

    def table(self, rows: list[list[list[str]]]) -> None:
        """rows → cells → paragraphs of the cell."""
        ncols = max(len(r) for r in rows)
        parts = [f'<table:table table:name="T{len(self.body)}">',
                 f'<table:table-column table:number-columns-repeated="{ncols}"/>']
        for row in rows:
            parts.append("<table:table-row>")
            for cell in row:
                paras = "".join(f"<text:p>{escape(p)}</text:p>" for p in cell)
                parts.append(f'<table:table-cell office:value-type="string">{paras}</table:table-cell>')
                self.visible += cell
            parts.append("</table:table-row>")
        parts.append("</table:table>")
        self.body.append("".join(parts))

    def xml(self) -> str:
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} '
                'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
                f'{STYLES}<office:body><office:text>{"".join(self.body)}</office:text>'
                "</office:body></office:document>")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(sources: list[Path], target: str, outdir: Path) -> list[Path]:
    """Convert all sources in one LibreOffice run (start-up dominates the cost)."""
    exe = soffice()
    assert exe, "LibreOffice (soffice) is not installed"
    profile = outdir / "lo-profile"
    env = dict(os.environ, HOME=str(outdir))
    cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless",
           "--convert-to", target, "--outdir", str(outdir), *map(str, sources)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300, env=env)
    ext = target.split(":")[0]
    out = [outdir / f"{s.stem}.{ext}" for s in sources]
    missing = [p for p in out if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return out


def is_subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


def non_space(text: str) -> str:
    return "".join(text.split())
