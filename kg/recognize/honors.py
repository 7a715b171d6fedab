"""Honors: awards, titles, model-case lists, pilot and demonstration status.

Found through how they are conferred (获评/入选/荣获/被评为/被确定为/创建…为) and
named (…示范项目, …先进集体, …典型案例, …试点, …称号).  The label drops what
only says when or in which batch (第二批, 首批, 2023年度) and writes 全省/全市 as
the province or city, so one honor is one node across reports.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from ..data import cues, divisions
from ..keys import honor_key
from ..model import Doc, Findings, Mention, Report
from .text import first_longest


@lru_cache(maxsize=1)
def _patterns() -> tuple["re.Pattern[str]", "re.Pattern[str]", "re.Pattern[str]"]:
    confer = re.compile(rf"({cues().pattern('received')})了?")
    sought = cues().pattern("sought")
    create_as = re.compile(r"(?:成功)?创建(.{2,20}?)为")
    strive = re.compile(rf"(?:{sought})((?:全国|全省|全市|国家级|省级|市级)[\u4e00-\u9fff]{{2,20}}?"
                        r"(?:示范区|示范市|示范县|示范点|示范单位|示范项目))")
    return confer, create_as, strive

_MARKER = re.compile(r"(示范|先进|典型|案例|称号|试点|荣誉|奖|标兵|模范|优秀|人物|基地|经验|集体|单位|司法所|品牌|之星)")
_BATCH = re.compile(r"^(?:第[一二三四五六七八九十\d]+批|首批|首届|第[一二三四五六七八九十\d]+届|\d{4}年度?|\d{4})+")
_INNER_BATCH = re.compile(r"(第[一二三四五六七八九十\d]+批|首批)")
_REGION = re.compile(r"(全国|全省|全市|国家级|省级|市级|中国)$")
_END = re.compile(r"[，,。；;：:！!？?（(]")


def _clean(name: str) -> str:
    name = re.sub(r"[“”‘’\"]", "", name).strip()
    name = _BATCH.sub("", name)
    name = _INNER_BATCH.sub("", name)
    return re.sub(r"(创建)?名单$", "", name)


def _regional(name: str, chain: list[str]) -> str:
    """全省… → 陕西省…, 全市… → 西安市… (the report's own province or city)."""
    province = next((n for n in chain if n.endswith(("省", "自治区")) or n in ("北京市", "天津市", "上海市", "重庆市")), None)
    city = next((n for n in chain if n.endswith("市")), None)
    if name.startswith("全省") and province:
        return province + name[2:]
    if name.startswith("全市") and city:
        return city + name[2:]
    return name


def _label(np: str, chain: list[str]) -> Optional[str]:
    """The honor a conferred noun phrase names, or None when it names none."""
    quoted = re.search(r"“([^“”]{2,40})”", np)
    if quoted and _MARKER.search(quoted.group(1)):
        # 首届法治时代创新论坛“2023年度县域…创新案例”: the quoted name, with a level word just before it
        region = _REGION.search(np[: quoted.start()])
        name = (region.group(1) if region else "") + quoted.group(1)
        rest = np[quoted.end():]
        if rest and _MARKER.search(rest) and len(rest) <= 8:
            name = np[quoted.start():]
            name = (region.group(1) if region else "") + name
    else:
        name = np
    name = _clean(name)
    if len(name) < 4 or not _MARKER.search(name[-4:]):
        return None  # an honor's name ends in what it is: …示范项目, …先进集体, …典型案例
    return _regional(name, chain)


def recognize(doc: Doc) -> Findings:
    report, division = doc.report, doc.division
    text = report.source.norm
    confer, create_as, strive = _patterns()
    chain = [d.name for d in divisions().chain(division.code or "")] if division else []
    out: list[Mention] = []
    for m in confer.finditer(text):
        start = m.end()
        end = _END.search(text, start)
        stop = end.start() if end else len(text)
        out.extend(_phrases(report, start, stop, chain, m.start()))
    for m in create_as.finditer(text):
        start = m.end()
        end = _END.search(text, start)
        out.extend(_phrases(report, start, end.start() if end else len(text), chain, m.start()))
    for m in strive.finditer(text):
        label = _label(m.group(1), chain)
        if label:
            out.append(_mention(report, m.start(1), m.end(1), label, None))
    return Findings(mentions=tuple(first_longest(sorted(out, key=lambda x: (x.start, x.end)))))


def _phrases(report: Report, start: int, stop: int, chain: list[str], cue: int) -> Iterator[Mention]:
    """The honors named between a conferral verb and the end of its clause (A和B, A、B)."""
    text = report.source.norm
    pos = start
    for part in re.split(r"(和|及|、)(?![^“”]*”)", text[start:stop]):
        if part in ("和", "及", "、"):
            pos += len(part)
            continue
        label = _label(part, chain)
        s = pos + (len(part) - len(part.lstrip()))
        if label:
            yield _mention(report, s, pos + len(part.rstrip()), label, cue)
        pos += len(part)


def _mention(report: Report, start: int, end: int, label: str, cue: Optional[int]) -> Mention:
    written = re.sub(r"[“”‘’\"]", "", report.source.norm[start:end])
    return Mention("Honor", start, end, report.source.text[start:end], label, honor_key(label),
                   alts=(written,) if written != label else (), cue=cue)
