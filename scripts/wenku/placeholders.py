"""Minimal browse pages by theme, unit and type, so the links of the home page
and the report cards resolve before the full index pages exist.

The theme/unit/type indexes proper belong to the tags work (issue 3); these
pages are only generated for paths no other generator produced
(`missing_pages`), so they step aside as soon as the real pages exist.
"""

from __future__ import annotations

from . import site_paths
from .catalogue import Catalogue
from .escape import Escaper
from .index import report_link
from .model import Report
from .render import front_matter, mark_text


def shown(kind: str, name: str, esc: Escaper) -> str:
    """Theme names are wenku's vocabulary; unit and type names are report text (X局 is a redaction)."""
    return esc.inline_text(name) if kind == "主题" else mark_text(name, esc, at_block_start=False)


def group_index(kind: str, title: str, groups: dict[str, list[Report]], pages: dict[str, str], esc: Escaper,
                empty: str) -> str:
    lines = [f"# {title}", ""]
    lines += [f"- [{shown(kind, name, esc)}]({pages[name].split('/', 1)[1]})（{len(rs)} 篇）"
              for name, rs in groups.items()] or [empty]
    return front_matter({"title": title}) + "\n".join(lines) + "\n"


def group_page(kind: str, name: str, reports: list[Report], esc: Escaper) -> str:
    lines = [f"# {kind}：{shown(kind, name, esc)}（{len(reports)} 篇）", ""]
    lines += [report_link(r, esc, "../") for r in reports]
    return front_matter({"title": f"{kind}：{name}"}) + "\n".join(lines) + "\n"


def browse_pages(cat: Catalogue, esc: Escaper) -> dict[str, str]:
    pages = {
        site_paths.THEMES_INDEX: group_index("主题", "按主题浏览", cat.themes, cat.theme_pages, esc, "主题标注尚未生成。"),
        site_paths.UNITS_INDEX: group_index("单位", "按单位浏览", cat.units, cat.unit_pages, esc, "尚无注明单位的报告。"),
        site_paths.TYPES_INDEX: group_index("类型", "按类型浏览", cat.types, cat.type_pages, esc, "尚无注明类型的报告。"),
    }
    for kind, groups, paths in (("主题", cat.themes, cat.theme_pages), ("单位", cat.units, cat.unit_pages),
                                ("类型", cat.types, cat.type_pages)):
        pages.update({paths[name]: group_page(kind, name, rs, esc) for name, rs in groups.items()})
    return pages


def missing_pages(cat: Catalogue, esc: Escaper, existing: dict[str, str]) -> dict[str, str]:
    """The placeholder pages whose paths `existing` does not already hold."""
    return {path: text for path, text in browse_pages(cat, esc).items() if path not in existing}
