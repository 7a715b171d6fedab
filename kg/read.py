"""Files → decoded text.

Reports come as plain text or saved web pages in any of the encodings Chinese
government sites use.  This stage decides the encoding, turns HTML into text,
prepares a same-length "recognition" copy (traditional → simplified, full-width
folded) and marks web-page furniture.  Furniture is *marked*, never cut out, so
that every offset still indexes the decoded text.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from functools import lru_cache
from itertools import islice
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional

from .data import furniture_rules
from .model import Source, Span

READABLE_SUFFIXES = (".txt", ".html", ".htm")


class ReadError(Exception):
    """An input that cannot become a report; the message is the reason, for the manifest."""


# ---------------------------------------------------------------- bytes → str

_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# What charset-normalizer may call a Chinese encoding, and the codec we decode it with.
# GB18030 is a superset of GB2312 and GBK, and Big5-HKSCS of Big5.
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs",
          "big5hkscs": "big5hkscs", "cp950": "big5hkscs", "cp936": "gb18030", "hz": "hz"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)


def decode(data: bytes, html: bool = False) -> tuple[str, str, tuple[str, ...]]:
    """Return (text, encoding, notes). Raises ReadError for empty, binary or undecodable input."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc + " (BOM)", ()
            except UnicodeDecodeError as e:
                raise ReadError(f"has a {enc} byte-order mark but is not valid {enc}: {e.reason}") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"binary file: {what}, not a text or HTML report")
    if b"\x00" in data[:4096]:
        raise ReadError("binary file: contains NUL bytes")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            return data[: e.start].decode("utf-8"), "utf-8", (
                f"file ends inside a multi-byte character; the last {len(data) - e.start} byte(s) were dropped",)
    declared = None
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = _WIDER.get(m.group(1).decode("ascii", "ignore").lower())
    guesses = [declared] if declared else []
    guesses += _guess(data)
    for enc in guesses:
        try:
            return data.decode(enc), enc, ()
        except UnicodeDecodeError as e:
            if e.start >= len(data) - 3:
                return data[: e.start].decode(enc), enc, (
                    f"file ends inside a multi-byte character; the last {len(data) - e.start} byte(s) were dropped",)
    raise ReadError("undecodable: not UTF-8, GB18030/GBK or Big5 text")


def _guess(data: bytes) -> list[str]:
    from charset_normalizer import from_bytes

    found = []
    for match in from_bytes(data[:200_000], cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]):
        enc = _WIDER.get(match.encoding.replace("_", "").lower(), match.encoding)
        if enc not in found:
            found.append(enc)
    # Chinese pages are far more often GB than Big5; try both in that order after the guess.
    return found + [e for e in ("gb18030", "big5hkscs") if e not in found]


# ---------------------------------------------------------------- HTML → text

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
          "section", "article", "blockquote", "pre", "hr", "dd", "dt", "dl", "center", "form",
          "td", "th", "title", "tbody", "thead"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr", "param"}
_DROP = {"script", "style", "noscript", "template", "head", "nav", "footer", "aside", "select", "button",
         "iframe", "svg", "object"}
_FURNITURE_ATTR = re.compile(r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|share|sidebar|toolbar|"
                             r"position|location|topbar|copyright)([\s_-]|$)", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v\u3000\xa0]+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str, bool]] = []  # (text, inside a link)
        self.stack: list[tuple[str, bool]] = []
        self.title: list[str] = []
        self.meta: dict[str, str] = {}
        self._in_title = False

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta" and a.get("name") and a.get("content"):
            self.meta[a["name"].lower()] = a["content"].strip()
        if tag == "title":
            self._in_title = True
        if tag in _BLOCK:
            self.parts.append(("\n", False))
        if tag in _VOID:
            return
        skip = tag in _DROP or bool(_FURNITURE_ATTR.search(a.get("class", "") + " " + a.get("id", "")))
        self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK:
            self.parts.append(("\n", False))
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
            return
        if not self._skipping():
            self.parts.append((_SPACE.sub(" ", data), any(t == "a" for t, _ in self.stack)))

    def lines(self) -> list[str]:
        """The text's lines, without those made only of links (menus, link lists): a report's
        sentences are not link text, a site's navigation is."""
        out, line, words = [], [], 0
        for text, in_link in self.parts + [("\n", False)]:
            if text == "\n":
                joined = "".join(line).strip()
                if joined and words:
                    out.append(joined)
                line, words = [], 0
            else:
                line.append(text)
                if not in_link:
                    words += len(_SEPARATORS.sub("", text))
        return out


_SEPARATORS = re.compile(r"[\s|｜/·•>»›\-–—:：,，、;；]+")


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Body text, one block per line, and what the head says (title, meta tags)."""
    p = _TextParser()
    p.feed(html)
    p.close()
    text = "\n".join(p.lines())
    meta = {k: v for k, v in p.meta.items() if k in ("articletitle", "pubdate", "contentsource", "title")}
    title = _SPACE.sub(" ", "".join(p.title)).strip()
    if title:
        meta["htmltitle"] = title
    return text + "\n", meta


# ---------------------------------------------------------------- repairs

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_HIGH = bytes(range(0x4E, 0xA0))  # the first byte of U+4E00..U+9FFF in UTF-16-BE
_ASCII = bytes(range(0x80))
_LEVEL_ONE = bytes(range(0xB0, 0xD8))  # GB2312's level 1, its 3,755 common characters: these lead bytes


def _common_share(text: str) -> float:
    """Share of the Chinese characters that are among GB2312's common ones.
    Real text is mostly common characters; UTF-8 bytes read as GBK come out as rare ones.
    Counted by the codecs, in C, without picking the Chinese characters out of the text first
    (a regex substitution over the text cost several times the rest): the Chinese characters
    are the UTF-16 code units whose first byte is 4E..9F; a character of GB2312 is one ASCII
    byte or two bytes of A1..FE, and only the common characters' first byte is of level 1."""
    high = text.encode("utf-16-be", "surrogatepass")[::2]
    cjk = len(high) - len(high.translate(None, _CJK_HIGH))
    if not cjk:
        return 1.0
    leads = text.encode("gb2312", "ignore").translate(None, _ASCII)[::2]
    rare = cjk - (len(leads) - len(leads.translate(None, _LEVEL_ONE)))
    return 1 - rare / cjk


def repair_mojibake(text: str) -> tuple[str, Optional[str]]:
    """Undo UTF-8 that was once decoded as GBK and saved again (a common accident of old sites).
    ftfy repairs the Latin-1 and Windows-1252 kinds, not this one, so it is done here."""
    sample = text[:5000]
    if _common_share(sample) >= 0.6:
        return text, None
    # What the GBK reader replaced (U+FFFD) stays lost — an invalid byte keeps its place — and the
    # rest comes back; that is much better than mojibake, and the note says how much was lost.
    raw = b"\xff".join(piece.encode("gb18030") for piece in text.split("\ufffd"))
    fixed = raw.decode("utf-8", errors="replace")
    lost = fixed.count("\ufffd")
    if _common_share(fixed[:20000]) > 0.8 and lost <= len(fixed) // 2:
        return fixed, ("repaired mojibake: UTF-8 text that had been read as GBK and saved again"
                       + (f"; {lost} characters could not be recovered" if lost else ""))
    return text, None


# The bracket first, then the character before it: re looks for the brackets alone (a pattern that
# opens with a lookbehind is tried at every position).
_PINYIN = re.compile(r"[(（](?<=[\u4e00-\u9fff][(（])([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,6}[1-5]?)[)）]")


def strip_pinyin(text: str) -> tuple[str, Optional[str]]:
    """區(qū)域 → 區域: pinyin glosses after characters break every name they fall inside."""
    fixed, n = _PINYIN.subn("", text)
    return (fixed, f"removed {n} pinyin annotations") if n >= 3 else (text, None)


# ---------------------------------------------------------------- recognition copy

@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_FOLD = {chr(o): chr(o - 0xFEE0) for o in range(0xFF01, 0xFF5F)} | {"\u3000": " ", "\xa0": " "}  # full width → ASCII
_WIDE = re.compile("[\uff01-\uff5e\u3000\xa0]")


def recognition_text(text: str) -> str:
    """Same-length copy of ``text`` for matching: simplified characters, ASCII-width forms."""
    conv = _t2s()
    simp = conv.convert(text)
    if len(simp) != len(text):  # a phrase rule changed the length: go character by character
        simp = "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in text)
    # Only the wide characters are visited (str.translate would look up every character).
    return _WIDE.sub(lambda m: _FOLD[m.group()], simp)


# ---------------------------------------------------------------- web furniture

def furniture(norm: str) -> tuple[tuple[Span, ...], dict[str, str]]:
    """Spans of whole lines that are page furniture, and the page metadata they carry."""
    rules = furniture_rules()
    spans: list[Span] = []
    meta: dict[str, str] = {}
    pos = 0
    for line in norm.splitlines(keepends=True):
        stripped = line.strip()
        start = pos + (len(line) - len(line.lstrip()))
        pos += len(line)
        if not stripped or len(stripped) > 200 or (len(stripped) > 15 and stripped[-1] in "。！？!?"):
            continue  # a sentence of the report, however much it shares words with page furniture
        kind = rules.classify(stripped)
        if kind is None:
            continue
        spans.append(Span(start, start + len(stripped)))
        if kind == "meta":
            for key, value in rules.meta_fields(stripped):
                meta.setdefault(key, value)
    return tuple(spans), meta


# ---------------------------------------------------------------- the stage

def read(path: Path, root: Optional[Path] = None) -> Source:
    """Read one file into a Source; raise ReadError with the reason when it cannot be a report."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"unreadable: {e.strerror or e}") from None
    return read_bytes(data, path.name, path.relative_to(root).as_posix() if root else path.name)


def read_bytes(data: bytes, name: str, relpath: Optional[str] = None) -> Source:
    is_html = name.lower().endswith((".html", ".htm"))
    text, encoding, notes = decode(data, html=is_html)
    meta: dict[str, str] = {}
    if is_html or (text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        text, meta = html_to_text(text)
    if not text.strip():
        raise ReadError("no text: the file holds only markup or white space")
    for repair in (repair_mojibake, strip_pinyin):
        text, note = repair(text)
        if note:
            notes += (note,)
    norm = recognition_text(text)
    if sum(1 for _ in islice(_CJK.finditer(norm), 10)) < 10:
        raise ReadError(f"no Chinese text found (decoded as {encoding})")
    spans, page_meta = furniture(norm)
    for k, v in page_meta.items():
        meta.setdefault(k, v)
    return Source(
        name=name,
        path=relpath or name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        text=text,
        norm=norm,
        furniture=spans,
        meta=tuple(sorted(meta.items())),
        notes=notes,
    )
