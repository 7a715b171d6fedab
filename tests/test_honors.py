"""Honors: how they are conferred and named; who received them."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.read import read_bytes


def run(sentence: str, title: str = "莲湖区2023年法治政府建设情况报告"):
    return extract(read_bytes(f"{title}\n一、主要举措和成效\n{sentence}\n".encode(), "t.txt"))


def honors(sentence: str) -> dict[str, str | None]:
    return {m.label: (m.alts[0] if m.alts else None) for m in run(sentence).mentions if m.kind == "Honor"}


@pytest.mark.parametrize("sentence,label", [
    ("区法律援助中心被评为全国法律援助先进集体。", "全国法律援助先进集体"),
    ("该项目获评第二批“全国法治政府建设示范项目”。", "全国法治政府建设示范项目"),
    ("西仪社区入围第二批“省级民主法治示范社区”创建名单。", "省级民主法治示范社区"),
    ("获评首批全省“营商环境创新示范区”。", "陕西省营商环境创新示范区"),
    ("案例入选“2023全国城乡社区高质量发展典型案例”。", "全国城乡社区高质量发展典型案例"),
    ("全力争创全国法治政府建设示范区。", "全国法治政府建设示范区"),
])
def test_honors_by_conferral_and_name(sentence, label):
    assert label in honors(sentence)


def test_honors_keep_the_written_form_as_alternative():
    assert honors("获评首批全省“营商环境创新示范区”。")["陕西省营商环境创新示范区"] == "首批全省营商环境创新示范区"


@pytest.mark.parametrize("sentence", ["获得群众好评。", "荣获广泛关注。", "入选名单公布。"])
def test_honors_need_an_honor_name(sentence):
    assert honors(sentence) == {}


def received(sentence: str) -> set[tuple[str, str]]:
    ex = run(sentence)
    return {(r.head, r.tail) for r in ex.relations if r.rel == "received"}


def test_honors_holder_is_the_entity_named_before_the_verb():
    rel = received("区法律援助中心被评为全国法律援助先进集体。")
    assert rel == {("institution/莲湖区法律援助中心", "honor/全国法律援助先进集体")}


def test_honors_holders_of_a_list():
    rel = received("西仪社区、学习巷社区入围第二批“省级民主法治示范社区”创建名单。")
    assert {h for h, _ in rel} == {"division/610104/西仪社区", "division/610104/学习巷社区"}


def test_honors_no_subject_means_the_reporting_division():
    rel = received("全区新增就业1.6万余人,获评首批全省“营商环境创新示范区”。")
    assert rel == {("division/610104", "honor/陕西省营商环境创新示范区")}


def test_honors_unknown_holder_gives_no_relation():
    assert received("1人荣获陕西省“十大法治人物”。") == set()
