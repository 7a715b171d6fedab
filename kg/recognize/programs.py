"""Programs: named initiatives, reforms, mechanisms, campaigns, working methods, service brands.

A program is recognised by how its name is built:

- a quoted name with the head noun after it (“放管服”改革, “甲乙”就业服务工作模式); quoted
  names that share the head after the last (“A”“B”改革, “A”、“B”等专项行动); a
  quoted name alone where a verb governs it (推行“一件事一次办”), unless it is a slogan or an
  outcome (实现…的“一升一降”, “X”作用, an ordinary word in quotes);
- an unquoted name that ends in a head noun (data/program_heads.tsv) after a governing verb
  (严格执行…报告制度, 开展…专项行动), or that opens a clause going on to say it
  is carried out (X改革率先完成, A改革和B改革持续深化);
- the items of a list that share one head (建立A、B两项机制);
- a national program written plainly (data/programs.tsv: 行政执法三项制度, 河湖长制);
- a place's own brand: 法治 or 平安 and the name of a division (法治X建设, 平安X);
- the work of earning an honor: 创建X or X创建, where X is an honor (省级…示范县创建).

A name whose stem is too general to name anything (工作机制, 监督检查机制) is not a program.
The label keeps the head; the quoted part or the written form stays as an alternative.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Iterator, Mapping, Optional

from ..data import cues, honor_grammar, national_program_forms, national_programs, program_heads, short_name, words
from ..keys import name_key, plain_name, program_key
from ..model import Doc, Findings, Mention, Report
from .clauses import fillers
from .text import Matcher, alternation, Spans, body_ranges, clause_breaks, clause_cue, dictionary, finditer_near, first_longest, inside_word, scan

# A run of name characters: quoted parts and bracketed level words included (推行“甲+乙”模式,
# …村(社区)…行动); 的, 和, 及, 并, 等 end it (A通报和B追究制度 is two things).
_QUOTE_BODY = r"[^“”\n]{1,30}"
_BRACKETED_PART = r"[(（][^()（）\n]{1,8}[)）]"
_RUN = re.compile(rf"(?:[\u4e00-\u9fff0-9A-Za-z+·](?<![的和及并或等])|“{_QUOTE_BODY}”|{_BRACKETED_PART})+")
_STOP = set("的和与及或、，,。；;：:在对为由向从将把被是了等各其该每之“”《》()（）")
_HEAD_RUN = re.compile(rf"(?:(?![{''.join(map(re.escape, sorted(_STOP)))}])[\u4e00-\u9fff]){{0,16}}")
# What may stand between two quoted names of one list (the whole gap: a list, like a sentence, ends
# with its line)
_GROUP_GAP = re.compile(r"(?:、|和|及|与|以及|,|，)?")
_LIST_JOIN = re.compile(r"和|及|、|以及")
_QUALIFIES = re.compile(r"的[\u4e00-\u9fff()（）]{0,16}?(模式|机制|体系|制度)(?=[，,。；;、]|$)")
_GENERIC = r"(工作机制|机制|工作制度|制度|工作模式|模式|体系|改革|服务品牌|服务|品牌|工作|活动)"
_GENERIC_HEAD = re.compile(rf"{_GENERIC}$")
_GENERIC_NEXT = re.compile(rf"”*{_GENERIC}")  # a generic head right after a name, past the quotes closing it
_COUNT_HEAD = re.compile(r"(?:[一二三四五六七八九十两]|\d+)(?:项|个|大)")
_COUNT = re.compile(r"(?:[一二三四五六七八九十两\d]+)(?:批次|批|次|项|个|类)")
_NAME_MAX = 30
_DASHES = "—–-―~·"
_ORDINAL = re.compile(r"(?:[一二三四五六七八九十百千两]+|\d+)号")
# A quoted phrase that says something is something (“…就是…”) is a slogan, not a name.
_SAYING = re.compile(r"[^“”]*?(?:就是|才是|不是|也是|都是)")
_NO_WORD = re.compile(r"[\d\W]+")  # digits and marks only
_QUOTED_PART = re.compile(r"“[^”]*”")
_QUOTED_NAME = re.compile(r"“([^“”]+)”")
_YEAR = re.compile(r"\d{4}年")
_LISTS = re.compile(r"[、，,；;]")  # a quoted phrase that holds a list or a clause break
_COUNTED_CONCEPT = re.compile(r"(?:[一二三四五六七八九十两]|\d+)个[\u4e00-\u9fff]{1,4}")  # “四个…”


@lru_cache(maxsize=1)
def _heads() -> dict[str, bool]:
    return program_heads()


@lru_cache(maxsize=1)
def _head_matcher() -> Matcher:
    """The heads' matcher, held here: windows are scanned for heads a few hundred times a report."""
    return Matcher(_heads())


@lru_cache(maxsize=1)
def _any_head() -> "re.Pattern[str]":
    return re.compile(alternation(_heads()))


@lru_cache(maxsize=1)
def _unquoted_head() -> "re.Pattern[str]":
    """A head that may end an unquoted name: one that may end any name, or any head right after
    a closing quote (the quoted part before it is the name)."""
    heads = _heads()
    return re.compile(rf"{alternation(h for h, free in heads.items() if free)}|(?<=”)(?:{alternation(heads)})")


@lru_cache(maxsize=1)
def _head_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(h) for h in _heads()}))


@lru_cache(maxsize=None)
def _lengths(word_class: str) -> tuple[int, ...]:
    return tuple(sorted({len(w) for w in words(word_class)}))


def _openings(s: str, word_class: str) -> Iterator[str]:
    """The words of a class that ``s`` starts with."""
    table = words(word_class)
    return (s[:k] for k in _lengths(word_class) if k <= len(s) and s[:k] in table)


def _endings(s: str, word_class: str) -> Iterator[str]:
    """The words of a class that ``s`` ends with."""
    table = words(word_class)
    return (s[-k:] for k in _lengths(word_class) if k <= len(s) and s[-k:] in table)


@lru_cache(maxsize=1)
def _governor() -> "re.Pattern[str]":
    """A verb that governs a program, with the adverbs and verbs chained after it
    (深入推进, 建立健全, 持续深化)."""
    table = cues()
    # the verbs of carrying out, and of issuing those that also open a clause as setting up (建立)
    verbs = set(table.verbs("implements")) | (set(table.verbs("issued")) & words("leading"))
    lead = alternation(verbs | words("adverb"))
    return re.compile(rf"(?:{alternation(verbs)})(?:{lead}|了)*")


@lru_cache(maxsize=1)
def _awarded() -> "re.Pattern[str]":
    """A conferral verb just after a quoted name (“…”工作获评…): the name is a program that won."""
    return re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{cues().pattern('received')})")


@lru_cache(maxsize=1)
def _improving() -> "re.Pattern[str]":
    return re.compile("|".join(map(re.escape, sorted(words("improving")))))


@lru_cache(maxsize=1)
def _carried_out() -> "re.Pattern[str]":
    """What a clause says of the program that opens it: …持续深化, …率先完成."""
    return re.compile(rf"[”]?[^，,。；;：:！!？?\n]{{0,8}}?(?:{cues().pattern('implements', place='after')})")


@lru_cache(maxsize=1)
def _carried_out_words() -> "re.Pattern[str]":
    """The words of ``_carried_out``: literals all, so that re looks for their first characters only."""
    return re.compile(cues().pattern("implements", place="after"))


# The quoted and bracketed parts of a run of name characters (_RUN), each kind looked for on its
# own: one may stand inside the other
_QUOTED = re.compile(rf"“({_QUOTE_BODY})”")
_BRACKETED = re.compile(_BRACKETED_PART)


@lru_cache(maxsize=1)
def _lead() -> "re.Pattern[str]":
    words_ = words("leading") | words("adverb")
    return re.compile(alternation(words_))


def _leading(name: str) -> int:
    """How many characters of leading verbs and adverbs open ``name`` (建立健全…, 进一步推进…),
    leaving at least two."""
    i, rx = 0, _lead()
    while True:
        m = rx.match(name, i)
        if m is None or len(name) - m.end() < 2:
            return i
        i = m.end()


def _canonical(label: str) -> Optional[str]:
    """The national program a name is (包容审慎监管机制 is 包容审慎监管 with its generic head)."""
    table = national_programs()
    key = name_key(label)
    return table.get(key) or table.get(_GENERIC_HEAD.sub("", key))


def _mention(report: Report, start: int, end: int, label: str, alt: Optional[str] = None) -> Mention:
    label, key, alts = _names(label, alt)
    return Mention("Program", start, end, report.source.text[start:end], label, key, alts=alts)


@lru_cache(maxsize=4096)
def _names(label: str, alt: Optional[str]) -> tuple[str, str, tuple[str, ...]]:
    """A program's label, key and other names from the name as read and as written: the same
    names come back many times in a report and across reports, and are worked out once."""
    # a dash that sets a quoted name off (“——X”) is no part of it
    label = plain_name(label).lstrip(_DASHES)
    alt = plain_name(alt).lstrip(_DASHES) if alt else alt
    canonical = _canonical(label)
    alts: list[str] = []
    if canonical and canonical != label:
        alts.append(plain_name(label))
        label = canonical
    if alt and name_key(alt) != name_key(label):
        alts.append(plain_name(alt))
    return plain_name(label), program_key(label), tuple(dict.fromkeys(alts))


@lru_cache(maxsize=4096)
def _stem_ok(name: str) -> bool:
    """A name's stem (what stands before its shortest head) must say something of its own:
    not a general word (工作机制, 监督检查机制), not a phrase about things in general (各类…),
    not a clause (在完善工作机制, 把…同…).  A function of the name alone: the same names come back
    many times in a report and across reports, and are judged once."""
    heads = _heads()
    head = next((name[-k:] for k in _head_lengths() if k <= len(name) and name[-k:] in heads), "")
    stem = name[:len(name) - len(head)].replace("“", "").replace("”", "")
    if len(stem) < 2 or "的" in stem or _NO_WORD.fullmatch(stem) or stem[0] in words("preposition"):
        return False
    if _ORDINAL.fullmatch(stem):
        return False  # 一号工程: a rank, not a name
    joined = stem.rsplit("与", 1)
    if len(joined) == 2 and not any(w in joined[1] for w in words("joint")):
        return False  # A与B创建, A与改革: two things joined, not one; A与B衔接机制 is one
    if any(_openings(stem, "determiner")):
        return False
    generic = words("generic")
    ordinary = dictionary()
    if any(stem[:-len(g)] in generic or len(stem) - len(g) <= 2
           and (stem[:-len(g)] in ordinary or not stem[:-len(g)]) for g in _endings(stem, "generic")):
        return False  # 工作机制, 监督检查机制, 主题宣传活动
    if any(stem[len(g):] in generic for g in _openings(stem, "generic")):
        return False
    return not (len(stem) <= 2 and stem in ordinary)


class _Reader:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.report = doc.report
        self.text = doc.text
        self.places = {m.end: m.start for m in doc.of_kind("AdministrativeDivision")}
        self.quotes = list(_QUOTED.finditer(self.text))  # found once: quoted and opening read them

    # ------------------------------------------------------------ one name and its head

    def head_end(self, start: int, stop: int, quoted: bool) -> int:
        """Where the last head noun in text[start:stop] ends (0 if none may end the name there).

        ``quoted``: the name before the head is in quotes, so any head may end it; otherwise
        only the heads that may end an unquoted name (program_heads.tsv: any)."""
        text = self.text
        if not (_any_head() if quoted else _unquoted_head()).search(text, start, stop):
            return 0  # most windows hold no head that may end the name: one search says so
        best = 0
        for s, e, free in _head_matcher().scan(text[start:stop]):
            s, e = s + start, e + start
            if not (free or quoted or text[s - 1:s] == "”"):
                continue
            if e < stop and inside_word(text, e):
                continue
            best = e
        return best

    def named(self, start: int, stop: int) -> Optional[tuple[int, int]]:
        """The program an unquoted run names: from ``start`` (past the verbs that lead the run)
        to its last head, when its stem says something of its own."""
        text = self.text
        count = _COUNT.match(text, start, stop)  # 两批次…活动: the count is not part of the name
        if count:
            start = count.end()
        end = self.head_end(start, stop, quoted=False)
        if not end:
            return None
        name = text[start:end]
        if not _stem_ok(name) or "、" in name and "、" in _QUOTED_PART.sub("", name):
            return None
        return start, end

    # ------------------------------------------------------------ the ways programs are written

    def governed(self) -> Iterator[Mention]:
        """推行…制度, 开展…活动: an unquoted name with its head after a governing verb.  A run
        of several quoted names is a list (推行“A”“B”模式), read by ``quoted``."""
        text = self.text
        for m in _governor().finditer(text):
            run = _RUN.match(text, m.end())
            if run is None or run.end() - run.start() > _NAME_MAX * 2 \
                    or not _unquoted_head().search(text, run.start(), run.end()):
                continue
            start = run.start() + _leading(text[run.start():run.end()])
            if _improving().search(text, m.start(), start):
                continue  # 加快完善…制度, 建立健全…机制: improving what there is, not running a named program
            found = self.named(start, run.end())
            if found and text.count("“", *found) <= 1:
                yield self._unquoted(*found)
        for m in re.finditer(r"以", text):  # 以…改革为抓手: what a clause takes as its means
            run = _RUN.match(text, m.end())
            if run is None or "为" not in text[m.end():run.end()]:
                continue
            cut = text.rfind("为", m.end(), run.end())
            found = self.named(m.end() + _leading(text[m.end():cut]), cut)
            if found and found[1] == cut and text.count("“", *found) <= 1:
                yield self._unquoted(*found)

    def _unquoted(self, s: int, e: int) -> Mention:
        """A name read from a run; with words before a quote (…文件“两统一”制度) the
        quote and what follows it are another name for it."""
        text = self.text
        written = text[s:e]
        m = _mention(self.report, s, e, written.replace("“", "").replace("”", ""), alt=written)
        quoted = _QUOTED_NAME.search(written)
        if quoted:  # the quoted name alone, and with what follows it
            more = tuple(n for n in (plain_name(x).lstrip(_DASHES) for x in (written[quoted.start():], quoted.group(1)))
                         if n and n != m.label)
            m = Mention(m.kind, m.start, m.end, m.text, m.label, m.key, alts=tuple(dict.fromkeys(m.alts + more)))
        return m

    def opening(self) -> Iterator[Mention]:
        """A name (or a list of names) that opens a clause going on to say it is carried out:
        X改革率先完成, A改革和B改革顺利完成."""
        text = self.text
        breaks = clause_breaks(text)
        # The clauses (by index) that may say a name opening them is carried out: those that
        # hold the words that say so (they hold no clause break and follow the name in its
        # clause), and those where a quoted or bracketed part of a name begins that holds a
        # clause break, through which the name may run on into a later clause.  Only those
        # clauses are read: the words that may open a clause (fillers) run past its end only
        # through the mark that ends it (a line break, 第一，), so the next clause, where they
        # go on, reads the same.
        saying = {bisect_left(breaks, m.start()) for m in _carried_out_words().finditer(text)}
        saying.update(i for m in (*self.quotes, *_BRACKETED.finditer(text))
                      if (i := bisect_left(breaks, m.start())) < bisect_left(breaks, m.end()))
        skip = fillers().match
        for i in sorted(saying):
            p = skip(text, breaks[i - 1] + 1 if i else 0).end()
            if bisect_left(breaks, p) not in saying or _governor().match(text, p):
                continue  # (a clause that opens with its verb is read by ``governed``)
            names: list[tuple[int, int]] = []
            while True:
                run = _RUN.match(text, p)
                if run is None:
                    break
                end = self.head_end(p, run.end(), quoted=False)
                if not end or end - p > _NAME_MAX:
                    break
                names.append((p, end))
                j = _LIST_JOIN.match(text, end)
                if j is None:
                    break
                p = j.end()
            if not names or not _carried_out().match(text, names[-1][1]):
                continue
            for s, e in names:
                name = text[s:e]
                if _stem_ok(name) and name.count("“") <= 1:
                    yield self._unquoted(s, e)

    def quoted(self) -> Iterator[Mention]:
        """Quoted names, alone or in a run (“A”、“B”和“C”等专项行动): each with the head noun that
        follows it, or the list's head after 等; a name with no head only where a verb governs it
        and it is not a slogan, an outcome or an ordinary word."""
        text = self.text
        ordinary = dictionary()
        groups: list[list[re.Match[str]]] = []
        for m in self.quotes:
            if groups and _GROUP_GAP.fullmatch(text[groups[-1][-1].end():m.start()]):
                groups[-1].append(m)
            else:
                groups.append([m])
        for group in groups:
            last = group[-1]
            shared = 0
            if text.startswith("等", last.end()):
                shared = self._head_after(last.end() + 1)
                h0 = last.end() + 1
                if not shared and self._kind_of_things(h0):
                    continue  # “A”、“B”等主题套餐: items of what the noun names, not programs
            elif len(group) > 1:
                shared = self._head_after(last.end())
                h0 = last.end()
            for m in group:
                q = m.group(1).strip().strip(_DASHES)  # “——X”: the dash only sets the name off
                if not q:
                    continue
                if shared:
                    end = h0 + shared if m is last else m.end(1)
                    yield _mention(self.report, m.start(1), end, q + text[h0:h0 + shared], alt=q)
                    continue
                head = self._head_after(m.end())
                if head and not _COUNT.fullmatch(q):  # “N项”便民服务: a count of services, not a name
                    yield _mention(self.report, m.start(1), m.end() + head, q + text[m.end():m.end() + head], alt=q)
                    continue
                if self.head_end(m.start(1), m.end(1), quoted=True) == m.end(1) and len(q) >= 4 \
                        and not _ORDINAL.match(q):
                    yield _mention(self.report, m.start(1), m.end(1), q)  # “…强基工程”: the head inside
                    continue
                qualified = _QUALIFIES.match(text, m.end())
                if qualified and self._governed(group):  # 构建“A+B”的…新模式
                    yield _mention(self.report, m.start(1), m.end(1), q + qualified.group(1), alt=q)
                    continue
                if self._slogan(group, q, ordinary):
                    continue
                yield _mention(self.report, m.start(1), m.end(1), q)

    def _governed(self, group: list[re.Match[str]]) -> bool:
        """Whether a verb governs a run of quoted names: a cue before it in its clause, a conferral
        after it, or 以…为 around it (以“X”为抓手)."""
        text = self.text
        first, last = group[0].start(), group[-1].end()
        return clause_cue(text, first) is not None or bool(_awarded().match(text, last)) \
            or text[first - 1:first] == "以" and text.startswith("为", last)

    def _slogan(self, group: list[re.Match[str]], q: str, ordinary: Mapping[str, str]) -> bool:
        """A quoted phrase that names no program: not governed by a verb, a goal or an outcome
        (实现…的“一升一降”, “X”作用), a number, a count or a code, or an ordinary word."""
        text = self.text
        last = group[-1]
        before = text[max(0, group[0].start() - 1):group[0].start()]
        after = text[last.end():last.end() + 3]
        if _NO_WORD.fullmatch(q) or _YEAR.search(q) or _COUNT.fullmatch(q) or _SAYING.match(q) \
                or _ORDINAL.match(q):
            return True
        if _COUNTED_CONCEPT.fullmatch(q):
            verb = _governor().search(text, max(0, group[0].start() - 6), group[0].start())
            if verb and verb.end() == group[0].start():
                return True  # 践行“四个…”: a count of concepts right after the verb (with words before it, a name)
        if before == "的" or after.startswith("的") or after.startswith(tuple(words("outcome"))) \
                or not self._governed(group):
            return True
        if _LISTS.search(q) and not _awarded().match(text, last.end()):
            return True
        return q in ordinary and ordinary[q] not in ("nz", "ns")

    def _kind_of_things(self, pos: int) -> bool:
        """Whether a list closed by 等 goes on to a noun that says what its items are (…等主题套餐,
        …等事项), other than the words that sum up programs (…等9项改革举措)."""
        text = self.text
        count = re.match(r"(?:\d+|[一二三四五六七八九十两多]+)(?:项|个|种|类|大)?", text[pos:pos + 4])
        p = pos + (count.end() if count else 0)
        if any(text.startswith(w, p) for w in words("summary")):
            return False
        return dictionary().get(text[p:p + 2], "").startswith("n") or dictionary().get(text[p:p + 4], "").startswith("n")

    def _head_after(self, pos: int) -> int:
        """Length of the head-noun phrase right after ``pos`` (…工作机制, 改革, 就业服务工作模式), 0 if none."""
        text = self.text
        run = _HEAD_RUN.match(text, pos).end() - pos
        verb = _run_end().search(text, pos, pos + run)
        if verb:  # “X”项目获评…: the name ends where the clause's verb begins
            run = verb.start() - pos
        end = self.head_end(pos, pos + run, quoted=True)
        return end - pos if end else 0

    def shared_head(self) -> Iterator[Mention]:
        """建立A、B、C三项机制: each item with the head they share (A机制, B机制, C机制)."""
        text = self.text
        for m in finditer_near(_shared_head(), text, *_shared_head_near()):
            pos = m.start(1)
            for i, item in enumerate(m.group(1).split("、")):
                start = pos
                pos += len(item) + 1
                if i == 0:
                    k = _leading(item)
                    item, start = item[k:], start + k
                if len(item) >= 4:
                    yield _mention(self.report, start, start + len(item), item + m.group(2), alt=item)

    def listed(self) -> Iterator[Mention]:
        """A、B、“C”等9项改革成果: the items of a list summed up as reforms or measures."""
        text = self.text
        for m in finditer_near(_listed(), text, *_listed_near()):
            items = _split_outside_quotes(m.group(1))
            pos = m.start(1)
            for i, item in enumerate(items):
                start, raw = pos, item
                pos += len(item) + 1
                if i == 0:  # the list opens after its verb (创新推出A、B…)
                    verb = list(_governor().finditer(raw))
                    k = verb[-1].end() if verb else 0
                    raw, start = raw[k:], start + k
                label = raw.replace("“", "").replace("”", "").strip()
                if 3 <= len(label) <= 25 and not re.search(r"[的在对]", label):
                    yield _mention(self.report, start, start + len(raw), label, alt=raw)

    def known(self) -> Iterator[Mention]:
        """National programs written plainly; the written form takes the level and round before
        it (全国…示范创建, 第二批省级…示范创建) and a head after it (…示范创建活动)."""
        text = self.text
        for lo, hi in body_ranges(self.report.source):
            for s, e, canonical in scan(text[lo:hi], national_program_forms()):
                s, e = s + lo, e + lo
                if text.startswith(("的", "率"), e):  # …全程网办的占N%, 全程网办率: said of, not named
                    continue
                modifier = text[s - 2:s]
                if e - s <= 3 and dictionary().get(modifier, "v")[0] in "ntsb":
                    s -= 2  # 专题述法, 年终述法: a short name takes the noun that qualifies it
                before = _scoped().search(text, max(lo, s - 12), s)
                if before:
                    s = before.start()
                    place = self.places.get(s)
                    if place is not None:  # X省第二批省级…: the province that confers it
                        s = place
                if _GENERIC_NEXT.match(text, e):  # …示范创建活动: still the same program
                    head = self._head_after(e)
                    if _GENERIC_HEAD.fullmatch(text[e:e + head].lstrip("”")):
                        e += head
                yield _mention(self.report, s, e, canonical, alt=text[s:e])

    def brands(self) -> Iterator[Mention]:
        """法治X, 平安X建设: 法治 or 平安 before the name of a division (or the short
        name of the reporting division) is that place's own program."""
        text = self.text
        names = {m.start: m.end for m in self.doc.of_kind("AdministrativeDivision")}
        division = self.doc.division
        own = {division.label, short_name(division.label)} if division else set()
        if division and division.code is None:
            own |= {re.sub(r"(镇|乡|街道)$", "", division.label)}
        own_names = tuple(sorted((n for n in own if len(n) >= 2), key=len, reverse=True))  # the longest first
        for brand in sorted(words("brand")):
            for b in re.finditer(brand, text):
                end = names.get(b.end())
                if end is None and text.startswith(own_names, b.end()):  # one look says whether any follows
                    end = next(b.end() + len(n) for n in own_names if text.startswith(n, b.end()))
                if end is None:
                    continue
                built = text.startswith("建设", end)
                written = text[b.start():end + (2 if built else 0)]
                yield _mention(self.report, b.start(), b.start() + len(written), text[b.start():end] + "建设",
                               alt=text[b.start():end])

    def creations(self) -> Iterator[Mention]:
        """X创建, X an honor: earning it is the program (省级法治政府建设示范县创建); 创建X is
        read with the honors (honors.py)."""
        text = self.text
        for h in self.doc.of_kind("Honor"):
            if text.startswith("创建", h.end):
                written = text[h.start:h.end].replace("“", "").replace("”", "")
                yield _mention(self.report, h.start, h.end + 2, written + "创建")


@lru_cache(maxsize=1)
def _shared_head() -> "re.Pattern[str]":
    return re.compile(rf"((?:[\u4e00-\u9fff]{{3,20}}、)+[\u4e00-\u9fff]{{3,20}}?){_COUNT_HEAD.pattern}({_any_head().pattern})"
                      r"(?![\u4e00-\u9fff])")


@lru_cache(maxsize=1)
def _shared_head_near() -> tuple["re.Pattern[str]", "re.Pattern[str]"]:
    """A list sharing a head is one run of names and list marks that ends in a count and the head:
    it holds a list mark with 项, 个 or 大 and the head after it (most counted heads are in no list)."""
    return (re.compile(rf"、[\u4e00-\u9fff、\d]*?[项个大](?:{_any_head().pattern})"),
            re.compile(r"[^\u4e00-\u9fff、\d]"))


@lru_cache(maxsize=1)
def _run_end() -> "re.Pattern[str]":
    """A verb after a quoted name ends the phrase that may hold its head (“X”项目获评…)."""
    table = cues()
    return re.compile(rf"{table.pattern('issued', 'implements', 'received', 'sought')}|被|达到|实现|作为|成为|覆盖|上线")


_SUMMED = r"(?:\d+|[一二三四五六七八九十两]+)(?:项|个|种)"  # the count of a list's items


@lru_cache(maxsize=1)
def _listed() -> "re.Pattern[str]":
    summary = alternation(words("summary"))
    return re.compile(rf"((?:[^，,。；;：:！!、\n]{{2,40}}、)+[^，,。；;：:！!、\n]{{2,40}}?)(?:等)?{_SUMMED}(?:{summary})")


@lru_cache(maxsize=1)
def _listed_near() -> tuple["re.Pattern[str]", "re.Pattern[str]"]:
    """A list summed up is in one clause and ends with its count and summary word (项, 个 or 种 before it)."""
    summary = alternation(words("summary"))
    return re.compile(rf"[项个种](?:{summary})"), re.compile(r"[，,。；;：:！!\n]")


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


@lru_cache(maxsize=1)
def _scoped() -> "re.Pattern[str]":
    """A level and round written before a program's name (全国…, 第二批省级…), ending right
    before it."""
    grammar = honor_grammar()
    scopes = alternation(grammar.scopes)
    return re.compile(rf"(?:{scopes}|{grammar.batch.pattern})+$")


def _holds(m: Mention, start: int, end: int) -> bool:
    """Whether a program's name holds another mention and says more than it (宪法宣传周)."""
    return m.start <= start and end <= m.end and len(plain_name(m.text)) > end - start


def recognize(doc: Doc) -> Findings:
    """Program mentions that do not cut a mention an earlier stage found (a document, a body,
    an honor); they may hold one (宪法宣传周, 全国民主法治示范社区创建), and a quoted or national
    name stands inside a title or a body's name too (《首问负责制实施细则》)."""
    reader = _Reader(doc)
    named = [*reader.quoted(), *reader.known()]  # names that stand inside a title or a body's name too
    found: list[Mention] = [*named, *reader.governed(), *reader.opening(), *reader.shared_head(),
                            *reader.listed(), *reader.brands(), *reader.creations()]
    honors = Spans(doc.spans("Honor", "Program"))  # a program an earlier stage found (创建X) is not cut either
    others = Spans(doc.spans("PolicyDocument", "Institution"))
    bodies = set(doc.spans("Institution"))
    inner = {id(m) for m in named}

    def inside(m: Mention, a: int, b: int) -> bool:
        """A quoted or national name inside a 《》 title or a body's name that says more than it (a
        title that ends in the name is that system's document: 《…会前学法制度》); a document
        written plainly (“X”普法规划) is one name, not a program with more words after it."""
        titled = doc.text[a - 1:a] in "《〈<" or (a, b) in bodies
        return titled and id(m) in inner and a <= m.start and m.end <= b and m.end - m.start < b - a - 2 \
            and not (m.end == b and m.start > a)

    def cuts(m: Mention) -> bool:
        """Whether a program cuts a mention an earlier stage found (most overlap none: one
        bisection each says so)."""
        return honors.overlaps(m.start, m.end) \
            and any(not _holds(m, a, b) for a, b in honors.overlapping(m.start, m.end)) \
            or others.overlaps(m.start, m.end) \
            and any(not _holds(m, a, b) and not inside(m, a, b) for a, b in others.overlapping(m.start, m.end))

    kept = [m for m in found if not cuts(m)]
    return Findings(mentions=tuple(first_longest(kept)))
