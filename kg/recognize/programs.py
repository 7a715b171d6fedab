"""Programs: named initiatives, reforms, mechanisms, campaigns, working methods, service brands.

Most are quoted and followed by their head noun (“放管服”改革, “1234”家门口就业工作模式):
the label takes the head, the quoted part stays as an alternative.  Others are
listed as reform results (A、B、C等9项改革成果), named by a verb and a system or
mechanism (建立行政机关负责人出庭应诉制度), or national programs written plainly
(行政执法三项制度).  Slogans and outcome phrases (实现…的“两降一升”, “头雁”作用,
依法决策、科学决策) are not programs.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from ..data import national_programs, program_heads, short_name, words
from ..keys import name_key, plain_name, program_key
from ..model import Doc, Findings, Mention, Report
from .text import body_ranges, clause_cue, dictionary, first_longest, is_cjk, scan

_STOP = set("的和与及或、，,。；;：:在对为由向从将把被是了等各其该每之“”《》()（）")
_LIST = re.compile(r"((?:[^，,。；;：:！!]{2,40}、)+[^，,。；;：:！!、]{2,40}?)(?:等)?(?:\d+|[一二三四五六七八九十两]+)(?:项|个|种)"
                   r"(?:改革成果|改革举措|创新举措|举措|成果)")
_VERB_HEAD = re.compile(r"(?:(?:深化|推进|实施|推行|启动|加快)([\u4e00-\u9fff]{2,12}?(?:体制改革|制度改革|改革))"
                        r"|(?:建立|推行|实行|执行|落实|深化)([\u4e00-\u9fff]{4,14}?(?:三项制度|责任制|负责制|承诺制|制度))"
                        r"|(?:建立|推行|推进|构建)([\u4e00-\u9fff]{6,16}?机制)"
                        r"|(?:开展|深入开展|组织开展|深入践行|践行|推进)([\u4e00-\u9fff]{4,20}?(?:专项行动|专项整治)))"
                        r"(?:工作)?(?![\u4e00-\u9fff])")
_LOCAL_BRAND = r"(?:法治|平安|数字|智慧|美丽|健康|文明)"


def _leading(name: str) -> int:
    """How many characters of leading verbs and adverbs open ``name`` (建立健全…, 进一步推进…)."""
    lead = words("leading") | words("adverb")
    i, moved = 0, True
    while moved:
        moved = False
        for w in sorted(lead, key=len, reverse=True):
            if name.startswith(w, i):
                i += len(w)
                moved = True
                break
    return i


def _outcome_after(text: str) -> bool:
    return text.startswith("的") or any(text.startswith(w) for w in words("outcome"))


_GENERIC_HEAD = re.compile(r"(工作机制|机制|工作制度|制度|工作模式|模式|体系)$")


def _canonical(label: str) -> Optional[str]:
    """The national program a name is (包容审慎监管机制 is 包容审慎监管 with its generic head)."""
    table = national_programs()
    key = name_key(label)
    return table.get(key) or table.get(_GENERIC_HEAD.sub("", key))


def _mention(report: Report, start: int, end: int, label: str, alt: Optional[str] = None) -> Mention:
    canonical = _canonical(label)
    alts: list[str] = []
    if canonical and canonical != label:
        alts.append(label)
        label = canonical
    if alt and name_key(alt) != name_key(label):
        alts.append(alt)
    return Mention("Program", start, end, report.source.text[start:end], plain_name(label), program_key(label),
                   alts=tuple(alts))


def _head_after(text: str, pos: int) -> int:
    """Length of the head-noun phrase right after ``pos`` (…工作机制, 改革, 家门口就业工作模式), 0 if none."""
    run = 0
    while pos + run < len(text) and run < 16 and is_cjk(text[pos + run]) and text[pos + run] not in _STOP:
        run += 1
    verb = _RUN_END.search(text, pos, pos + run)
    if verb:  # “X”项目获评…: the name ends where the clause's verb begins
        run = verb.start() - pos
    best = 0
    for k in range(1, run + 1):
        if text[pos:pos + k].endswith(program_heads()):
            nxt = text[pos + k:pos + k + 1]
            if not (nxt and is_cjk(nxt) and text[pos + k - 1:pos + k + 1] in dictionary()):
                best = k
    return best


def recognize(doc: Doc) -> Findings:
    """Program mentions not overlapping what earlier stages found (documents, bodies, honors)."""
    report, division = doc.report, doc.division
    found: list[Mention] = []
    found.extend(_quoted(report))
    found.extend(_listed(report))
    found.extend(_shared_head(report))
    found.extend(_verb_named(report))
    found.extend(_lexicon(report))
    found.extend(_local_brands(report, division))
    taken = doc.spans("PolicyDocument", "Institution", "Honor")
    return Findings(mentions=tuple(first_longest(found, taken)))


_QUALIFIES = re.compile(r"的[\u4e00-\u9fff()（）]{0,16}?(模式|机制|体系|制度)(?=[，,。；;、]|$)")
_RUN_END = re.compile(r"获评|荣获|获得|入选|入围|被|评为|达到|实现|作为|成为|覆盖|上线|启动")
_AWARD_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,4}?(获评|入选|荣获|被评为|被确定为|被命名为|获得)")
_GROUP_GAP = re.compile(r"^(、|和|及|与|以及|,|，)?$")


def _quoted(report: Report) -> Iterator[Mention]:
    """Quoted names, alone or in a run (“A”、“B”和“C”等专项行动): each with the head noun that
    follows it, or the list's head after 等; a name with no head only where a verb governs it."""
    text = report.source.norm
    words = dictionary()
    quotes = [m for m in re.finditer(r"“([^“”\n]{1,30})”", text)]
    groups: list[list[re.Match[str]]] = []
    for m in quotes:
        if groups and _GROUP_GAP.match(text[groups[-1][-1].end():m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    for group in groups:
        last = group[-1]
        list_head = 0
        if text.startswith("等", last.end()):
            list_head = _head_after(text, last.end() + 1)
        elif len(group) > 1:  # “受审分离”“审管分离”改革: the head after the last is every item's
            h = _head_after(text, last.end())
            list_head = h if h else 0
            if list_head:
                h0 = last.end()
                for m in group:
                    q = m.group(1).strip()
                    if q:
                        yield _mention(report, m.start(1), m.end(1) if m is not last else h0 + h,
                                       q + text[h0:h0 + h], alt=q)
                continue
        governed = clause_cue(text, group[0].start()) is not None or bool(_AWARD_AFTER.match(text[last.end():]))
        for m in group:
            q = m.group(1).strip()
            if not q:
                continue
            known = _known_with_prefix(text, m.start(), q + text[m.end():m.end() + _head_after(text, m.end())])
            if known:  # 行政执法“三项制度”: the words before the quote complete a known name
                yield known_mention(report, known, m.end() + _head_after(text, m.end()))
                continue
            if list_head:
                h0 = last.end() + 1
                label = q + text[h0:h0 + list_head]
                yield _mention(report, m.start(1), m.end(1), label, alt=q)
                continue
            head = _head_after(text, m.end())
            if head:
                yield _mention(report, m.start(1), m.end() + head, q + text[m.end():m.end() + head], alt=q)
                continue
            qualified = _QUALIFIES.match(text, m.end())
            if qualified and governed:  # 构建“法定执法+赋权执法+委托执法”的…新模式
                yield _mention(report, m.start(1), m.end(1), q + qualified.group(1), alt=q)
                continue
            if re.fullmatch(r"[\d\W]+", q):
                continue  # a number or code on its own (“1+18+5”) names nothing
            before = text[max(0, group[0].start() - 1):group[0].start()]
            after = text[last.end():last.end() + 3]
            awarded = bool(_AWARD_AFTER.match(text[last.end():]))
            if not governed or (re.search(r"[、，,；;]", q) and not awarded) or before == "的" or _outcome_after(after):
                continue  # a slogan, a goal or an outcome: 依法决策、科学决策; 实现…的“两降一升”; “头雁”作用
            if (q in words and words[q] not in ("nz", "ns")) or re.search(r"\d{4}年", q):
                continue  # an ordinary word in quotes: “一把手”, “关键少数”
            yield _mention(report, m.start(1), m.end(1), q)


def _known_with_prefix(text: str, start: int, name: str) -> Optional[int]:
    """Where a known national program starts, if the 2-6 characters before a quote complete it."""
    table = national_programs()
    for k in range(6, 1, -1):
        lo = start - k
        if lo >= 0 and all(is_cjk(c) for c in text[lo:start]) and name_key(text[lo:start] + name) in table:
            return lo
    return None


def known_mention(report: Report, start: int, end: int) -> Mention:
    written = report.source.norm[start:end]
    return _mention(report, start, end, national_programs()[name_key(written)], alt=written)


def _listed(report: Report) -> Iterator[Mention]:
    """A、B、“C”等9项改革成果: every item of a list of reform results is a program."""
    text = report.source.norm
    for m in _LIST.finditer(text):
        items = _split_outside_quotes(m.group(1))
        pos = m.start(1)
        for i, item in enumerate(items):
            start = pos
            pos += len(item) + 1
            raw = item
            if i == 0:
                lead = re.match(r"^.*?(推出|形成|探索出|打造|建立|构建|围绕)", raw)
                k = lead.end() if lead else 0
                raw, start = raw[k:], start + k
            label = raw.replace("“", "").replace("”", "").strip()
            if 3 <= len(label) <= 25 and not re.search(r"[的在对]", label):
                yield _mention(report, start, start + len(raw), label)


_SHARED_HEAD = re.compile(r"((?:[\u4e00-\u9fff]{3,20}、)+[\u4e00-\u9fff]{3,20}?)(?:[一二三四五六七八九十两]|\d+)(?:项|个|大)"
                          r"(工作机制|机制|制度|工作模式|模式|体系)(?![\u4e00-\u9fff])")


def _shared_head(report: Report) -> Iterator[Mention]:
    """建立A、B、C三项机制: each item with the head they share (A机制, B机制, C机制)."""
    text = report.source.norm
    for m in _SHARED_HEAD.finditer(text):
        pos = m.start(1)
        for i, item in enumerate(m.group(1).split("、")):
            start = pos
            pos += len(item) + 1
            if i == 0:
                k = _leading(item)
                item, start = item[k:], start + k
            if len(item) >= 4:
                yield _mention(report, start, start + len(item), item + m.group(2), alt=item)


def _split_outside_quotes(s: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _verb_named(report: Report) -> Iterator[Mention]:
    """建立行政机关负责人出庭应诉制度, 推进包容审慎监管机制, 深化行政复议体制改革."""
    text = report.source.norm
    for m in _VERB_HEAD.finditer(text):
        g = next(k for k in (1, 2, 3, 4) if m.group(k))
        name = m.group(g)
        start = m.start(g)
        k = _leading(name)
        name, start = name[k:], start + k
        if re.search(r"[和及与、]", name):
            continue  # 检查通报和责任追究制度: two things, not one named system
        stem = re.sub(r"(体制改革|制度改革|改革|责任制|负责制|承诺制|工作机制|机制|三项制度|制度|工作法|专项行动|专项整治|行动)$", "", name)
        if len(stem) < 2 or stem in words("generic") or (len(stem) <= 2 and stem in dictionary()):
            continue
        yield _mention(report, start, start + len(name), name)


def _lexicon(report: Report) -> Iterator[Mention]:
    text = report.source.norm
    table = national_programs()
    for lo, hi in body_ranges(report.source):
        for s, e, canonical in scan(text[lo:hi], table):
            s, e = s + lo, e + lo
            yield _mention(report, s, e, canonical, alt=text[s:e])


def _local_brands(report: Report, division: Optional[Mention]) -> Iterator[Mention]:
    """法治硚口建设, 平安石景山: the district's own rule-of-law and safety brands."""
    if division is None:
        return
    text = report.source.norm
    for name in sorted({division.label, short_name(division.label)}, key=len, reverse=True):
        for m in re.finditer(_LOCAL_BRAND + re.escape(name) + "(建设)?", text):
            label = m.group(0) if m.group(1) else m.group(0) + "建设"
            yield _mention(report, m.start(), m.end(), label, alt=m.group(0))
