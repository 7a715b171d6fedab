"""Saved queries: named .rq files shipped in kg/data/queries, each with a one-line description
(its first comment line) and parameters written as $name with defaults (# param name: value).
A parameter becomes a string literal; written $name@zh it is a Chinese one, as names are in the
graph, which the store finds through its index instead of comparing every label."""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from .errors import SavedQueryError


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    params: tuple[tuple[str, str], ...]
    text: str

    def bind(self, values: dict[str, str]) -> str:
        """The query with every $param replaced by a string literal (given value or default)."""
        unknown = set(values) - {p for p, _ in self.params}
        if unknown:
            raise SavedQueryError(f"query {self.name!r} has no parameter {sorted(unknown)[0]!r}; "
                                  f"it takes: {', '.join(p for p, _ in self.params) or 'none'}")
        merged = dict(self.params) | values
        return re.sub(r"\$(\w+)", lambda m: _literal(merged[m.group(1)]) if m.group(1) in merged else m.group(0),
                      self.text)


def _literal(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def parse(name: str, text: str) -> SavedQuery:
    """A query file as a saved query: its first comment line describes it, ``# param NAME: DEFAULT``
    lines declare its parameters."""
    comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    params = tuple((m.group(1), m.group(2).strip()) for c in comments if (m := re.match(r"param (\w+):(.*)", c)))
    return SavedQuery(name, comments[0] if comments else "", params, text)


def saved_queries() -> dict[str, SavedQuery]:
    folder = resources.files("kg").joinpath("data", "queries")
    return {f.name[:-3]: parse(f.name[:-3], f.read_text(encoding="utf-8"))
            for f in sorted(folder.iterdir(), key=lambda p: p.name) if f.name.endswith(".rq")}


def saved_query(name: str) -> SavedQuery:
    queries = saved_queries()
    if name not in queries:
        raise SavedQueryError(f"no saved query {name!r}; `kg query --list` shows them")
    return queries[name]


def listing() -> str:
    """The saved queries as `kg query --list` prints them: name, description, parameters."""
    lines = []
    for q in saved_queries().values():
        params = " ".join(f"[--param {k}={v}]" for k, v in q.params)
        lines.append(f"{q.name:<22} {q.description}" + (f"\n{'':<22} {params}" if params else ""))
    return "\n".join(lines) + "\n"
