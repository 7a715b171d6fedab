"""Numeric indicators: every number with a unit that counts or measures something about an
area or a body (办理行政复议案件83件, 新增市场主体2.4万余户, 出庭应诉率100%).

What is counted (the measure) is the noun phrase the clause gives before the
number — or after it, when nothing stands before (建立12个24小时政务服务自助区).
Years, dates, ordinals (第二批), durations, quoted codes (“1+18+5”), rules
(每年至少一次) and numbers inside titles are not indicators.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from ..model import Doc, Findings, Mention, Observation, Report
from .text import bracketed_spans, dictionary, inside, quoted_spans
from .numbers import CN_NUMBER, to_decimal

UNITS = ("人次", "件次", "场次", "批次", "户次", "万元", "亿元", "元", "%", "件", "项", "人", "名", "位", "次", "个", "户",
         "条", "份", "场", "篇", "家", "本", "处", "所", "起", "台", "辆", "宗", "座", "笔", "张", "册", "万人次", "万人")
_NUM = rf"(?:\d+(?:\.\d+)?|[{CN_NUMBER}]+)"
_QTY = re.compile(
    rf"(?P<pre>将近|接近|超过|累计超|近|约|超|逾)?(?P<num>百分之(?:\d+(?:\.\d+)?|[{CN_NUMBER}]+)|{_NUM})\s*"
    rf"(?P<mult>万|亿)?(?P<ap1>余|多)?(?P<mult2>万|亿)?"
    rf"(?P<unit>{'|'.join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))})"
    rf"(?P<ap2>以上|左右|余|多)?")
_NOT_AFTER = re.compile(r"^(全会|会议|常委会|党代会|工作日|个工作日|月|小时|季度|年|星期|周|天|届|级|以内|内|批次?[“\"])")
_NOT_BEFORE = re.compile(r"(第|届|至少|不少于|不低于|每|前|近\d|排名|位居|连续)$")
_SEGMENT_END = re.compile(r"[，,。；;：:（()）！!？?\n]")
_LEAD = re.compile(r"^(全年|年内|全区|全县|全市|累计|共计|合计|总计|共|先后|其中|目前|截至目前|已|均|分别|现有|今年|当年|\d{4}年|一年来|\s)+")
_TRAIL = re.compile(r"(达到|达|为|共|计|超过|约|近|累计|合计|总计|共计|共有|均|已|到|占|有|的)+$")
_AFTER_END = re.compile(r"和|及|与|以及|的|均|已|全部|都|共|分别|实现|达到|达")
_PREDICATE = re.compile(r"担任|参加|获得|实现|完成|开展|进行|承担|纳入|达到|入选|获评|被|接受|参与|覆盖|划入|整合|明确")
_ORG_START = re.compile(r"^(一是|二是|三是|四是|五是|六是|七是|八是|九是|十是|[(（][一二三四五六七八九十]+[)）]|\s)*")


def recognize(doc: Doc) -> Findings:
    report, mentions = doc.report, doc.mentions
    text = report.source.norm
    blocked = bracketed_spans(text) + quoted_spans(text)
    furniture = [(f.start, f.end) for f in report.source.furniture]
    out: list[Observation] = []
    last_end = 0
    total: Optional[Observation] = None  # the figure a 其中… breakdown divides
    for m in _QTY.finditer(text):
        s, e = m.start(), m.end()
        if inside(blocked, s, e) or inside(furniture, s, e):
            continue
        num, unit = m.group("num"), m.group("unit")
        if _NOT_AFTER.match(text[e:e + 5]) or _NOT_BEFORE.search(text[max(0, s - 3):s]):
            continue
        if s > 0 and (text[s - 1].isdigit() or text[s - 1] in CN_NUMBER + ".+"):
            continue  # part of a longer number or code (1+18+5)
        if num in ("一", "两") and unit in ("个", "项", "次", "种", "类", "批次", "场", "支", "部", "期"):
            continue  # 一个, 一项: an article, not a count
        multiplier = (m.group("mult") or "") + (m.group("mult2") or "")
        if unit in ("万元", "亿元"):
            multiplier += unit[0]
            unit = "元"
        elif unit in ("万人", "万人次"):
            multiplier += "万"
            unit = unit[1:]
        value = to_decimal(num, multiplier)
        if value is None:
            continue
        if num.startswith("百分之"):
            unit = "%"
        approx = bool(m.group("pre") or m.group("ap1") or m.group("ap2"))
        seg_start = max(last_end, _segment_start(text, s))
        same_sentence = out and report.sentence_at(out[-1].start) == report.sentence_at(s)
        measure = _measure(text, seg_start, s, e, out[-1].measure if same_sentence else "")
        if same_sentence and "其中" in text[out[-1].end:s]:
            total = out[-1]
        if same_sentence and total is not None and _BODY_WORD.search(measure) and len(measure) <= 8:
            measure += _object_of(total.measure)  # 其中,县政府63件 → 县政府 + what the total counts
        elif not same_sentence:
            total = None
        last_end = e
        if not measure:
            continue
        out.append(Observation(s, e, value, unit, approx, measure, _area(report, mentions, seg_start, s)))
    return Findings(observations=tuple(out))


def _segment_start(text: str, pos: int) -> int:
    """Where the clause of a number starts; a short aside in brackets, 各级党委(党组), stays in it."""
    i = pos
    while i > 0 and pos - i < 60:
        ch = text[i - 1]
        if ch in ")）":
            opening = max(text.rfind("(", 0, i), text.rfind("（", 0, i))
            if opening >= 0 and i - opening <= 7:
                i = opening
                continue
        if _SEGMENT_END.match(ch):
            break
        i -= 1
    return i


_BODY_WORD = re.compile(r"(政府|部门|机关|单位|街道|乡镇|社区|法院)$")
_CHANGE = re.compile(r"^(上升|提升|提高|增长|下降|降低|减少|增加|压减|压缩)(至|到|为)?$")


def _verb_ending(phrase: str) -> bool:
    words = dictionary()
    tail = phrase.rstrip("了")
    return len(tail) >= 2 and words.get(tail[-2:], "") in ("v", "vn")


def _measure(text: str, seg_start: int, s: int, e: int, previous: str) -> str:
    """What the number counts: the clause before it, or before and after it when what stands
    before is only a verb (上线53个主题套餐) or a qualifier (区级1277项政务事项)."""
    before = text[seg_start:s]
    listed = "、" in before.strip("、")  # A、B、C等9项改革成果: the count is of what follows
    new_item = before.endswith("、")  # 区级四套班子、19家党群机关: a new item of a list begins
    before = re.sub(r"[“”\"]", "", before)
    before = _LEAD.sub("", before)
    before = _TRAIL.sub("", before.strip("、")).strip()
    nickname = re.search(r"等“[^”]+”$", text[seg_start:s])
    if nickname:  # 成功化解重大疑难案件等“疑难杂症”299件: the plain words say what is counted
        before = _LEAD.sub("", text[seg_start:seg_start + nickname.start()]).strip()
    elif re.search(r"等(方面|领域)?$", before):  # 审查涉权涉法文件及合同协议等85件
        before = re.sub(r"等(方面|领域)?$", "", before)
    elif "等" in before:  # 办理涉及基层医疗、农村水源等方面代表建议 → 办理代表建议
        head = re.match(r"^[\u4e00-\u9fff]{2}", before)
        tail = re.split(r"等方面|等领域|等", before)[-1]
        before = (head.group(0) if head and not tail.startswith(head.group(0)) else "") + tail
    after_m = re.match(r"(?:\d+)?[\u4e00-\u9fff“”]{1,20}", text[e:e + 24])
    after = _AFTER_END.split(re.sub(r"[“”]", "", after_m.group(0)))[0] if after_m else ""
    if (listed or new_item) and len(after) >= 2:
        lead = re.match(r"^(?:在|对|将)?([\u4e00-\u9fff]{2})", before)
        verb = lead.group(1) if lead and dictionary().get(lead.group(1)) == "v" and not new_item else ""
        return verb + _up_to_verb(after)
    if _CHANGE.match(before) and previous:
        return previous  # 满意率从83%上升至97%: the same measure
    if before.endswith(("及", "和", "与")):
        return after if len(after) >= 2 else before[:-1]
    if len(before) <= 2 or _verb_ending(before):
        joined = before + _up_to_verb(after)
        measure = joined if len(joined) >= 2 else ""
    else:
        measure = before
    if previous and len(measure) <= 3 and (measure.endswith("率") or dictionary().get(measure) == "v"):
        overlap = max((k for k in range(1, len(measure)) if previous.endswith(measure[:k])), default=0)
        return previous + measure[overlap:]  # 办理行政复议案件83件,办结77件 → 办理行政复议案件办结
    return measure


def _object_of(measure: str) -> str:
    """集中公开现行有效行政规范性文件 → 现行有效行政规范性文件: the measure without its leading verbs."""
    words = dictionary()
    while len(measure) > 4 and words.get(measure[:2]) in ("v", "vd", "ad", "d"):
        measure = measure[2:]
    return measure


def _up_to_verb(phrase: str) -> str:
    """青年党员干部担任全县… → 青年党员干部: a noun phrase ends where its predicate starts."""
    m = _PREDICATE.search(phrase, 2)
    return phrase[: m.start()] if m else phrase


def _area(report: Report, mentions: Sequence[Mention], seg_start: int, s: int) -> Optional[str]:
    """An institution the clause or its sentence starts with; otherwise the reporting division."""
    text = report.source.norm
    bodies = [m for m in mentions if m.kind == "Institution"]
    for m in bodies:
        if seg_start <= m.start <= seg_start + 1 and m.end <= s:
            return m.key
    sent = report.sentence_at(s)
    if sent is None:
        return None
    lead = _ORG_START.match(text, sent.start)
    first = lead.end() if lead else sent.start
    for m in bodies:
        if m.start == first and m.end <= s:
            if re.match(r"[、和及与]", text[m.end:m.end + 1]):
                return None  # 区委、区政府…: the district as a whole
            return m.key
    return None

