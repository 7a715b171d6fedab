"""text.Matcher: the index of a large table's last characters finds what the automaton finds."""
import random

import pytest

from kg.recognize.text import Matcher


def _table(rnd: random.Random) -> dict[str, int]:
    first = "南京鼓楼江宁海淀朝阳新城东西北"
    table = {}
    for i in range(400):
        name = "".join(rnd.choice(first) for _ in range(rnd.randrange(1, 6))) + rnd.choice("市县区镇乡村")
        table[name + "街道" if rnd.random() < 0.2 else name] = i
    return table


def test_large_table_index_matches_the_automaton(monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(3)
    table = _table(rnd)
    automaton = Matcher(table)
    monkeypatch.setattr(Matcher, "MANY_FIRSTS", 0)
    monkeypatch.setattr(Matcher, "FEW_ENDINGS", 0)
    index = Matcher(table)
    assert index.by_end is not None and automaton.by_end is None
    keys = list(table)
    for _ in range(3000):
        parts = [rnd.choice(keys)[rnd.randrange(3):] for _ in range(rnd.randrange(1, 6))]
        # names glued, cut short, or joined by a character; at the very end of the text or not
        text = rnd.choice(["", "的", "和", "全"]).join(parts) + rnd.choice(["", "。"])
        assert list(index.scan(text)) == list(automaton.scan(text)), text
