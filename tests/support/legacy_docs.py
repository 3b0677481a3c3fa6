"""Legacy test documents (.doc through LibreOffice), generated during the run: no binaries are committed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from office_docs import Fodt, convert, soffice

SUPPORT = Path(__file__).parent
# In CI a skipped test is a failure: there LibreOffice must be installed (.ci/run installs it).
REQUIRE_OFFICE = os.environ.get("CI") == "true" or os.environ.get("WENKU_REQUIRE_SOFFICE") == "1"


def need_office() -> None:
    if soffice() is None:
        if REQUIRE_OFFICE:
            pytest.fail("LibreOffice is required (WENKU_REQUIRE_SOFFICE=1) but soffice is missing")
        pytest.skip("LibreOffice (soffice) not installed; apt-get install libreoffice-writer-nogui")


def report_fodt() -> Fodt:
    f = Fodt()
    f.heading("中共某某支部2023年度党建工作总结")
    f.para("　　2023年，在上级党委的坚强领导下，支部坚持以习近平新时代中国特色社会主义思想为指导，"
           "全面落实党建工作责任制，各项工作取得新成效。")
    f.chinese_outline([("总体情况", ["党建引领作用明显", "队伍建设持续加强"]),
                       ("主要做法", ["强化理论武装"]), ("存在问题", [])])
    f.decimal_list(["加强学习。", "严格管理。", "注重实效。"])
    f.table([[["姓名"], ["职务"], ["备注"]],
             [["张三"], ["支部书记"], ["第一行", "第二行"]],
             [["李四"], [""], ["组织委员"]]])
    f.para_with_link("详见", "学习强国平台", "https://www.xuexi.cn/", "相关内容。")
    f.para_with_line_break("第一行文字", "换行后的文字")
    f.para("下一页开始的内容：“全面从严治党”永远在路上。", page_break=True)
    f.para("Mixed English words and 中文 text, 100% done; 引号“测试”、括号（测试）。")
    return f


def report_docx(path: Path) -> list[str]:
    """A Word-made-like source: List Number style, a PAGE field, a page break, a tab."""
    d = docx.Document()
    visible = ["述职报告", "一年来，本人认真履行岗位职责。", "完成年度任务", "推进重点项目",
               "单位", "得分", "一支部", "95", "当前页码：", "第二页内容", "制表符", "之后"]
    d.add_heading(visible[0], 1)
    d.add_paragraph(visible[1])
    d.add_paragraph(visible[2], style="List Number")
    d.add_paragraph(visible[3], style="List Number")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in zip([(0, 0), (0, 1), (1, 0), (1, 1)], visible[4:8]):
        table.cell(r, c).text = text
    para = d.add_paragraph(visible[8])
    para._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    run = d.add_paragraph().add_run()
    run.add_break(docx.enum.text.WD_BREAK.PAGE)
    run.add_text(visible[9])
    d.add_paragraph(visible[10] + "\t" + visible[11])
    d.save(path)
    return visible


def make_doc_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_office()
    out = tmp_path_factory.mktemp("doc")
    (out / "report.fodt").write_text(report_fodt().xml(), encoding="utf-8")
    (out / "words.txt").write_text("\n".join(report_docx(out / "word.docx")), encoding="utf-8")
    convert([out / "report.fodt", out / "word.docx"], "doc", out)
    return out


def make_encrypted_doc(doc_dir: Path) -> bytes:
    python = shutil.which("python3", path="/usr/bin")
    if python is None or subprocess.run([python, "-c", "import uno"], capture_output=True).returncode:
        if REQUIRE_OFFICE:
            pytest.fail("python3-uno is required in CI but /usr/bin/python3 cannot import uno")
        pytest.skip("python3-uno not installed; apt-get install python3-uno")
    target = doc_dir / "encrypted.doc"
    subprocess.run([python, str(SUPPORT / "lo_encrypt.py"), str(doc_dir / "report.fodt"), str(target),
                    str(doc_dir / "uno-profile"), "2202"], check=True, capture_output=True, timeout=180)
    return target.read_bytes()
