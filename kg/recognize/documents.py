"""Policy documents: every title in 《》, and titles written plainly where their form makes them
a specific document.

- 《…》, including titles nested in a title (《X省落实〈…纲要〉的实施方案》, 《…<…>…》, and
  the document a notice issues: 《X关于印发Y的通知》 names Y too);
- national laws and State Council regulations written plainly, by their full or short names
  (data/national_laws.tsv: 宪法, 民法典, 行政处罚法, 优化营商环境条例);
- a quoted name with a genre word (“八五”普法规划), a named set of documents (“一纲要两规划”);
- a title with its period (…实施纲要(2021—2025年)), the items of a list closed by 等文件, a title
  ending in a genre word after 印发/制定/出台… (制定了…事项清单), and the reports every
  place has (X政府工作报告, X国民经济和社会发展第十四个五年规划纲要, 第十三次党代会报告).

The genre is the class its title's ending says (data/genres.tsv).  A document the reporting
division issues itself and names without its place gets the division's name in front (two
districts may each issue a 法治政府建设实施方案); the title as written stays as an alternative.
The report itself is not one of the documents it names.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from ..data import cues, divisions, genres, national_laws, national_program_forms, short_name, words
from ..keys import document_key
from ..model import Doc, Findings, Mention, Report
from .clauses import Clauses, governing
from .text import Spans, alternation, body_ranges, clause_start, dictionary, finditer_near, first_longest, scan, starts

_TITLE = re.compile(r"《((?:[^《》\n]|《[^《》\n]*》){1,100})》")  # a title may hold one title of its own
_INNER = re.compile(r"[〈<《]([^〈〉<>《》\n]{2,80})[〉>》]")
_ISSUES = re.compile(r"关于印发(.{4,80}?)的通知$")
_LISTED = re.compile(r"((?:[\u4e00-\u9fff]{4,30}、)*[\u4e00-\u9fff]{4,30})等(?:文件|法律法规|法规|规定|政策文件|制度文件)")
# a list closed by 等文件 is one run of names and list marks
_LISTED_NEAR = (re.compile(r"等(?:文件|法律法规|法规|规定|政策文件|制度文件)"), re.compile(r"[^\u4e00-\u9fff、]"))
# a title with its period is one run of name, brackets, years and dashes
_PERIOD_NEAR = (re.compile(r"[(（]\s*(?:19|20)\d{2}"), re.compile(r"[^\u4e00-\u9fff“”\s\d(（)）\-—–－~]"))
_EACH = re.compile(r"各[\u4e00-\u9fff]{1,4}")  # 各部门制定…清单: each its own, no one document


@lru_cache(maxsize=1)
def _endings() -> str:
    """The endings that close a title written plainly (genres.tsv), as an alternation."""
    return "|".join(map(re.escape, genres().plain))


@lru_cache(maxsize=1)
def _law_titles() -> frozenset[str]:
    """The full titles of the national laws."""
    return frozenset(national_laws().values())


@lru_cache(maxsize=1)
def _verbs() -> "re.Pattern[str]":
    """Verbs (cues.tsv) and the adverbs and clause-opening verbs (words.tsv) that may stand
    before a title: the title starts after the last of them."""
    table = cues()
    verbs = set(table.verbs("issued")) | set(table.verbs("implements")) | words("adverb") | words("leading")
    return re.compile(alternation(verbs))


@lru_cache(maxsize=1)
def _issuing() -> frozenset[str]:
    """The verbs of issuing (cues.tsv)."""
    return frozenset(cues().verbs("issued"))


@lru_cache(maxsize=1)
def _patterns() -> tuple["re.Pattern[str]", ...]:
    endings = _endings()
    table = cues()
    period = re.compile(r"([\u4e00-\u9fff“”]{4,40}?(?:纲要|规划|方案|计划))\s*[(（]\s*((?:19|20)\d{2}\s*[-—–－~至]+\s*"
                        r"(?:19|20)\d{2})\s*年?\s*[)）]")
    quoted = re.compile(rf"“([\u4e00-\u9fff]{{2,15}})”([\u4e00-\u9fff]{{0,6}}?)({endings})"
                        r"(?![\u4e00-\u9fff]{0,2}(?:制度|机制|工作|改革|体系|建设))")
    a_set = re.compile(rf"“([^“”\n]{{2,15}}(?:{endings}))”")
    # after a verb, a title that ends in a genre word: 印发…实施方案, 制定了…清单 (group 1: the
    # verb, of issuing or carrying out).  The verbs open the pattern alone, so that re itself
    # skips the positions where none of their first characters stands.
    plain = re.compile(rf"({table.pattern('issued')}|{table.pattern('implements')})了?"
                       rf"((?:[^\W\d_了的都在对把被将与及前后以为]|“[^“”]{{1,12}}”){{2,30}}?{starts(genres().plain)}(?:{endings}))"
                       r"(?=[，,。；;、]|等|$)")
    return period, quoted, a_set, plain


_WELL_KNOWN = re.compile(r"政府工作报告|国民经济和社会发展(?:第[一二三四五六七八九十]+个五年)?(?:总体)?规划(?:纲要)?"
                         r"|党的[一二三四五六七八九十]{2,4}大报告|第[一二三四五六七八九十]+次党代会报告")
_OWN_PLACE = re.compile(r"(?:自治区|(?:我|本|全)?(?:省|市|区|县|州|旗))$")
_DASH = re.compile(r"[—–－―~-]+")
_SPACES = re.compile(r"\s+")
_NO_NAME = re.compile(r"[\d\s\W]+")  # a title of digits and marks only names nothing


def _mention(report: Report, start: int, end: int, label: str, alt: Optional[str] = None) -> Mention:
    label, key, genre, alts = _names(label, alt)
    return Mention("PolicyDocument", start, end, report.source.text[start:end], label, key, genre, alts)


@lru_cache(maxsize=4096)
def _names(label: str, alt: Optional[str]) -> tuple[str, str, str, tuple[str, ...]]:
    """A document's label, key, genre and other names from its title as read and as written: the
    same titles come back many times, and are worked out once."""
    full = national_laws().get(label)
    alts: tuple[str, ...] = ()
    if full and full != label:
        alts, label = (label,), full
    elif alt and alt != label:
        alts = (alt,)
    return label, document_key(label), genres().of(label) or "", alts


def _after_verb(run: str, min_len: int) -> int:
    """Where a title starts inside a run of text: after the last verb that leaves at least
    ``min_len`` characters of title."""
    cut = 0
    for m in _verbs().finditer(run):
        if len(run) - m.end() >= min_len:
            cut = m.end()
    return cut


_OWN_BODY = re.compile(r"^(区|县|市|州|旗)(委|政府|人大|政协|人民政府)")
_OWN_GENRE = re.compile(r"^(?:政府工作报告|法治政府建设(?:年度)?(?:情况)?报告)$")  # always the district's own
_FOREIGN = re.compile(r"^(中共|中华人民共和国|国务院|全国|中央|党的|国家)")


def qualify(title: str, division: str) -> str:
    """The title a district's own document has in the graph: with the district's name in front.

    Two districts may each issue a 法治政府建设实施方案; written plainly in their own
    reports, the title alone does not say whose it is, so the issuer's name is added
    (the title as written stays as an alternative label).
    """
    if _FOREIGN.match(title) or title.startswith(short_name(division)):
        return title
    if re.match(r"^(我|本)(区|县|市|州|旗)", title):
        return division + title[2:]
    table = divisions()
    for length in range(min(table.max_len, len(title)), 1, -1):
        if title[:length] in table.by_name:
            return title
    if _OWN_BODY.match(title) and division.endswith(title[0]):
        return short_name(division) + title
    return division + title


def recognize(doc: Doc) -> Findings:
    """Document mentions; a title its issuer names without a place (印发《关于…的通知》) gets
    the issuer's place in front — the reporting division's, or that of the division or body the
    clause names as the issuer — so that it does not merge with another place's document of the
    same plain title."""
    report = doc.report
    places = {m.end: (m.start, m.text) for m in doc.of_kind("AdministrativeDivision") if m.code or m.level}
    mentions = [m for m in _recognize(report, places) if not _itself(report, m)]
    if doc.division is None:
        return Findings(mentions=tuple(mentions))
    clauses = Clauses(doc)
    out = []
    for m in mentions:
        issuers = next((agents for rel, _, agents in governing(clauses, m) if rel == "issued"), None)
        if issuers is None and _OWN_GENRE.match(m.label):
            issuers = [doc.division]
        place = _place_of(doc, issuers[0]) if issuers else None
        if place and m.label not in _law_titles() and not _inside_title(report.source.norm, m):
            label = qualify(m.label, place)
            if label != m.label:
                m = _mention(report, m.start, m.end, label, alt=m.label)
        out.append(m)
    return Findings(mentions=tuple(out))


def _place_of(doc: Doc, issuer: Mention) -> Optional[str]:
    """The division an issuer belongs to: itself, or a body's jurisdiction; None for a body of
    no place (国务院, 司法部)."""
    if issuer.kind == "AdministrativeDivision":
        return issuer.label
    key = issuer.jurisdiction
    if key is None:
        return None
    named = next((m.label for m in doc.of_kind("AdministrativeDivision") if m.key == key), None)
    if named:
        return named
    code = key.split("/")[1]
    d = divisions().by_code.get(code)
    return d.name if d else None


def _inside_title(text: str, m: Mention) -> bool:
    """Whether a mention is a title named inside another title (〈…〉, 关于印发…的通知)."""
    return text[m.start - 1:m.start] in "〈<" or text.rfind("《", 0, m.start) > text.rfind("》", 0, m.start) \
        and text[m.start - 1:m.start] != "《"


def _itself(report: Report, m: Mention) -> bool:
    """The report's own title, or its kind named in its first lines (政府工作报告), is the report
    itself, not a document it names."""
    span = report.title_span
    if span is not None and span.start <= m.start and m.end <= span.end:
        return True
    if not _WELL_KNOWN.fullmatch(m.label):
        return False
    first = _SPACES.sub("", report.source.norm[:200].lstrip().split("\n", 1)[0])
    return first.endswith(m.label)


def _recognize(report: Report, places: dict[int, tuple[int, str]]) -> list[Mention]:
    text = report.source.norm
    found: list[Mention] = []
    inner: list[Mention] = []
    titles = [(t.start(1), t.end(1)) for t in _TITLE.finditer(text)]
    for s, e in titles:
        raw = text[s:e]
        title = raw.strip()
        if not title or _NO_NAME.fullmatch(title):
            continue
        lead = s + len(raw) - len(raw.lstrip())
        found.append(_mention(report, lead, lead + len(title), title))
        inner.extend(_inner(report, lead, lead + len(title)))
    brackets = [(s - 1, e + 1) for s, e in titles]
    found.extend(_plain(report, brackets, places))
    return first_longest(found) + inner


def _inner(report: Report, start: int, end: int) -> Iterator[Mention]:
    """The titles a title names: 〈…〉 or 《…》 inside it, and Y in 关于印发Y的通知."""
    text = report.source.norm
    for m in _INNER.finditer(text, start, end):
        yield _mention(report, m.start(1), m.end(1), m.group(1).strip())
    issues = _ISSUES.search(text, start, end)
    if issues and not _INNER.search(issues.group(1)):
        name = issues.group(1)
        yield _mention(report, issues.start(1), issues.end(1), _DASH.sub("—", name))


def _plain(report: Report, brackets: list[tuple[int, int]], places: dict[int, tuple[int, str]]) -> Iterator[Mention]:
    text = report.source.norm
    taken = Spans(brackets)

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    laws = national_laws()
    words = dictionary()
    for lo, hi in body_ranges(report.source):
        for s, e, _ in scan(text[lo:hi], laws):
            s, e = s + lo, e + lo
            # 行政诉讼法律…: the name runs on into an ordinary word (法律, 法规) unless a word starts there
            runs_on = text[e - 1:e + 1] in words and text[e:e + 2] not in words
            if free(s, e) and not runs_on and not _in_a_name(text, s, e):
                yield _mention(report, s, e, text[s:e])
    period, quoted, a_set, plain = _patterns()
    for m in finditer_near(period, text, *_PERIOD_NEAR):
        run = m.group(1)
        cut = _after_verb(run, 6)
        s = m.start(1) + cut
        title = text[s : m.end(1)] + "(" + _DASH.sub("—", m.group(2).replace(" ", "")) + "年)"
        if free(s, m.end()) and len(run) - cut >= 6:
            yield _mention(report, s, m.end(), title, alt=text[s : m.end(1)])
    for m in quoted.finditer(text):  # “八五”普法规划
        if free(m.start(), m.end()) and not re.search(rf"(?:{_endings()})$", m.group(1)):
            yield _mention(report, m.start(), m.end(), m.group(1) + m.group(2) + m.group(3))
    for m in a_set.finditer(text):
        if free(m.start(), m.end()) and re.search(r"[一二三四五六七八九十两]", m.group(1)):
            yield _mention(report, m.start(1), m.end(1), m.group(1))  # “一纲要两规划”: a named set of documents
    genre_of = genres().of
    for m in finditer_near(_LISTED, text, *_LISTED_NEAR):
        pos = m.start(1)
        for i, item in enumerate(m.group(1).split("、")):
            cut = _after_verb(item, 4) if i == 0 else 0
            title = item[cut:]
            if genre_of(title) and len(title) >= 4 and free(pos + cut, pos + len(item)):
                yield _mention(report, pos + cut, pos + len(item), title)
            pos += len(item) + 1
    for m in plain.finditer(text):
        title = m.group(2)
        bare = title.replace("“", "").replace("”", "")
        # a compound ending (实施方案) names a specific title sooner than a bare one (清单), and
        # only an issuing verb names one with a bare ending (制定了…清单; not 落实…方案)
        ending = next(e for e in genres().plain if bare.endswith(e))
        compound = len(ending) >= 3
        clause = text[clause_start(text, m.start()):m.start()]
        named = len(re.findall(r"[\u4e00-\u9fff]", bare[:-len(ending)]))
        if free(m.start(2), m.end(2)) and (compound or m.group(1) in _issuing()) and len(bare) >= (6 if compound else 10) \
                and named >= 4 and not _EACH.search(clause) and not (len(bare) < 10 and re.search(r"[和、]", bare)):
            yield _mention(report, m.start(2), m.end(2), bare, alt=title if bare != title else None)
    for m in _WELL_KNOWN.finditer(text):
        if free(m.start(), m.end()):
            yield _well_known(report, m.start(), m.end(), places)


# X法进社区: a campaign that carries the law somewhere; X法日: the day named after it
_CAMPAIGN = re.compile(r"进[\u4e00-\u9fff]|日(?![常益趋渐])")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Whether a law written plainly is only part of a longer name, and so no mention of the law:
    a quoted name that holds more than it (“美好生活·X法相伴”), a campaign that carries it
    somewhere (X法进万家) or a day named after it, or a national program named after it (宪法宣传周, 宪法宣誓制度)."""
    lo = clause_start(text, start)
    opened = text.rfind("“", lo, start)
    if opened >= 0 and text.find("”", opened, start) < 0:
        closed = text.find("”", end, end + 30)
        if closed >= 0 and text.find("“", end, closed) < 0 and (opened + 1 < start or closed > end):
            return True
    if _CAMPAIGN.match(text, end):
        return True
    window = max(lo, start - 8)
    return any(s <= start - window and end - window <= e and e - s > end - start
               for s, e, _ in scan(text[window:end + 8], national_program_forms()))


def _well_known(report: Report, start: int, end: int, places: dict[int, tuple[int, str]]) -> Mention:
    """X政府工作报告, 全市国民经济和社会发展总体规划: the kind of report with the place it belongs to
    (a division named right before it, or 市/县/全市 … standing for the report's own)."""
    text = report.source.norm
    place = places.get(start)
    if place is not None:
        return _mention(report, place[0], end, text[place[0]:end])
    own = _OWN_PLACE.search(text, max(0, start - 3), start)
    s = own.start() if own else start
    return _mention(report, s, end, text[s:end])
