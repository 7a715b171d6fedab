"""Reading: encodings, HTML, traditional characters, web furniture, bad files."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, strategies as st

from kg.read import ReadError, decode, html_to_text, read_bytes, recognition_text

REPORT = "莲湖区2023年法治政府建设情况报告\n一、主要举措和成效\n全年办理行政复议案件83件。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk", "big5"])
def test_read_decodes_common_chinese_encodings(encoding):
    text = "石景山區人民政府2023年法治政府建設情況報告，辦理行政復議案件八十三件，群眾滿意率達百分之百。" if encoding == "big5" else REPORT
    src = read_bytes(text.encode(encoding), "r.txt")
    assert src.text == text


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                       (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_read_strips_byte_order_mark(bom, codec):
    src = read_bytes(bom + REPORT.encode(codec), "r.txt")
    assert src.text == REPORT
    assert "BOM" in src.encoding


def test_read_keeps_text_of_file_cut_inside_a_character():
    data = REPORT.encode("utf-8") + "法".encode("utf-8")[:2]
    src = read_bytes(data, "cut.txt")
    assert src.text == REPORT
    assert src.notes and "multi-byte" in src.notes[0]


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"abc\x00def" * 20, "NUL"),
    (b"just some ascii words, no report here", "no Chinese text"),
])
def test_read_rejects_what_is_not_a_report_with_the_reason(data, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "bad.txt")


def test_read_html_drops_scripts_styles_and_navigation():
    html = """<html><head><title>莲湖区2023年法治政府建设情况报告 - 西安市莲湖区人民政府</title>
    <meta charset="utf-8"><style>p{color:red}</style><script>var x="法治政府";</script></head>
    <body><nav>首页 政务公开 法治政府</nav><div class="breadcrumb">首页 &gt; 政务公开</div>
    <div class="content"><h1>莲湖区2023年法治政府建设情况报告</h1>
    <p>2023年,莲湖区扎实推进依法行政。</p><p>印发《莲湖区政府督查工作实施细则》。</p></div>
    <div class="footer">版权所有</div></body></html>"""
    text, meta = html_to_text(html)
    assert "var x" not in text and "color" not in text and "政务公开" not in text and "版权所有" not in text
    assert text.splitlines() == ["莲湖区2023年法治政府建设情况报告", "2023年,莲湖区扎实推进依法行政。",
                                 "印发《莲湖区政府督查工作实施细则》。"]
    assert meta["htmltitle"].startswith("莲湖区2023年")


def test_read_html_in_gbk_declared_by_meta_charset():
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' \
           "<body><p>垫江县人民政府2023年法治政府建设情况报告</p><p>办理行政复议案件83件。</p></body></html>"
    src = read_bytes(html.encode("gbk"), "page.html")
    assert "垫江县人民政府" in src.text and src.encoding == "gb18030"


def test_read_maps_traditional_to_simplified_for_recognition_only():
    text = "硚口區人民政府關於印發《行政復議法》實施辦法的通知"
    src = read_bytes(text.encode("utf-8"), "t.txt")
    assert src.text == text  # offsets refer to what the file says
    assert src.norm == "硚口区人民政府关于印发《行政复议法》实施办法的通知"


def test_read_folds_full_width_forms_without_moving_offsets():
    assert recognition_text("（一）ＡＢ１２３，") == "(一)AB123,"


def test_read_folds_every_full_width_form_and_no_other_character():
    wide = "".join(chr(o) for o in range(0xFF01, 0xFF5F)) + "\u3000\xa0"
    assert recognition_text(wide) == "".join(chr(o) for o in range(0x21, 0x7F)) + "  "
    assert recognition_text("\uff00\uff5f「」。、 ,") == "\uff00\uff5f「」。、 ,"


@pytest.mark.parametrize("chinese,accepted", [(9, False), (10, True)])
def test_read_wants_ten_chinese_characters_anywhere_in_the_file(chinese, accepted):
    data = ("Preamble. " * 300 + "法" * chinese + "\n").encode("utf-8")
    if accepted:
        assert read_bytes(data, "late.txt").text.endswith("法\n")
    else:
        with pytest.raises(ReadError, match="no Chinese text"):
            read_bytes(data, "late.txt")


@given(st.text(max_size=300))
def test_read_recognition_text_has_the_same_length(text):
    assert len(recognition_text(text)) == len(text)


@pytest.mark.parametrize("line", [
    "您当前的位置:首页>政府信息公开目录>法治政府建设年度报告",
    "当前位置：首页 > 政务公开 > 法定主动公开内容",
    "扫一扫在手机上查看当前页面",
    "扫一扫在手机打开当前页",
    "收藏 打印 关闭",
    "【打印本页】 【关闭窗口】",
    "浏览次数：1024",
    "更新时间:2024-08-07 09:35 发布时间:2020-05-29 10:18 来源:区司法局",
    "版权所有：西安市莲湖区人民政府  陕ICP备05000000号",
    "主办：青禾县人民政府办公室",
    "承办单位：青禾县大数据中心",
])
def test_read_marks_web_furniture(line):
    src = read_bytes(f"莲湖区2023年法治政府建设情况报告\n{line}\n全年办理行政复议案件83件。\n".encode(), "p.txt")
    marked = [src.text[s.start:s.end] for s in src.furniture]
    assert marked == [line]


@pytest.mark.parametrize("line", [
    "组织开展“法律十进”活动,打印宣传资料2万份。",
    "建立首页负责制,群众扫码评价满意率达98%。",
    "来源于群众的意见建议全部办结。",
])
def test_read_keeps_report_sentences_that_share_furniture_words(line):
    src = read_bytes(f"报告\n{line}\n".encode(), "p.txt")
    assert not src.furniture


def test_read_takes_page_metadata_from_furniture_lines():
    src = read_bytes("标题报告\n更新时间:2024-08-07 09:35 发布时间:2020-05-29 10:18 来源:区司法局\n正文法治政府建设。\n".encode(), "p.txt")
    assert src.meta_value("published") == "2020-05-29"
    assert src.meta_value("source") == "区司法局"


def test_decode_prefers_utf8_when_valid():
    text, enc, notes = decode("法治".encode("utf-8") * 10)
    assert enc == "utf-8" and not notes


# ---------------------------------------------------------------- saved pages: report text kept, furniture out

PAGE_REPORT = ["青禾县2024年法治政府建设情况报告",
               "一、主要举措和成效",
               "2024年，青禾县司法局印发《青禾县行政执法监督工作办法》，深化“放管服”改革。",
               "全年办理行政复议案件56件，行政机关负责人出庭应诉率达100%。",
               "二、下一步工作打算",
               "继续推进政务服务标准化，加强法治宣传教育。"]
MENU = ["首页", "机构概况", "信息公开", "办事服务", "互动交流"]
RELATED = ["国务院", "省人民政府", "青禾县发展和改革局"]
FURNITURE = ["青禾县人民政府门户网站", "当前位置：首页 > 信息公开 > 法治政府建设",
             "发布时间：2025-03-20 09:30　来源：县司法局　浏览次数：321", "索 引 号：11520000/2025-00012",
             "稿件来源：县司法局", "上一篇：关于2024年度政府信息公开工作的报告", "下一篇：青禾县行政许可事项清单",
             "相关链接：", "地址：城关镇人民路1号　邮编：550000　电话：0851-0000000",
             "【打印本页】【关闭窗口】", "字号：大 中 小", "扫一扫在手机打开当前页"]


def _page(layout: str) -> str:
    menu_links = "".join(f'<a href="/{i}">{m}</a>' for i, m in enumerate(MENU))
    related = "".join(f'<li><a href="#">{r}</a></li>' for r in RELATED)
    prev_next = "".join(f'<p>{f.split("：")[0]}：<a href="#">{f.split("：")[1]}</a></p>' for f in FURNITURE[5:7])
    body = "".join(f"<p>{line}</p>" for line in PAGE_REPORT[1:])
    if layout == "tables":  # an old site: everything in table cells, paragraphs split by <br>
        body = "<tr><td>" + "<br>".join("&nbsp;&nbsp;" + line for line in PAGE_REPORT[1:]) + "</td></tr>"
        return (f"<html><body><table><tr><td>{FURNITURE[0]}</td></tr><tr><td>{' | '.join(f'<a>{m}</a>' for m in MENU)}"
                f"</td></tr><tr><td>{FURNITURE[1]}</td></tr></table><table><tr><td>{PAGE_REPORT[0]}</td></tr>"
                f"<tr><td>{FURNITURE[2]} {FURNITURE[10]}</td></tr><tr><td>{FURNITURE[3]}</td></tr>{body}"
                f"<tr><td>{FURNITURE[4]}</td></tr><tr><td>{FURNITURE[9]}</td></tr><tr><td>{prev_next}</td></tr>"
                f"<tr><td>{FURNITURE[7]}{''.join(f'<a>{r}</a> ' for r in RELATED)}</td></tr>"
                f"<tr><td>{FURNITURE[8]}</td></tr></table></body></html>")
    # div soup: classes that say nothing a parser could use
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{PAGE_REPORT[0]}</title></head><body>'
            f'<div class="t1">{FURNITURE[0]}</div><div class="m2">{menu_links}</div><div class="d3">{FURNITURE[1]}</div>'
            f'<div class="c4"><h1>{PAGE_REPORT[0]}</h1><div class="i5">{FURNITURE[2]}<span>{FURNITURE[10]}</span></div>'
            f'<div>{FURNITURE[3]}</div><div>{FURNITURE[4]}</div><div class="z6">{body}</div>'
            f'<div><img src="qr.png">{FURNITURE[11]}</div><div>{FURNITURE[9]}</div>{prev_next}'
            f'<div>{FURNITURE[7]}<ul>{related}</ul></div></div><div class="b7">{FURNITURE[8]}</div></body></html>')


@pytest.mark.parametrize("layout", ["tables", "div soup"])
def test_read_saved_page_keeps_the_report_and_leaves_out_the_furniture(layout):
    from kg.extract import extract

    src = read_bytes(_page(layout).encode("utf-8"), "page.html")
    marked = [range(s.start, s.end) for s in src.furniture]

    def kept(line: str) -> bool:
        at = src.text.find(line)
        return at >= 0 and not any(at in r for r in marked)

    assert [line for line in PAGE_REPORT if not kept(line)] == []
    assert [f for f in FURNITURE if kept(f)] == []
    for word in MENU + RELATED:  # menus and link lists are not text of the page
        assert not any(line.strip() == word or line.strip().startswith(word + " ") for line in src.text.splitlines()
                       if not any(src.text.find(line) in r for r in marked))
    # offsets index the text extracted from the page
    doc = extract(src)
    assert doc.mentions and all(src.text[m.start:m.end] == m.text for m in doc.mentions)
    assert "青禾县行政执法监督工作办法" in {m.text.strip("《》") for m in doc.mentions}


def test_read_html_keeps_a_line_that_is_only_partly_a_link():
    text, _ = html_to_text('<p>附件：<a href="a.pdf">青禾县行政执法事项清单</a></p><p><a href="/">首页</a> | <a href="/x">信息公开</a></p>')
    assert text == "附件：青禾县行政执法事项清单\n"
