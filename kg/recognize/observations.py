"""Figures: every number with a unit that counts or measures something about an area or a body.

A figure is read in four steps, each a general rule of how reports write numbers; the words
the rules consult are the closed classes of ``kg/data/measures.tsv``, the units those of
``kg/data/units.tsv``:

1. **The quantity**: Arabic or Chinese numerals, 万/亿 multipliers, 百分之, approximation words
   (近, 约, 余, 以上).  Never a date, an ordinal or a rank (第N批), the session of a meeting
   (N届M次), a rule (每年至少N次), a code or a number inside quotes, a title or a name (a
   well-known numbered name of ``kg/data/numbered_names.tsv`` too: 八项规定), an article (一个), a
   word that merely contains a numeral (an idiom), a numeral in words that restates how many
   items the list before it has (A、B和C三支力量), a fraction, an adverb or a time of day
   (三分之一, 十分, 8点30分), or a duration that is a deadline or a condition rather than the
   value of its clause (N个工作日内).
2. **The measure**: the noun phrase the number counts or measures, built from its clause by
   the grammar of Chinese counting (``_Clause``): the object of the verb before the number
   (V O N件); the verb and the counted noun after it (V N个O → V O); a counted noun with its own
   predicate becomes a relative phrase (V N名X VP → VP的X); a rate phrase (X率达N%); a change,
   a share or a total takes the measure it is about from the figure before it (…,同比增长N%;
   …,占N%; …,总量突破N户), and changes listed after figures pair with them in order; a figure
   given to each item of a list makes one observation per item, the items sharing the subject
   the first opens with and the tail the last ends with (A考试参考率、合格率均达100%; A、B办复率;
   A和B分别增长x、y); a part of a breakdown names its part and the whole (X N件,其中A x件、B y件;
   X N件(A x件、B y件); X中,A x件); a part or a property alone (任务, 权重) is of what the clause
   before names; a bare verb counts what its sentence, else the sentence before, counted.
   Leading time, scope, connective and framing words are never part of a measure, but the topic
   a framing word names is (围绕X开展督察 → X督察).
3. **The area**: the body or division the figure is about — the body, or the place followed by
   its predicate, that opens its clause (an item of a breakdown opens its own), the body whose
   meeting it counts, the division a scope word names (全县, 我区) or the department a
   department's report names itself by (我局, 局党组), the subject of the sentence when the clause
   has none, what the figure a change, a share or a total is of is about; otherwise the reporting
   division (None).
4. **The indicator**: the concept of the indicator scheme (``kg/data/indicators.tsv``) the measure
   belongs to, which makes figures comparable across divisions and years.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Iterator, NamedTuple, Optional

from ..data import divisions, figure_words, indicators, numbered_names, units
from ..keys import division_key, indicator_key
from ..model import Doc, Findings, Mention, Observation
from .clauses import DEPARTMENT_SELF, own_department
from .numbers import CN_NUMBER, to_decimal
from .text import CLAUSE_MARKS, alternation, bracketed_spans, dictionary, quoted_spans, scan, segment, starts, up_to_last

# ---------------------------------------------------------------- the grammar, compiled once


@lru_cache(maxsize=1)
def _quantity_rx() -> "re.Pattern[str]":
    num = rf"\d+(?:\.\d+)?|[{CN_NUMBER}]+"
    # a multiplier that begins a unit (千 of 千米) is the unit's
    owned = "".join(f"(?!{re.escape(u[1:])})" for u in units() if len(u) > 1 and u[0] in "万亿千")
    # The lookaheads in front of the multiplier and the unit say at once where none begins: the
    # pattern is tried at every numeral, and most numerals (一是, 统一) are no count.
    mult = rf"(?=[十百千万亿])(?:[十百千]?[万亿]{owned}|千{owned})"
    # A quantity begins with a digit, a numeral, 百 (of 百分之) or the first character of an
    # approximation word: the lookahead in front turns every other position of the text away at once.
    firsts = "".join(sorted({w[0] for w in figure_words("approx_before")}))
    return re.compile(
        rf"(?=[\d百{CN_NUMBER}{re.escape(firsts)}])"
        rf"(?P<pre>{alternation(figure_words('approx_before'))})?(?:(?P<pct>百分之(?:\d+(?:\.\d+)?|[{CN_NUMBER}]+))"
        rf"|(?P<num>{num})[ \t]*(?P<mult>{mult})?(?P<ap1>余|多)?(?P<mult2>{mult})?"
        rf"{starts(units())}(?P<unit>{alternation(list(units()))}))"
        rf"(?P<ap2>{alternation(figure_words('approx_after'))})?")


_NUMBER_GOES_ON = CN_NUMBER + ".+-/:：~～—"  # a numeral or a digit after these is part of a longer number
_SESSIONS = re.compile(rf"届[\d{CN_NUMBER}]+次(?:[、和及][\d{CN_NUMBER}]+次)*")  # 届N次、M次: sessions of a meeting


_SEP = CLAUSE_MARKS
_OPEN, _CLOSE = "(（", ")）"
_QUOTES = re.compile(r"[“”\"「」『』《》]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMERAL = re.compile(rf"[\d{CN_NUMBER}]")
_JOIN = re.compile(r"[、和及与]|以及")  # what joins the items of a list
_LISTED = re.compile(r"\s*(?:[、和及与]|以及)")
_COMPARED = re.compile(r"[较比于]$")  # a year after these is the base of a comparison
_SPACE = re.compile(r"\s")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_YEAR_WORD = r"(?:19|20)\d{2}年"


@lru_cache(maxsize=1)
def _time_rx() -> "re.Pattern[str]":
    """Time expressions, which are never part of a measure (the year is kept apart)."""
    # Each begins with a preposition, a digit, a numeral, a quote, 近/连续, 上/下半年 or the first
    # character of a time word: the lookahead in front turns every other position away at once
    # (phrases are cleaned of times by trying the pattern at each of their positions).
    firsts = "".join(sorted({w[0] for w in figure_words("timeword")}))
    return re.compile(
        rf"(?=[从自于在截到\d“\"一二三四五六七八九十两近连上下{re.escape(firsts)}])"
        rf"(?:从|自|于|在|截至|截止到?|到)?(?:{_YEAR_WORD}(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?(?:以来|底|末|初|年底|年末|前|后|起|度)?"
        r"|\d{1,2}月(?:\d{1,2}日)?(?:以来|起)?|[“\"]?十[一二三四五六七八九]五[”\"]?(?:期间|以来|时期)"
        r"|[一二三四五六七八九十两\d]+年(?:间|来|以来|中)|[一二三四五六七八九十两]+年(?=年均)|(?:近|连续)[一二三四五六七八九十两\d]+年|上半年|下半年"
        rf"|{alternation(figure_words('timeword'))})(?:的|起|来)?")


def _without_periods(phrase: str) -> str:
    """A change phrase without its time expressions, except the time it is measured against
    (较YYYY年, 相当于YYYY年的)."""
    def keep(m: "re.Match[str]") -> str:
        compared = re.search(r"[较比于为从]$", phrase[:m.start()]) or m.group(0)[:1] in "较比于为从"
        return m.group(0) if compared else ""
    return _time_rx().sub(keep, phrase)


_ORDINAL_ITEM = re.compile(r"(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])")
_VERB_TAGS = frozenset(("v", "vd", "vi", "vg", "vn"))


@lru_cache(maxsize=1)
def _classes() -> dict[str, frozenset[str]]:
    names = ("lead", "link", "change", "baseline", "rate", "share", "total", "adverb", "prep", "verb", "topic",
             "scope", "distribute", "ordinal", "approx_after", "frame", "about", "handle", "attendee", "light", "determiner")
    return {c: frozenset(figure_words(c)) for c in names}


@lru_cache(maxsize=1)
def _edge_rx() -> dict[str, "re.Pattern[str]"]:
    """Patterns that peel words off the edges of a phrase, longest word first."""
    w = figure_words
    scope = rf"(?:全|我|本|该)(?:{alternation(w('scope'))})"
    return {
        "lead": re.compile(rf"^(?:{alternation(w('lead'))}|(?:在|对|为)?{scope}|[、和及与\s])+"),
        # what a clause may open with before its subject: lead words, times and ordinals, in any
        # order; each taken whole where it stands (atomic), as many times as they follow each other
        "opening": re.compile(rf"(?:(?>(?:{alternation(w('lead'))}|(?:在|对|为)?{scope}|[、和及与\s])+)?"
                              rf"(?>{_time_rx().pattern})?(?>{_ORDINAL_ITEM.pattern})?){{0,6}}"),
        "tail": re.compile(rf"(?:{alternation(w('link') + w('lead'))}|{scope}|[、和及与\s])+$"),
        "scope": re.compile(rf"(?:{alternation(w('lead'))}|[\s])*(全|我|本|该)({alternation(w('scope'))})"),
        "change": re.compile(rf"^(?:{alternation(w('baseline'))}|较|比|相当于)?.{{0,10}}?(?:{alternation(w('change'))}|相当于.*的|为.*的)(?:了|为|到|至)?$"),
        "baseline": re.compile(rf"^(?:{alternation(w('baseline'))})+"),
        "rate": re.compile(rf"(?:{alternation(w('rate'))})$"),
        "share": re.compile(rf"(?:的)?(?:{alternation(w('share'))})(?:比)?$"),
        "total": re.compile(rf"^(?:{alternation(w('total'))})$"),
        "part": re.compile(rf"^.{{0,4}}(?:{alternation(w('part'))})$"),
        "distribute": re.compile(rf"(?:{alternation(w('distribute'))})(?P<rest>[^、]{{0,12}})$"),
        "distributing": re.compile(starts(w("distribute"))),  # where one of them may begin
        "topic": re.compile(rf"(?:涉及|包括|围绕|针对|聚焦)[^，。；]*?等(?:{alternation(w('topic'))})"),
        "anaphor": re.compile(rf"^(?:这一|这些|这个|该|此|上述)|^(?:较|比|从|与|同)?(?:{_YEAR_WORD}|上年|去年|同期)(?:的|同期)?$"),
        "frame": re.compile(rf"^(?:{alternation(w('frame'))})"),
        "about": re.compile(rf"^(?:{alternation(w('about'))})"),
        "light": re.compile(rf"(?:{alternation(w('lead'))})*(?:{alternation(w('light'))})$"),
        "opens_light": re.compile(rf"(?:{alternation(w('light'))})(?=..)"),
        "opens_lights": re.compile(rf"^(?:{alternation(w('light'))})+(?=..)"),
        "verb": re.compile(alternation([v for v in w('verb') if len(v) >= 2])),
        "done_end": re.compile(rf"(?:{alternation(w('change') + w('baseline') + w('handle'))}|新增)$"),
        "handle_end": re.compile(rf"(?:{alternation(w('handle'))})$"),
        "baseline_any": re.compile(alternation(w("baseline"))),
        "determiner": re.compile(rf"^(?:{alternation(w('determiner'))})"),
        "ordinal": re.compile(rf"(?:{alternation(w('ordinal'))})\Z"),
    }


def _lexicon_tag(word: str) -> str:
    """A word's part of speech: the measure grammar's own classes first, then jieba's dictionary."""
    return _grammar_words().get(word) or dictionary().get(word, "")


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The words of text[lo:hi] (see ``_words``), where they stand in ``text``."""
    return [(lo + a, lo + b, tag) for a, b, tag in _words(text[lo:hi])]


@lru_cache(maxsize=8192)
def _words(phrase: str) -> tuple[tuple[int, int, str], ...]:
    """The words of a phrase (jieba's dictionary and the grammar's own), with their tags.  A single
    character has a tag only from the grammar's classes: the dictionary's tags of characters say what
    they are alone, not inside a word the dictionary lacks.  Read whole phrases with this (kept for
    each phrase), spans of a text with ``_tokens``."""
    grammar = _grammar_words()
    return tuple((a, b, tag if b - a > 1 else grammar.get(phrase[a:b], ""))
                 for a, b, tag in segment(phrase, 0, len(phrase), grammar))


@lru_cache(maxsize=1)
def _grammar_words() -> dict[str, str]:
    c = _classes()
    return {**{w: "p" for w in c["prep"]}, **{w: "d" for w in c["adverb"]}, **{w: "v" for w in c["verb"]}}


def _last_word_tag(phrase: str) -> str:
    for n in (4, 3, 2, 1):
        if len(phrase) >= n:
            tag = _lexicon_tag(phrase[-n:])
            if tag or n == 1:
                return tag
    return ""


def _is_verb_end(phrase: str) -> bool:
    return bool(phrase) and _last_word_tag(phrase.rstrip("了")) in _VERB_TAGS


# ---------------------------------------------------------------- 1. quantities

class Quantity(NamedTuple):  # immutable; a named tuple is made five times faster than a frozen dataclass
    start: int
    end: int
    value: Decimal
    unit: str
    written: str
    approximate: bool
    kind: str


def quantities(doc: Doc) -> list[Quantity]:
    """Every number with a unit in the report that is a figure (see the module's docstring)."""
    text = doc.text
    report = doc.report
    blocked = bracketed_spans(text) + quoted_spans(text) + [(f.start, f.end) for f in report.source.furniture]
    blocked += [m.span for m in doc.mentions if m.kind in ("PolicyDocument", "Program", "Honor")]
    blocked += [(m.start(), m.end()) for m in _SESSIONS.finditer(text)]
    blocked += [(a, b) for a, b, _ in scan(text, numbered_names())]
    starts, ends = _merged(blocked)
    kinds = units()
    words = dictionary()
    ordinal = _edge_rx()["ordinal"]
    # an ordinal word ends right before its number: where no word of the class ends, none is searched for
    ordinal_ends = {w[-1] for w in _classes()["ordinal"]}
    out: list[Quantity] = []
    for m in _quantity_rx().finditer(text):
        pre, percent, num, mult, ap1, mult2, unit, ap2 = m.groups()  # read at once, in the pattern's order
        s, e = m.span()
        ns, ue = m.span("pct") if percent else (m.start("num"), m.end("unit"))
        k = bisect_right(starts, ns) - 1
        if k >= 0 and ue <= ends[k]:
            continue  # inside a title, a quote, a name, web furniture or a meeting's session
        if ns > 0 and (text[ns - 1].isdigit() or text[ns - 1] in _NUMBER_GOES_ON):
            continue  # part of a longer number, a code or a date (1+18+5, 2022-03-31)
        o = ordinal.search(text, max(0, ns - 4), ns) if text[ns - 1:ns] in ordinal_ends else None
        if o is not None and (o.end() - o.start() > 1 or text[max(0, ns - 2):ns] not in words):
            continue  # 第N批, 每年至少N次 — but a word that ends in 前 (目前) is no ordinal
        if percent:
            value = to_decimal(percent)
            if value is not None:
                out.append(Quantity(s, e, value, "%", "%", bool(pre or ap2), "rate"))
            continue
        if not num[0].isdigit():
            if num in ("百", "千", "万", "亿") and (ap1 or ap2):
                num = "一" + num  # 百余场, 万余人次: about a hundred, about ten thousand
            elif num == "一" or num[0] in "百千万亿":
                continue  # 一个: an article; a bare 千/万: not a count (千家万户)
            if any(text[ns:ns + n] in words for n in (4, 3) if ns + n > ue):
                continue  # a word that contains a numeral (an idiom)
            if _restates_list(text, ns, num):
                continue  # A、B和C三支力量: the numeral says how many items the list before has
        if _unit_starts_word(text, ue - len(unit), ue, unit):
            continue  # N部门, N期间: the unit's character begins another word
        kind = kinds[unit]
        if kind == "score" and (not num[0].isdigit() or text.startswith("之", ue) or text[ns - 1:ns] in ("点", "时")):
            continue  # 三分之一, 十分, 8点30分: a fraction, an adverb, a time of day
        if kind == "time" and not _closes_clause(text, e):
            continue  # a deadline or a condition (N个工作日内, N小时内), not a measured duration
        multiplier = (mult or "") + (mult2 or "")
        value = _value(num, multiplier)
        if value is None:
            continue
        approx = bool(pre or ap1 or ap2)
        out.append(Quantity(s, e, value, unit, multiplier + unit, approx, kind))
    return out


@lru_cache(maxsize=4096)
def _value(num: str, multiplier: str) -> Optional[Decimal]:
    """What a number written so is worth, read once for each way it is written: a report writes
    the same few numbers again and again (1件, 2个)."""
    return to_decimal(num, multiplier)


_LIST_ITEM = re.compile(r"(?:[、和及与]|以及)([^、和及与，,。；;：:！!？?\s“”《》()（）]{1,10})$")


def _list_before(text: str, pos: int) -> tuple[int, int]:
    """How many items the list of short items that ends at ``pos`` has, and where its second item
    starts (1 and ``pos``: no list)."""
    items, end = 1, pos
    for _ in range(10):
        m = _LIST_ITEM.search(text, max(0, end - 14), end)
        if m is None:
            break
        items, end = items + 1, m.start()
    return items, end


def _restates_list(text: str, ns: int, num: str) -> bool:
    """Whether a numeral in words right after a list only restates how many items it has (A、B和C
    三支力量, A、B两条链上的企业): the list is what the clause is about, not what a verb made or
    did (分设A、B、C三个小组 counts the groups set up)."""
    items, end = _list_before(text, ns)
    if items < 2 or to_decimal(num) != items:
        return False
    lo = _clause_bounds(text, end, end)[0]
    first = _skip_lead(text, lo, end)
    toks = _tokens(text, first, min(end, first + 4))
    return not toks or not (toks[0][2] in _VERB_TAGS or text[toks[0][0]:toks[0][1]] in _classes()["verb"])


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Spans merged where they overlap: their starts and ends, sorted (for bisection)."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _unit_starts_word(text: str, us: int, ue: int, unit: str) -> bool:
    """Whether the unit's characters begin a longer word (N部门, N期间) rather than end a count.
    When the next characters also make a word of their own (N个人民…), the unit stands."""
    words = dictionary()
    for n in (3, 2):
        if n > len(unit):
            w = text[us:us + n]
            if w in words and len(w) == n and w.startswith(unit):
                rest = text[ue:ue + 2]
                return not (len(rest) == 2 and rest in words)
    return False


def _closes_clause(text: str, e: int) -> bool:
    return e >= len(text) or text[e] in _SEP or text[e] in _CLOSE


# ---------------------------------------------------------------- 2. the clause of a figure

class _Clause(NamedTuple):  # immutable, made once per figure (a named tuple: see Quantity)
    """What stands around one quantity: the phrase before it (``before``, cleaned) and its kind,
    the counted noun after it (``noun``) and that noun's own predicate (``predicate``)."""

    lo: int  # where the clause starts
    hi: int  # where it ends
    raw: str  # the phrase before the number (after the figure before it in the clause), as written
    before: str  # …cleaned of time, scope, connective and link words
    kind: str  # empty | verb | noun | prep | coord | mod | rate | share | change | total | anaphor
    change: str  # for a change: the phrase with its time of comparison kept (相当于YYYY年的)
    noun: str  # the counted noun after the unit (N名干部 → 干部)
    predicate: str  # what the counted noun does, with the noun of 的 that it governs
    listed: bool  # the figure is an item of a list (…、N家X)
    examples: bool  # the figure counts a list of examples before it (A、B等N个X)
    year: Optional[int]
    distribute: tuple[str, ...]  # items that each get the figure (A率、B率均…)
    shared: str  # what the items share after the distributing word (分别增长 → 增长)


_BREAK = "".join(sorted(set(_SEP + _OPEN + _CLOSE)))
_NEXT_BREAK = re.compile(rf"[{re.escape(_BREAK)}]")
_UP_TO_BREAK = up_to_last(_NEXT_BREAK)  # matched from a point, it ends past the last break before a limit
_HAS_SEP = re.compile(rf"[{re.escape(_SEP)}]")


def _clause_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    """Where the clause around text[s:e] starts and ends: at a stop, a comma or a bracket, at most
    80 characters back and 60 on; a short aside in brackets stays in the clause."""
    lo, floor = s, max(0, s - 80)
    while lo > floor:
        m = _UP_TO_BREAK.match(text, floor, lo)
        if m is None:
            lo = floor
            break
        k = m.end() - 1
        if text[k] in _CLOSE:
            opening = max(text.rfind("(", 0, k + 1), text.rfind("（", 0, k + 1))
            if opening >= 0 and k + 1 - opening <= 12 and not _HAS_SEP.search(text, opening, k + 1):
                lo = opening
                continue
        lo = k + 1
        break
    hi, ceil = e, min(len(text), e + 60)
    while hi < ceil:
        m = _NEXT_BREAK.search(text, hi, ceil)
        if m is None:
            hi = ceil
            break
        k = m.start()
        if text[k] in _OPEN and k != e:
            close = min((i for i in (text.find(")", k, k + 9), text.find("）", k, k + 9)) if i > 0), default=-1)
            if close >= 0 and not _HAS_SEP.search(text, k, close):
                hi = close + 1
                continue
        hi = k
        break
    return lo, hi


@lru_cache(maxsize=4096)
def _peel(phrase: str) -> str:
    """A phrase without the lead, scope and link words at its edges."""
    edge = _edge_rx()
    for _ in range(4):
        before = phrase
        phrase = edge["lead"].sub("", phrase)
        item = _ORDINAL_ITEM.match(phrase)
        phrase = phrase[item.end():] if item else phrase
        phrase = edge["tail"].sub("", phrase)
        if phrase.endswith("等") and len(phrase) > 2:
            phrase = phrase[:-1]
        if phrase == before:
            break
    return phrase.strip("、的 ")


@lru_cache(maxsize=4096)
def _clean(phrase: str) -> str:
    phrase = _time_rx().sub("", _QUOTES.sub("", phrase)).strip()
    phrase = _edge_rx()["topic"].sub("", phrase)
    phrase = _unframe(_peel(_without_examples(phrase)))
    done = _edge_rx()["light"].search(phrase)
    if done and done.start() >= 2:
        phrase = _peel(phrase[:done.start()])  # NP共开展N场: what was done, not that it was
    return phrase


def _without_examples(phrase: str) -> str:
    """A long list of examples ending in 等 says what kind of thing is counted, not what is counted:
    V A、B、C等N → V N.  A short one stays, it names the things (V A、B等N)."""
    k, end = phrase.find("、"), phrase.rfind("等")
    if k < 0 or end < k:
        return phrase
    first = k - max(len(i) for i in phrase[k + 1:end].split("、"))  # the first item is about as long as the others
    start = 0
    for a, b, tag in _tokens(phrase, 0, k):
        if (tag in ("v", "vd", "vi", "p") or phrase[a:b] in _classes()["verb"]) and b <= max(first, 0):
            start = b  # the list begins after the verb before it
    intro = re.search(r"(?:涉及|包括|围绕|针对|聚焦|覆盖)$", phrase[:start])
    if intro:
        start = intro.start()
    if end + 1 - start > 10 and len(_peel(phrase[end + 1:])) >= 2:
        return phrase[:start] + phrase[end + 1:]
    return phrase


def _unframe(phrase: str) -> str:
    """结合/依托/以… V O → V O: a phrase framing the action by its means goes; one naming its topic
    stays in front of what was done (围绕X开展专项督察 → X专项督察)."""
    edge = _edge_rx()
    about = edge["about"].match(phrase)
    frame = about or edge["frame"].match(phrase)
    if not frame:
        return phrase
    cut = None
    for a, b, tag in _tokens(phrase, frame.end(), len(phrase)):
        if tag in ("v", "vd", "vi") and b < len(phrase):
            cut = a
    if not cut:
        return phrase
    action = phrase[cut:]
    topic = _topic_of(phrase[frame.end():cut]) if about else ""
    if topic:
        light = edge["opens_light"].match(action)
        return topic + (action[light.end():] if light else action)
    return action


def _topic_of(phrase: str) -> str:
    """The topic a framing phrase names, without what is done to it (X的贯彻落实 → X); "" when it
    only points back (其, 此) or is no noun phrase."""
    k = phrase.rfind("的")
    if k >= 0:
        rest = phrase[k + 1:]
        toks = _words(rest)
        if not toks or toks[0][2] in _VERB_TAGS or toks[0][2] in ("i", "l") or rest[:toks[0][1]] in _classes()["verb"]:
            phrase = phrase[:k]
    if len(phrase) < 2 or re.match(r"(?:其|此|这|该|上述)", phrase) or _names_action(phrase):
        return ""  # a pronoun, or a slogan or a task rather than a named topic
    return phrase


def _verb_inside(text: str, a: int, b: int) -> Optional[int]:
    """Where a verb of the grammar starts inside a dictionary word (a noun-verb compound), if it does."""
    rx = _edge_rx()["verb"]
    for p in range(a, b):
        if rx.match(text, p):
            return p
    return None


def _noun_after(text: str, e: int, hi: int) -> tuple[str, int]:
    """The noun a count classifies (N名X干部担任… → X干部): words after the unit up to a verb, an adverb,
    a preposition, 的 or a list that goes on with another count.  A short group in brackets stays
    with it (乡镇(街道))."""
    c = _classes()
    end = e
    limit = min(hi, e + 16)
    toks = _tokens(text, e, limit)
    k = 0
    while k < len(toks):
        a, b, tag = toks[k]
        w = text[a:b]
        k += 1
        if w in _OPEN and end > e:
            close = min((i for i in (text.find(")", a, a + 10), text.find("）", a, a + 10)) if i > 0), default=-1)
            if close < 0:
                break
            end = close + 1
            while k < len(toks) and toks[k][0] < end:
                k += 1
            continue
        if w in ("和", "及", "与"):
            if end > e and not _starts_count(text, b):
                end = b
                continue
            break
        if w in "“”\"":
            continue  # quotes inside the noun (N项“X”台账)
        if w == "、" and end > e and k < len(toks) and not _starts_count(text, b) and _HAN.match(text, b, b + 1) \
                and not _counted_item(text, b):
            nxt = toks[k]
            if nxt[2] not in ("v", "vd", "vi") and text[nxt[0]:nxt[1]] not in c["verb"]:
                end = b  # N个市、县(区): one list of kinds
                continue
        if (w in ("的", "、", "或") or w in c["adverb"] or w in c["prep"] or w in c["approx_after"]
                or w in c["link"] and (len(w) > 1 or w in "为是有达在") or len(w) == 1 and tag in ("p", "d", "u", "r") or tag == "c"):
            break
        if tag in ("v", "vd", "vi", "i", "l", "ad") or w in c["verb"]:
            if end > e or len(w) == 1:
                break
        if w.isdigit():
            if text[e:a].isdigit() or a == e:
                end = b  # N个24小时X: a number that opens the noun is part of it
                continue
            break  # X、Y86人: the next item's count
        if not _HAN.match(w) and not w.isdigit():
            break
        inner = _verb_inside(text, a, b)
        if inner is not None and end > e:
            end = max(inner, end)
            break
        end = b
    noun = text[e:end]
    if not noun or len(noun) == 1 and not (noun in c["scope"] or _lexicon_tag(noun) in ("n", "ns", "zg")):
        return "", e
    if noun in dictionary() and dictionary()[noun] in ("d", "p", "c", "u", "m", "f", "r"):
        return "", e
    return noun, end




_ITEM_AND_COUNT = re.compile(r"([^、，,。；;：:\d]{1,8})\d")


def _counted_item(text: str, pos: int) -> bool:
    """Whether the list item at ``pos`` is a noun with a count of its own after it (X、Y86人)."""
    m = _ITEM_AND_COUNT.match(text, pos)
    if m is None:
        return False
    item = m.group(1)
    return not any(tag in ("p", "c") or item[a:b] in _classes()["prep"] or tag in _VERB_TAGS
                   for a, b, tag in _words(item))


def _starts_count(text: str, pos: int) -> bool:
    return bool(_NUMERAL.match(text, pos, pos + 1))


def _predicate_after(text: str, pos: int, hi: int, at: dict[int, Quantity], nouns: dict[int, int]) -> str:
    """What a counted noun does, read after it: adverbs, then a verb to the end of the clause.
    Other items of the same list (、27个…和9个…, 以及县直部门) and a noun it owns (…的法治政府建设情况)
    come before their shared predicate."""
    c = _classes()
    for _ in range(6):  # skip the rest of a list
        m = _JOIN.match(text[pos:pos + 2])
        if not m:
            break
        nxt = pos + m.end()
        if nxt in at:
            pos = nouns.get(nxt, at[nxt].end)
            continue
        noun, end = _noun_after(text, nxt, hi)
        if not noun:
            break
        pos = end
    owned = ""
    if text.startswith("的", pos):
        if pos + 1 in at:
            q = at[pos + 1]
            end = nouns.get(q.start, q.end)
            owned, pos = text[q.end:end], end
        else:
            noun, end = _noun_after(text, pos + 1, hi)
            if not noun:
                return ""
            owned, pos = noun, end
    verb_at = None
    adverb = False
    for a, b, tag in _tokens(text, pos, hi):
        w = text[a:b]
        if w in c["adverb"] or tag == "d" or w in c["lead"]:
            adverb = True
            continue
        if tag in ("v", "vd", "vi", "i", "l", "ad") or w in c["verb"] or adverb and tag == "vn":
            verb_at = a
        elif w in ("在", "于", "向", "从"):
            verb_at = a  # 在X即可V: a place before the verb
        break
    if verb_at is None:
        return ""
    phrase = _time_rx().sub("", _strip_figures(text[verb_at:hi]))
    phrase = re.split(r"[、等]", phrase)[0]  # a list inside the predicate adds nothing to the measure
    if len(phrase) > 20:
        cut = max((b for a, b, _ in _words(phrase) if b <= 20), default=20)
        phrase = phrase[:cut]
    return owned + phrase  # N个X的Y逐一V → Y逐一V (的X)


def _strip_figures(phrase: str) -> str:
    """A phrase without the counts in digits inside it (V N项X → V X) and without quotes."""
    return _quantity_rx().sub(lambda m: "" if m.group("num") and m.group("num")[0].isdigit() else m.group(0),
                              _QUOTES.sub("", phrase))


def _phrase_after(text: str, e: int, hi: int) -> str:
    """The phrase right after a number that counts no noun (N次 VP, N人次 V)."""
    phrase = _time_rx().sub("", _strip_figures(text[e:hi]))
    for a, b, tag in _words(phrase):
        w = phrase[a:b]
        if tag == "d" or w in _classes()["adverb"]:
            continue
        if w in _classes()["link"] or tag in ("p", "c", "u", "y", "f") or not _HAN.match(w):
            return ""
        return phrase[a:a + 24]
    return ""


def _clause(text: str, q: Quantity, bounds: tuple[int, int], seg: int, at: dict[int, Quantity],
            nouns: dict[int, int]) -> _Clause:
    edge = _edge_rx()
    lo, hi = bounds
    seg = max(seg, lo)
    raw = text[seg:q.start]
    listed = seg > lo and bool(_LISTED.match(raw))
    year = None
    if "年" in raw and "以来" not in raw:  # the last year named, not the base of a comparison
        years = [m.group(1) for m in _YEAR.finditer(raw) if not _COMPARED.search(raw, 0, m.start())]
        year = int(years[-1]) if years else None
    items: tuple[str, ...] = ()
    shared = ""
    unquoted = _QUOTES.sub("", raw)
    # a phrase without the first character of a distributing word has none (its times removed or not)
    d = edge["distribute"].search(_time_rx().sub("", unquoted)) if edge["distributing"].search(unquoted) else None
    if d is not None and not _distributes(d.group(0), d.group("rest")):
        d = None
    if d is not None:  # A、B均为x; A和B分别增长x、y; A、B各V两家
        head = _peel(_time_rx().sub("", unquoted)[:d.start()])
        parts = [p for p in head.split("、") if p]
        if len(parts) < 2:
            parts = [p for p in re.split(r"和|及|与", head) if p]
        if len(parts) >= 2 and all(len(p) >= 2 for p in parts):
            items, shared = _complete_items(parts), _peel(d.group("rest"))
    before = _clean(raw)
    kind = _kind(before, raw)
    change = _peel(_without_periods(_SPACE.sub("", unquoted))) if kind == "change" or q.kind == "multiple" else ""
    noun = ""
    if q.kind in ("count", "people") and q.unit != "人次":
        noun = text[q.end:nouns[q.start]] if q.start in nouns else ""
    predicate = _predicate_after(text, nouns[q.start], hi, at, nouns) if noun else ""
    examples = bool(noun) and (_SPACE.sub("", unquoted).endswith("等") or _list_before(text, q.start)[0] == q.value)
    return _Clause(lo, hi, raw, before, kind, change, noun, predicate, listed, examples, year, items, shared)


def _complete_items(items: list[str]) -> tuple[str, ...]:
    """The items of a list each with the words they share: the subject the first rate opens with
    goes to the rates after it that name none (A考试参考率、合格率 → A考试合格率), what the last
    item ends with goes to shorter items before it that lack it (A建议、B提案办复率 → A建议办复率)."""
    first, last = items[0], items[-1]
    out = list(items)
    head = _rate_subject(first)
    for k, item in enumerate(items[1:], 1):
        if head and _edge_rx()["rate"].search(item) and _opens_predicate(item):
            out[k] = head + item
    for k, item in enumerate(items[:-1]):
        if len(last) > len(item) + 1 and _last_word(last) != _last_word(item):
            out[k] = item + last[len(item):]
    return tuple(out)


def _last_word(phrase: str) -> str:
    """The head a phrase ends with: any rate word stands for all (率, 满意度), else its last word."""
    if _edge_rx()["rate"].search(phrase):
        return "率"
    toks = _words(phrase)
    return phrase[toks[-1][0]:] if toks else phrase


def _rate_subject(phrase: str) -> str:
    """What a rate is of: the phrase without its rate word, and without the verb a one-character
    rate word closes (A考试参考率 → A考试, X案件办结率 → X案件, X群众满意度 → X群众); "" when it is
    no rate or names nothing else."""
    m = _edge_rx()["rate"].search(phrase)
    if m is None:
        return ""
    stem = phrase[:m.start()]
    if len(m.group(0)) == 1:
        toks = _words(stem)
        cut = toks[-1][0] if toks else 0
        if toks and toks[-1][1] - cut == 1:
            cut = max(0, len(stem) - 2)  # a verb the dictionary lacks, read as single characters
        stem = stem[:cut]
    return stem if len(stem) >= 2 else ""


def _opens_predicate(phrase: str) -> bool:
    """Whether a phrase names no subject: a short word (合格率) or one opening with a verb or an
    adjective (回访满意度)."""
    toks = _words(phrase)
    return len(phrase) <= 3 or bool(toks) and (toks[0][2][:1] in ("v", "a") or phrase[:toks[0][1]] in _classes()["verb"])


def _distributes(word: str, rest: str) -> bool:
    """均为, 分别增长, 各新增: a distributing word that governs the verb after it, not one that begins
    a noun phrase (各类X, 均衡X)."""
    c = _classes()
    if not rest or word in c["link"]:
        return True
    toks = _words(rest)
    first = rest[:toks[0][1]]
    return toks[0][2] in ("v", "vd", "vi") or first in c["link"] or first in c["change"] or first in c["verb"]


@lru_cache(maxsize=4096)
def _kind(before: str, raw: str) -> str:
    edge = _edge_rx()
    c = _classes()
    kept = _peel(re.sub(r"\s", "", _QUOTES.sub("", raw)))
    stripped = re.sub(r"\s", "", _time_rx().sub("", _QUOTES.sub("", raw)))
    stripped = edge["lead"].sub("", stripped)
    if edge["anaphor"].search(kept) or before and edge["anaphor"].match(before):
        return "anaphor"
    if edge["share"].search(stripped):
        return "share"
    if not before:
        if re.search(r"(?:[、和及与]|以及)$", stripped):
            return "coord"
        if stripped.endswith("的"):
            return "mod"
        return "empty"
    if edge["total"].match(before):
        return "total"
    if edge["change"].match(kept) and not _has_subject(kept):
        return "change"
    if edge["rate"].search(before):
        return "rate"
    if stripped.endswith("的"):
        return "mod"
    for n in (2, 1):
        if len(before) >= n and before[-n:] in c["prep"]:
            return "prep"
    if before[:1] in c["prep"] or before[:2] in c["prep"]:
        toks = _words(before)
        if toks and before[toks[0][0]:toks[0][1]] in c["prep"] and not any(
                tag in ("v", "vd", "vi") or before[a:b] in c["verb"] for a, b, tag in toks[1:]):
            return "prep"  # 在A、B、C N个领域: the counted noun is the object of the preposition
    if _is_verb_end(before):
        return "verb"
    return "noun"


def _has_subject(phrase: str) -> bool:
    """Whether a change phrase names what changes (X收入增幅) or only the change (同比增长)."""
    edge = _edge_rx()
    core = _time_rx().sub("", edge["baseline"].sub("", phrase))
    core = re.sub(r"^(?:较|比|相当于|为)(?:上年|去年|上一年|同期|原来)?", "", core)
    for w in figure_words("change") + figure_words("baseline") + ("相当于", "了", "为", "到", "至", "的"):
        core = core.replace(w, "")
    return len(core) >= 2


# ---------------------------------------------------------------- the measure

@lru_cache(maxsize=1)
def _light_start() -> "re.Pattern[str]":
    return re.compile(f"^(?:{'|'.join(figure_words('light'))}|实现)")


def _subject_of(measure: str) -> str:
    """The measure a change is of: X新增 → X; X五年净增 → X; 实现X → X."""
    out = _light_start().sub("", measure) if len(measure) > 4 else measure
    for _ in range(3):
        before = out
        out = _edge_rx()["done_end"].sub("", out)
        out = re.sub(r"[一二三四五六七八九十两\d]+年(?:间|来)?$", "", out)
        out = _edge_rx()["tail"].sub("", out)
        if out == before:
            break
    return out if len(out) >= 2 else measure


@lru_cache(maxsize=4096)
def _object_of(measure: str) -> str:
    """What a measure counts without the verbs and the subject before it: 主动公开各类X → X;
    S发布各类X → X; 纳入…的X → X."""
    out = measure
    m = re.search(r"的([^的]{2,})$", out)
    if m:
        out = m.group(1)
    for a, b, tag in _words(out):
        if (tag in ("v", "vd", "vi") or out[a:b] in _classes()["verb"]) and len(out) - b >= 2:
            out = out[b:].lstrip("了")  # the first verb governs what follows (收到投诉举报 → 投诉举报)
            break
    out = _edge_rx()["determiner"].sub("", out)
    return out if len(out) >= 2 else measure


def _without_trailing_verbs(measure: str) -> str:
    """X专项清理 → X: what a measure that ends in its action is about ("" if nothing)."""
    toks = list(_words(measure))
    while toks and (toks[-1][2] in ("v", "vd", "vi", "vn", "d", "b") or measure[toks[-1][0]:toks[-1][1]] in _classes()["verb"]):
        toks.pop()
    out = measure[:toks[-1][1]] if toks else ""
    return out if len(out) >= 2 and _last_word_tag(out) in ("n", "nz", "nt", "j") else ""


def _subject_verb(phrase: str) -> bool:
    """A noun and the verb it does, with no object (X网站发布)."""
    toks = _words(phrase)
    return len(toks) >= 2 and toks[-1][2] == "v" and all(tag in ("n", "nz", "nt", "ns", "j") for _, _, tag in toks[:-1])


def _bare_verb(phrase: str, most: int = 1) -> bool:
    """Whether a phrase is only a verb (办结, 纠错), at most ``most`` words, with no object."""
    toks = _words(phrase)
    return 0 < len(toks) <= most and all(tag in ("v", "vd", "vi", "vn", "d") or phrase[a:b] in _classes()["verb"]
                                         for a, b, tag in toks) and toks[-1][2] != "d"


def _ends_with_known_noun(phrase: str) -> bool:
    return _last_word_tag(phrase) in ("n", "nz", "nr", "ns", "nt", "j")


def _ends_with_noun(phrase: str) -> bool:
    return _last_word_tag(phrase) in ("n", "nz", "nr", "ns", "nt", "j", "") and not _is_verb_end(phrase)


def _parallel(item: str, previous: str) -> str:
    """An item of a list named by a short noun takes the words the item before it was qualified
    with: A服务站N个、服务点M个 → A服务点; 获表彰的集体N个、个人M名 → 获表彰的个人."""
    for n in (3, 2):
        k = previous.rfind(item[:n])
        if len(item) >= n and k > 0:
            return previous[:k] + item
    if "的" in previous:
        return previous[:previous.rindex("的") + 1] + item
    return item


def _elided_object(text: str, lo: int, hi: int, verb: str) -> str:
    """What a bare verb counts when the sentence said it before: the same verb with its object
    (…V O,全年共V N条 → V O), the phrase the verb ended before (X V工作全面铺开,累计V N次 → X V工作), or
    a topic fronted by 对 (对…的O做了清理,理出N项 → 理出O)."""
    k = text.rfind(verb, lo, hi)
    if k >= 0:
        end = k + len(verb)
        noun, noun_end = _noun_after(text, end, hi)
        start = _clause_bounds(text, k, end)[0]
        if noun and text[noun_end:noun_end + 1] in _SEP:
            return _clean(text[k:noun_end])
        return _clean(text[start:noun_end if noun else end])
    m = re.search(r"(?:^|[，,；;])\s*(?:对|针对)([^，,。；;]{2,30})[，,]", text[lo:hi])
    if m:
        topic = m.group(1)
        if "的" not in topic:
            for a, b, tag in _words(topic):
                if a >= 2 and (tag in ("v", "vd", "vi") or topic[a:b] in _classes()["verb"]):
                    topic = topic[:a]
                    break
        return _object_of(_clean(topic))
    return ""


def _join_elided(verb: str, found: str) -> str:
    """The verb with what the sentence said it acts on: a phrase that already holds the verb stands
    for both, an object follows it (V + O)."""
    if not found:
        return verb
    return found if verb in found else verb + found


def _previous_clause(text: str, lo: int, clause_lo: int) -> str:
    """The clause before a figure that names nothing itself (… V O,全年合计N次): what the clause
    before it did, after its last verb when that says enough."""
    start = _clause_bounds(text, clause_lo - 1, clause_lo - 1)[0] if clause_lo > lo else clause_lo
    clause = _clean(text[max(lo, start):clause_lo - 1])
    if len(clause) < 2:
        return ""
    subject = _sentence_subject(clause, 0, len(clause))
    if len(subject) >= 4 and re.match(r"(?:经|被|已|均|都|一并|全部)", clause[len(subject):]):
        return subject  # X经逐项梳理,共N项: what the clause says was done to
    last = None
    for a, b, tag in _words(clause):
        if tag in ("v", "vd", "vi") or clause[a:b] in _classes()["verb"]:
            last = b
    if last is not None and len(clause) - last >= 5:
        return clause[last:]
    return clause


def _sentence_subject(text: str, lo: int, hi: int) -> str:
    """The noun phrase a sentence opens with, up to its first verb or adverb (X一并重新梳理 → X)."""
    start = _skip_lead(text, lo, hi)
    end = start
    for a, b, tag in _tokens(text, start, min(hi, start + 16)):
        w = text[a:b]
        if tag in ("v", "vd", "vi", "d", "p", "ad") or w in _classes()["verb"] or w in _classes()["adverb"] \
                or not _HAN.match(w):
            break
        end = b
    return text[start:end] if end - start >= 2 else ""


def _measure(cl: _Clause, q: Quantity, ctx: "_Context", text: str, sentence_lo: int) -> str:
    """What the number counts or measures (see the module's docstring)."""
    before, kind = cl.before, cl.kind
    if before in _classes()["prep"]:
        before = ""  # 对N人次进行X: a lone preposition says nothing of what is counted
    topic = ctx.topic
    if not ctx.previous and cl.lo > sentence_lo and _edge_rx()["part"].match(_edge_rx()["share"].sub("", before)):
        # 将X纳入Y考核,权重为N%; 印发X方案,明确任务N项: a part or a property alone is of what the
        # clause before is about
        before = _previous_clause(text, sentence_lo, cl.lo) + before
    if kind == "share":
        stem = _edge_rx()["share"].sub("", before)
        return (stem if len(stem) >= 2 else _subject_of(topic or ctx.previous)) + "占比"
    if kind == "anaphor":
        return topic or before
    if kind == "change" or (q.kind == "multiple" and cl.change):
        return (_subject_of(topic) if topic else "") + cl.change
    if kind == "total":
        return (_subject_of(topic) if topic else _sentence_subject(text, sentence_lo, cl.lo)) + before
    if kind == "rate":
        return _short_rate(before, ctx)
    if before in _classes()["attendee"] and ctx.object:
        return ctx.object + before  # X N场,参加人员M人次 → X参加人员
    if q.unit == "%" and before and re.search(r"(?:达|达到|为)$", cl.raw.strip()) and _last_word_tag(before) in ("v", "vn", "") \
            and not before.endswith(figure_words("change")) and not any(w in before for w in figure_words("rate")):
        return before + "率"  # “V”达N%: the rate of what is named
    if cl.noun:
        qual = before if kind == "noun" and len(before) <= 3 else ""
        if cl.predicate:
            lead = before if kind == "verb" and len(before) <= 4 else ""
            return lead + cl.predicate + "的" + qual + cl.noun  # 组织N名干部参加考试 → 组织参加考试的干部
        if cl.examples or kind == "verb" and "、" in cl.raw:
            verb = _words(before)
            first = before[:verb[0][1]] if verb and verb[0][2] in ("v", "vd", "vi") else ""
            return first + cl.noun  # V A、B、C N个X → V X
        if kind == "verb":
            return before + cl.noun
        if kind in ("empty", "coord") and cl.listed and ctx.verb:
            return ctx.verb + cl.noun
        if kind == "noun" and len(before) > 3:
            return before + cl.noun
        return qual + cl.noun
    if before:
        after = _phrase_after(text, q.end, cl.hi) if q.kind in ("times", "people") else ""
        if after:
            if kind == "verb":
                return after  # 组织N人次参加X: what the people did
            return before + after  # S先后N次专题研究X
        if _bare_verb(before):
            if ctx.object:
                return before + ctx.object  # 办理X N件,办结M件 → 办结X
            return _join_elided(before, _elided_object(text, sentence_lo, cl.lo, before) or _earlier(ctx, q))
        if _bare_verb(before, 2) and not ctx.previous:
            return _join_elided(before, _elided_object(text, sentence_lo, cl.lo, before) or _earlier(ctx, q))
        if ctx.object and len(before) <= 6 and not cl.listed and q.kind == "count" and _subject_verb(before):
            return before + ctx.object  # …X N条,S发布M条 → S发布X
        if cl.listed and len(before) <= 5 and ctx.previous:
            parallel = _parallel(before, ctx.previous)
            if parallel != before and not _is_verb_end(before):
                return parallel
            if ctx.object and len(before) <= 4 and not _ends_with_known_noun(before):
                return ctx.object + before  # 发布X N篇、点击阅读M次 → X点击阅读
        return before
    after = _phrase_after(text, q.end, cl.hi)  # nothing before the number: N次 VP
    if after:
        if q.kind == "count" and ctx.noun:
            return after + "的" + ctx.noun  # N个X申报…,M个获推荐… → 获推荐…的X
        if cl.listed and ctx.object and len(after) <= 3:
            return ctx.object + after  # …培训共N场次、M人次参训 → …培训参训
        return after
    return topic or _previous_clause(text, sentence_lo, cl.lo)


def _earlier(ctx: "_Context", q: Quantity) -> str:
    """What the sentence before in the paragraph counted first, when this figure is in its unit
    (收到X N件。经审查,予以公开M件 → 予以公开X)."""
    return ctx.earlier[0] if ctx.earlier[1] == q.unit else ""


def _short_rate(rate: str, ctx: "_Context") -> str:
    """A rate named by a short word (办结率, 成功率) is the rate of what the sentence counted before, and
    of the action it counted when the word names no action itself (调解X N件,成功率M% → X调解成功率)."""
    if len(rate) > 3 or not ctx.object:
        return rate
    verb = ""
    if _lexicon_tag(rate[:-1]) in ("a", "ad", "an", "n"):
        toks = _words(ctx.previous)
        verbs = [ctx.previous[a:b] for a, b, tag in toks if tag in ("v", "vd", "vi")]
        verb = verbs[0] if verbs and verbs[0] not in ctx.object else ""
    return ctx.object + verb + rate


_DERIVED = ("change", "share", "total", "rate", "anaphor")  # figures of a measure named before them


@dataclass
class _Context:
    """What the figures before this one in the same sentence said."""

    previous: str = ""  # the measure of the figure before
    topic: str = ""  # the measure a change, share or total refers to
    noun: str = ""  # the noun counted by the figure before (N个X…,M个获推荐 → X)
    verb: str = ""  # the verb the figure before counted the object of (覆盖N个X、M名Y)
    object: str = ""  # what the last figure that counted a thing counted (办理X → X)
    made: list[Observation] = field(default_factory=list)  # the figures before that count for themselves
    year: Optional[int] = None  # the year of the figure before, which a change or share of it shares
    area: Optional[str] = None  # what the figure before is about
    first: tuple[str, str] = ("", "")  # what the sentence's first figure that counted a thing counted, and its unit
    earlier: tuple[str, str] = ("", "")  # ``first`` of the sentence before in the same paragraph


# ---------------------------------------------------------------- 3. the area

def _area(doc: Doc, starts: list[int], cl: _Clause, sentence_lo: int, q: Quantity,
          department: Optional[Mention]) -> Optional[str]:
    """The key of the body or division the clause names as what the figure is about (None: it
    names none)."""
    text = doc.text
    first = _skip_lead(text, cl.lo, q.start)
    scope = _edge_rx()["scope"].match(text, cl.lo, q.start)
    if scope is not None and scope.group(1) != "该":
        m = _subject_at(doc, starts, _skip_lead(text, scope.end(), q.start), q.start)
        return m.key if m is not None else _scope_area(doc, scope.group(2), department)  # 我县X镇…
    if cl.listed:  # an item of a list names its own subject (其中,A x件、B y件)
        item = _skip_lead(text, q.start - len(cl.raw), q.start)
        m = _subject_at(doc, starts, item, q.start)
        if m is not None:
            return m.key
        if q.start - item >= 2 and not _opens_with_verb(text, item, q.start):
            return None  # a subject of its own that names no body (其中,县政府x件、乡镇y件)
    m = _subject_at(doc, starts, first, q.start)
    if m is not None:
        return m.key
    if department is not None and DEPARTMENT_SELF.match(text, first, q.start):
        return department.key  # 我局, 局党组: a department's report speaking of itself
    for m in _mentions_in(doc, starts, cl.lo, q.start):
        if m.kind == "Institution" and re.match(r"[\u4e00-\u9fff]{0,4}?(?:常务会议|全体会议|常委会议?|会议)", text[m.end:q.start]):
            return m.key  # X常务会议…N次: the body whose meetings are counted
    if cl.lo > sentence_lo and (first >= q.start or _opens_with_verb(text, first, q.start)):
        start = _skip_lead(text, sentence_lo, q.start)
        m = _subject_at(doc, starts, start, q.start)
        if m is not None:
            return m.key  # a clause with no subject of its own is about the sentence's subject
        if department is not None and DEPARTMENT_SELF.match(text, start, q.start):
            return department.key
    return None


def _skip_lead(text: str, pos: int, limit: int) -> int:
    """Past the lead words, times and ordinals a clause opens with (one match: see ``opening``)."""
    return _edge_rx()["opening"].match(text, pos, limit).end()


def _subject_at(doc: Doc, starts: list[int], pos: int, limit: int) -> Optional[Mention]:
    """The body or division named at ``pos`` (the longest) as the subject of what follows: it ends
    before ``limit`` and is not the first of a list of subjects (A、B分别…)."""
    if doc.text.startswith("由", pos):
        pos += 1  # 由X牵头: the agent
    i = bisect_left(starts, pos)
    best = None
    while i < len(starts) and starts[i] == pos:
        m = doc.mentions[i]
        if m.kind in ("Institution", "AdministrativeDivision") and m.end <= limit and (best is None or m.end > best.end):
            best = m
        i += 1
    text = doc.text
    if best is None or text[best.end:best.end + 1] in "、和及与":
        return None
    if best.kind == "AdministrativeDivision":
        # a place is the subject when a predicate follows it (X镇完成…, X镇30件), not when it
        # qualifies a noun (X省某平台…, X县Y村在内的N个村)
        after = _skip_lead(text, best.end, limit)
        if after < limit and not _opens_with_verb(text, after, limit):
            return None
    return best


def _mentions_in(doc: Doc, starts: list[int], lo: int, hi: int) -> Iterator[Mention]:
    i = bisect_left(starts, lo)
    while i < len(starts) and starts[i] < hi:
        yield doc.mentions[i]
        i += 1


def _opens_with_verb(text: str, pos: int, limit: int) -> bool:
    phrase = text[pos:min(limit, pos + 4)]
    for a, b, tag in _words(phrase):
        return tag in ("v", "vd", "vi", "d", "p") or phrase[a:b] in _classes()["verb"]
    return False


def _scope_area(doc: Doc, level: str, department: Optional[Mention]) -> Optional[str]:
    """全县, 全区, 全局: the division of that level in the reporting division's chain, or the
    department whose report it is (None: a level the chain does not have)."""
    div = doc.division
    if department is not None and department.label.endswith(level):
        return department.key
    if div is None:
        return None
    if div.label.endswith(level):
        return div.key
    if div.code:
        for d in divisions().chain(div.code)[1:]:
            if d.name.endswith(level):
                return division_key(d.code)
    return None


# ---------------------------------------------------------------- 4. the indicator

_TRAILING = r"(?:数量|总数|总量|总额|人数|次数|人次|场次|数)"


@lru_cache(maxsize=1)
def _concepts() -> dict[str, list[tuple["re.Pattern[str]", int, str, frozenset[str]]]]:
    """Last word of a label → (pattern of the label at the end of a measure, label length, concept key, units)."""
    table: dict[str, list[tuple[re.Pattern[str], int, str, frozenset[str]]]] = {}
    done = alternation(figure_words("handle"))
    for ind in indicators():
        for label in ind.labels:
            core = re.sub(r"(?:数|数量|人次|场次|次数|人数)$", "", label) if len(label) > 3 else label
            words = [w[i:i + 2] for a, b, _ in _words(core) for w in [core[a:b]] for i in range(0, len(w), 2)]
            # a few characters may stand between the label's parts (备案审查各类X), and a verb of
            # handling may close the measure (X完成)
            pattern = re.compile("(.{0,3}?)".join(re.escape(w) for w in words) + _TRAILING + f"?(?:{done})?$")
            table.setdefault(words[-1], []).append((pattern, len(core), indicator_key(ind.label), frozenset(ind.units)))
    return table


@lru_cache(maxsize=4096)
def concept_of(measure: str, unit: str) -> Optional[str]:
    """The key of the scheme's concept a measure in this unit belongs to, if any.  What a change is
    measured against (同比, 年均) does not change its indicator; a verb before the concept's words
    other than one of handling says another count of the same things (办结行政复议案件 counts cases
    closed, not cases); before a rate, a number of times or of people it only qualifies them."""
    table = _concepts()
    measure = _time_rx().sub("", _edge_rx()["baseline_any"].sub("", measure)) or measure
    measure = re.sub(r"[(（][^()（）]{1,8}[)）]", "", measure) or measure  # an aside in brackets
    found: dict[str, tuple[int, int]] = {}  # concept → (longest label matched, where its earliest match starts)
    first = re.sub(r"、[^、]{2,}$", "", measure)  # X咨询、Y咨询: the first of the kinds listed
    for whole in dict.fromkeys((measure, first)):
        done = _edge_rx()["handle_end"].sub("", whole)
        for bare in {whole, done, re.sub(_TRAILING + "$", "", done)}:
            for n in range(1, min(6, len(bare)) + 1):
                for pattern, size, key, allowed in table.get(bare[-n:], ()):
                    m = pattern.search(whole) if unit in allowed else None
                    if m and not any(_has_verb(g) for g in m.groups()):
                        longest, start = found.get(key, (0, len(whole)))
                        found[key] = (max(longest, size), min(start, m.start()))
    best = [(size, -start, key) for key, (size, start) in found.items()
            if units().get(unit) != "count" or not _other_verb_before(measure[:start])]
    return max(best)[2] if best else None


def _has_verb(gap: str) -> bool:
    """Whether the words between a label's parts do something (A公开事项 is no A事项)."""
    c = _classes()
    return bool(gap) and gap not in c["determiner"] and any(
        tag in ("v", "vd", "vi", "ad") or gap[a:b] in c["verb"] for a, b, tag in _words(gap))


def _other_verb_before(prefix: str) -> bool:
    if not prefix:
        return False
    a, b, tag = _words(prefix)[-1]
    word = prefix[a:b]
    verb = tag in ("v", "vd", "vi", "vn") or word in _classes()["verb"]
    return verb and word not in _classes()["handle"]


# ---------------------------------------------------------------- the stage

def recognize(doc: Doc) -> Findings:
    text = doc.text
    report = doc.report
    qs = quantities(doc)
    at = {q.start: q for q in qs}
    starts = [m.start for m in doc.mentions]
    bounds = {q.start: _clause_bounds(text, q.start, q.end) for q in qs}
    nouns: dict[int, int] = {}  # where the noun each count classifies ends
    for q in qs:
        if q.kind in ("count", "people") and q.unit != "人次":
            noun, end = _noun_after(text, q.end, bounds[q.start][1])
            if noun:
                nouns[q.start] = end
    department = own_department(doc)
    out: list[Observation] = []
    ctx = _Context()
    sentence = None
    prev: Optional[Quantity] = None
    i = 0
    while i < len(qs):
        q = qs[i]
        st = report.sentence_at(q.start)
        if st is None or st is not sentence:
            same_paragraph = sentence is not None and st is not None and "\n" not in text[sentence.end:st.start + 1]
            earlier = ctx.first if same_paragraph else ("", "")
            sentence, ctx, prev = st, _Context(earlier=earlier), None
        group = [q]  # values listed one after another: 分别增长x%、y%
        while i + len(group) < len(qs):
            nxt = qs[i + len(group)]
            if nxt.unit == q.unit and _JOIN.fullmatch(text, group[-1].end, nxt.start):
                group.append(nxt)
            else:
                break
        seg = max(nouns.get(prev.start, prev.end), prev.end) if prev else 0
        cl = _clause(text, q, bounds[q.start], seg, at, nouns)
        sentence_lo = sentence.start if sentence else cl.lo
        area = _area(doc, starts, cl, sentence_lo, q, department)
        if area is None:
            # a change, a share, a total or a rate named by a short word (办结率) is about what the
            # figure it is of is about
            derived = cl.kind in ("change", "share", "total", "anaphor") or cl.kind == "rate" and len(cl.before) <= 3
            area = ctx.area if derived and ctx.made else None
        if doc.division is not None and area == doc.division.key:
            area = None
        year = cl.year if cl.year is not None or cl.kind not in ("change", "share", "total") else ctx.year
        made: list[Observation] = []
        if cl.distribute and len(group) in (1, len(cl.distribute)):
            agents = _named_items(doc, starts, cl, q)
            for k, item in enumerate(cl.distribute):
                if agents and cl.shared:  # A镇、B镇分别建成X N个和M个: each place's own
                    measure, where = cl.shared, agents[k].key
                else:
                    measure = _short_rate(item, ctx) if _edge_rx()["rate"].search(item) else item + cl.shared
                    where = area
                made.append(_observation(group[k] if len(group) > 1 else q, measure, where, year))
        elif len(group) > 1 and cl.kind in ("change", "share") and len(ctx.made) >= len(group):
            # A x件、B y件,分别增长m%和n%: the changes go to the figures before them, in order
            for g, of in zip(group, ctx.made[-len(group):]):
                measure = _measure(cl, g, replace(ctx, topic=of.measure, previous=of.measure), text, sentence_lo)
                made.append(_observation(g, measure, of.area if area is None else area, year))
        else:
            total = _whole_of(text, ctx.made, q) if cl.kind not in _DERIVED else None
            if total is not None and 2 <= len(cl.before) <= 6 and not cl.noun:
                measure = cl.before  # a part of a breakdown is named by its own words (窗口, 当面提交)
            else:
                measure = _measure(cl, q, ctx, text, sentence_lo)
            if total is not None and area is None:
                area = total.area  # a part of a breakdown is about what its whole is about
            if measure and len(measure) <= 6:  # a short measure may name only a part: of what?
                whole = _object_of(total.measure) if total is not None else ""
                if not whole and cl.kind not in _DERIVED:
                    whole = _breakdown_topic(text, cl.lo)
                    whole = "" if whole and _names_action(measure) else whole
                if whole and not measure.endswith(whole[-2:]):
                    measure += whole  # 其中,S N件; X中,S N件 → S + what the whole counts
            if measure:
                made.extend(_observation(g, measure, area, year) for g in group)
        out.extend(made)
        if made:
            last = made[0]
            ctx.previous, ctx.year, ctx.area = last.measure, last.year, last.area
            if cl.kind not in ("change", "share", "total", "anaphor") and q.kind != "multiple":
                ctx.topic = last.measure
            if cl.noun:
                ctx.noun = cl.noun
            if cl.kind not in ("change", "share", "total", "anaphor", "rate"):
                about = _about(last.measure)
                if about:
                    ctx.object = _object_of(about)
                if not ctx.first[0]:
                    verb_object = _object_of(last.measure)  # V X: X, also when X ends in a verb (来信)
                    first = verb_object if verb_object != last.measure else _object_of(about) if about else ""
                    ctx.first = (first, q.unit) if first else ctx.first
            ctx.verb = cl.before if cl.kind == "verb" and cl.noun else ctx.verb
            if cl.kind not in _DERIVED:
                ctx.made.extend(made)
        prev = group[-1]
        i += len(group)
    if report.source.text == text:
        return Findings(observations=tuple(out))  # a report in the simplified script: measures as read
    return Findings(observations=tuple(_in_written_script(doc, o) for o in out))


@lru_cache(maxsize=4096)
def _about(measure: str) -> str:
    """What a measure counts things of: itself when it ends in a noun, else without the verbs it
    ends with, else the activity a light verb opens (开展X → X); "" when none of these."""
    about = measure if _ends_with_noun(measure) else _without_trailing_verbs(measure)
    if not about:
        about = _edge_rx()["opens_lights"].sub("", measure)
        about = about if about != measure else ""
    return about


def _in_written_script(doc: Doc, o: Observation) -> Observation:
    """The observation with its measure also in the report's own script when that is not the
    simplified one the measure is read from: each character as the report writes it where the
    figure's sentence (else the report) has it."""
    source = doc.report.source
    sentence = doc.report.sentence_at(o.start)
    lo, hi = (sentence.start if sentence else max(0, o.start - 200)), min(len(source.norm), o.end + 60)
    if source.text[lo:hi] == source.norm[lo:hi]:
        return o
    norm, text = source.norm, source.text
    written = []
    for ch in o.measure:
        k = norm.find(ch, lo, hi) if "\u4e00" <= ch <= "\u9fff" else -1
        if k < 0 and "\u4e00" <= ch <= "\u9fff":
            k = norm.find(ch)
        written.append(text[k] if k >= 0 and "\u4e00" <= text[k] <= "\u9fff" else ch)
    form = "".join(written)
    return replace(o, written_measure=form) if form != o.measure else o


_TOPIC = re.compile(r"([^，,。；;：:、\n]{2,20}?)中[，,：:]")


def _breakdown_topic(text: str, pos: int) -> str:
    """What the figures of a sentence that opens with "X中," are parts of (X's object): X中,A N条、
    B M条 counts As and Bs of X.  The topic holds across the semicolons of the sentence."""
    lo = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1
    m = _TOPIC.match(text, _skip_lead(text, lo, pos), pos)
    if m is None:
        return ""
    return _object_of(_clean(m.group(1)))


def _names_action(measure: str) -> bool:
    c = _classes()
    return any(tag in _VERB_TAGS or measure[a:b] in c["verb"] for a, b, tag in _words(measure))


def _named_items(doc: Doc, starts: list[int], cl: _Clause, q: Quantity) -> list[Mention]:
    """The bodies or places a distributed list names, one per item (none unless every item is one)."""
    found = {m.text: m for m in _mentions_in(doc, starts, cl.lo, q.start) if m.kind in ("Institution", "AdministrativeDivision")}
    named = [found.get(item) for item in cl.distribute]
    return [m for m in named if m is not None] if all(named) else []


def _whole_of(text: str, before: list[Observation], q: Quantity) -> Optional[Observation]:
    """The figure a part of a breakdown belongs to: the last one before in the same unit that
    其中 follows, or that a bracket opens right after when this figure stands inside it."""
    for o in reversed(before):
        if o.unit != q.unit:
            continue
        if text.find("其中", o.end, q.start) >= 0:
            return o
        if text[o.end:o.end + 1] in _OPEN and text.find(")", o.end, q.start) < 0 and text.find("）", o.end, q.start) < 0:
            return o
    return None


def _observation(q: Quantity, measure: str, area: Optional[str], year: Optional[int]) -> Observation:
    measure = _QUOTES.sub("", measure).strip("、的 ")
    return Observation(q.start, q.end, q.value, q.unit, q.approximate, measure, area, q.written,
                       concept_of(measure, q.unit), year)
