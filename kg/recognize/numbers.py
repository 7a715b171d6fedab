"""Numbers as reports write them → plain decimals: 83, 2.4万, 3500余万元, 一千余, 百分之百, 两.

Thirty lines of our own instead of a dependency: reports use integers with
十/百/千/万/亿, 两 and 〇, decimals in Arabic digits, and 百分之… for percentages.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
LARGE = {"万": 10_000, "亿": 100_000_000}
CN_NUMBER = "零〇一二两三四五六七八九十百千万亿"


def chinese_integer(s: str) -> Optional[int]:
    """一千三百零五 → 1305, 十二 → 12, 两万 → 20000, 二〇二三 → 2023 (digit by digit)."""
    if not s or any(c not in CN_NUMBER for c in s):
        return None
    if all(c in DIGITS for c in s) and len(s) > 1:
        return int("".join(str(DIGITS[c]) for c in s))
    total, section, digit = 0, 0, None
    for c in s:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in SMALL:
            section += (1 if digit is None else digit) * SMALL[c]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * LARGE[c] if LARGE[c] > 10_000 else total + section * LARGE[c]
            section, digit = 0, None
    return total + section + (digit or 0)


_ARABIC = re.compile(r"\d+(\.\d+)?")


def to_decimal(num: str, multiplier: str = "") -> Optional[Decimal]:
    """'2.4', '万' → 24000; '一千' → 1000; '百分之九十五' → 95."""
    num = num.strip()
    if num.startswith("百分之"):
        inner = num[3:]
        value = Decimal(inner) if _ARABIC.fullmatch(inner) else (
            Decimal(100) if inner == "百" else _cn(inner))
    elif _ARABIC.fullmatch(num):
        value = Decimal(num)
    else:
        value = _cn(num)
    if value is None:
        return None
    for c in multiplier:  # 万, 亿, 千万, 百亿
        value *= LARGE.get(c) or SMALL[c]
    return value


def _cn(s: str) -> Optional[Decimal]:
    n = chinese_integer(s)
    return None if n is None else Decimal(n)


def plain(value: Decimal) -> str:
    """A decimal as plain digits, no exponent and no trailing zeros: 24000, 97.95."""
    return format(value.normalize(), "f")


def canonical(value: Decimal) -> str:
    """The canonical xsd:decimal form (24000.0, 97.95): Turtle writes and reads it unchanged."""
    text = plain(value)
    return text if "." in text else text + ".0"
