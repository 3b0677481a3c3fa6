"""Report and listing slugs: pinyin of the name, made once and kept in the cache folder,
so that a later build loads pypinyin (0.4 s) only for a name it has not seen."""

from __future__ import annotations

import subprocess
import sys

from wenku.pages import slugs


def test_a_slug_is_the_pinyin_of_the_name():
    assert slugs.ascii_slug("2022年党建工作总结") == "2022-nian-dang-jian-gong-zuo-zong-jie"
    assert slugs.slug_for("年度/述职报告.docx") == "nian-du-shu-zhi-bao-gao"


def test_slugs_kept_in_the_cache_folder_are_used_without_loading_pypinyin(tmp_path):
    known = slugs.read_known(tmp_path)
    slugs.ascii_slug("机关党委学习型机关建设总结")
    slugs.write_known(tmp_path, known - 1)  # as if the name were new in this build
    assert list(tmp_path.glob("slugs-pypinyin-*.json"))
    script = (f"import sys; from pathlib import Path; from wenku.pages import slugs; "
              f"slugs.read_known(Path({str(tmp_path)!r})); "
              f"print(slugs.ascii_slug('机关党委学习型机关建设总结'), 'pypinyin' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["ji-guan-dang-wei-xue-xi-xing-ji-guan-jian-she-zong-jie", "False"]
