"""How well saved web pages become report text: our reader (html.parser + the furniture table)
against trafilatura's main-text extraction, on realistic saved pages.

    .venv/bin/python bench/html_furniture.py [DOCS]      (default: ../shared/devset/docs)

Each report of DOCS is wrapped in three kinds of government-site page — semantic HTML5, an old
table layout, and div soup whose classes say nothing — with a site header and menu, a breadcrumb,
a 发布时间/来源/浏览次数 line, 字号 大 中 小, print/close buttons, share links, previous/next
links, related links and a footer.  Some reports also carry furniture as text inside the body
(as sites paste it); those lines, found by a broad pattern and checked by reading, count as
furniture too.  Two numbers per method:

  report text lost      characters of report lines missing from what the method keeps
  furniture let through furniture items (and their characters) still in what it keeps

"Kept" for our reader is the text minus the lines it marks as furniture (they are kept in the
text for offsets, but recognition skips them).  The last line is JSON.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Furniture a site puts in the text of a report: checked by reading every line it matches.
TEXT_FURNITURE = re.compile(r"首[页頁]\s*>|字号|字體|字体|文字大小|位置[:：]|版权|版權|打印|扫一扫|掃一掃|浏览次数|瀏覽次數|来源[:：]|來源[:：]|"
                            r"发布(时间|日期|机构)|發佈(時間|日期)|^时间[:：]|^日期[:：]|关闭|關閉|主办|承办|ICP|门户网站|索\s*引\s*号")


def squeeze(s: str) -> str:
    return re.sub(r"[\s\u3000\xa0]+", "", s)


def split(text: str) -> tuple[list[str], list[str]]:
    report, furniture = [], []
    for line in text.splitlines():
        line = line.strip().strip("\u3000")
        if not line:
            continue
        if len(line) < 120 and not line.endswith("。") and TEXT_FURNITURE.search(line):
            furniture.append(line)
        else:
            report.append(line)
    return report, furniture


def place(title: str) -> str:
    m = re.match(r"^(.{2,12}?(?:自治州|自治县|自治区|街道|县|區|区|市|镇|鎮|乡|鄉|旗|省))", title)
    return m.group(1) if m else "本地"


def pages(name: str, text: str) -> list[tuple[str, str, list[str], list[str]]]:
    """(kind, page, report lines, furniture items) for each template."""
    report, own = split(text)
    title = report[0]
    where = place(title)
    e = html.escape

    def link(item: str) -> str:  # 上一篇：<a>title</a>
        label, _, title = item.partition("：")
        return f'{e(label)}：<a href="#">{e(title)}</a>'
    menu = ["首页", "政务公开", "政务服务", "互动交流", f"走进{where}", "专题专栏"]
    crumb = "您当前的位置：首页 > 政务公开 > 法治政府建设"
    meta = "发布时间：2024-03-29 10:12　来源：司法局　浏览次数：1024"
    size = "字号：大 中 小"
    tools = "【打印本页】【关闭窗口】"
    share = "分享到：微信 微博 QQ空间"
    prevnext = ["上一篇：关于公布行政许可事项清单的通知", "下一篇：2024年度政府信息公开工作年度报告"]
    related = ["相关链接", "国务院", f"{where}发展和改革局", "政府信息公开指南"]
    footer = [f"主办单位：{where}人民政府办公室", "版权所有：本站　网站标识码：1234567890", "陕ICP备05000000号　公网安备 61010402000000号",
              "地址：人民路1号　邮编：710000　联系电话：029-00000000"]
    site = f"{where}人民政府门户网站"
    body_lines = [*own[:1], *report[1:], *own[1:]]  # furniture written in the text stays where sites put it
    furniture = [site, *menu, crumb, meta, size, tools, share, *prevnext, *related, *footer, *own]
    paras = "\n".join(f"<p>{e(line)}</p>" for line in body_lines)
    brs = "<br>\n".join("&nbsp;&nbsp;" + e(line) for line in body_lines)
    out = []
    out.append(("semantic", f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(title)}_{e(site)}</title>
<script>var _hmt = [];</script><style>.a{{}}</style></head><body>
<header><div class="logo">{e(site)}</div><nav><ul>{''.join(f'<li><a href="#">{e(m)}</a></li>' for m in menu)}</ul></nav></header>
<div class="breadcrumb">{e(crumb)}</div>
<article><h1>{e(title)}</h1><div class="info">{e(meta)} <span>{e(size)}</span></div>
<div class="content">{paras}</div>
<div class="tools">{e(tools)}</div><div class="share">{e(share)}</div>
<div class="pn"><p>{link(prevnext[0])}</p><p>{link(prevnext[1])}</p></div></article>
<aside><h3>{e(related[0])}</h3><ul>{''.join(f'<li><a href="#">{e(r)}</a></li>' for r in related[1:])}</ul></aside>
<footer>{''.join(f'<p>{e(f)}</p>' for f in footer)}</footer></body></html>""", report, furniture))
    out.append(("tables", f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{e(site)}</title></head>
<body><table width="1000" align="center"><tr><td class="top">{e(site)}</td></tr>
<tr><td>{'&nbsp;|&nbsp;'.join(f'<a href="#">{e(m)}</a>' for m in menu)}</td></tr>
<tr><td>{e(crumb.replace(' > ', ' >> '))}</td></tr></table>
<table width="1000" align="center"><tr><td align="center"><b>{e(title)}</b></td></tr>
<tr><td align="center">{e(meta)}&nbsp;&nbsp;{e(size)}</td></tr>
<tr><td class="zw">{brs}</td></tr>
<tr><td align="right">{e(tools)}</td></tr>
<tr><td>{link(prevnext[0])}<br>{link(prevnext[1])}</td></tr>
<tr><td>{e(related[0])}：{'&nbsp;'.join(f'<a href="#">{e(r)}</a>' for r in related[1:])}</td></tr></table>
<table width="1000" align="center"><tr><td class="bottom">{'<br>'.join(e(f) for f in footer)}</td></tr></table>
</body></html>""", report, furniture))
    out.append(("div soup", f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(title)}</title></head><body>
<div class="w1200 top_box"><div class="t_l">{e(site)}</div><div class="m_nav">{''.join(f'<a href="#">{e(m)}</a>' for m in menu)}</div></div>
<div class="w1200"><div class="dqwz">{e(crumb)}</div>
<div class="xl_tit">{e(title)}</div><div class="xl_info"><span>{e(meta)}</span><span>{e(size)}</span></div>
<div class="xl_con">{paras}</div>
<div class="ewm"><img src="qr.png">扫一扫在手机打开当前页</div>
<div class="dy">{e(tools)}　【我要纠错】</div>
<div class="sxp"><div>{link(prevnext[0])}</div><div>{link(prevnext[1])}</div></div>
<div class="xgxx"><div class="tt">{e(related[0])}</div>{''.join(f'<div><a href="#">{e(r)}</a></div>' for r in related[1:])}</div></div>
<div class="bot">{''.join(f'<div>{e(f)}</div>' for f in footer)}</div></body></html>""",
                report, furniture + ["扫一扫在手机打开当前页", "【我要纠错】"]))
    return out


def kept_by_ours(page: str) -> str:
    from kg.read import read_bytes

    src = read_bytes(page.encode("utf-8"), "page.html")
    text = src.text
    for span in sorted(src.furniture, key=lambda s: -s.start):
        text = text[: span.start] + "\n" + text[span.end:]
    return text


def kept_by_trafilatura(page: str) -> str:
    import trafilatura

    return trafilatura.extract(page, include_comments=False, include_tables=True, deduplicate=False,
                               favor_recall=True) or ""


def kept_by_trafilatura_and_table(page: str) -> str:
    """trafilatura's text, then our furniture table on what it kept."""
    from kg.read import furniture, recognition_text

    text = kept_by_trafilatura(page)
    spans, _ = furniture(recognition_text(text))
    for span in sorted(spans, key=lambda s: -s.start):
        text = text[: span.start] + "\n" + text[span.end:]
    return text


METHODS = {"ours (html.parser + furniture table)": kept_by_ours, "trafilatura": kept_by_trafilatura,
           "trafilatura + furniture table": kept_by_trafilatura_and_table}


def main(argv: list[str]) -> int:
    docs = Path(argv[0]) if argv else ROOT.parent / "shared" / "devset" / "docs"
    try:
        import trafilatura  # noqa: F401  (not a dependency: pip install trafilatura lxml_html_clean)
    except ImportError:
        print("trafilatura is not installed (pip install trafilatura lxml_html_clean): measuring ours only")
        for m in [m for m in METHODS if "trafilatura" in m]:
            del METHODS[m]
    files = sorted(docs.glob("*.txt"))
    totals = {m: {"report": 0, "lost": 0, "items": 0, "through": 0, "fchars": 0, "fthrough": 0} for m in METHODS}
    by_kind: dict[tuple[str, str], list[int]] = {}
    for f in files:
        for kind, page, report, furniture in pages(f.name, f.read_text(encoding="utf-8")):
            for method, keep in METHODS.items():
                kept = squeeze(keep(page))
                said = squeeze("".join(report))
                furniture = [x for x in furniture if squeeze(x) not in said]  # a word the report also uses
                t = totals[method]
                for line in report:
                    t["report"] += len(squeeze(line))
                    if squeeze(line) not in kept:
                        t["lost"] += len(squeeze(line))
                for item in set(furniture):
                    t["items"] += 1
                    t["fchars"] += len(squeeze(item))
                    if squeeze(item) in kept:
                        t["through"] += 1
                        t["fthrough"] += len(squeeze(item))
                k = by_kind.setdefault((method, kind), [0, 0, 0, 0])
                k[0] += sum(len(squeeze(x)) for x in report if squeeze(x) not in kept)
                k[1] += sum(len(squeeze(x)) for x in report)
                k[2] += sum(1 for x in set(furniture) if squeeze(x) in kept)
                k[3] += len(set(furniture))
    print(f"{len(files)} reports × 3 page kinds = {3 * len(files)} pages")
    print("| method | report text lost | furniture let through (items) | furniture let through (chars) |")
    print("| --- | --- | --- | --- |")
    for m, t in totals.items():
        print(f"| {m} | {t['lost'] / t['report']:.2%} ({t['lost']:,} of {t['report']:,} chars) | "
              f"{t['through'] / t['items']:.1%} ({t['through']} of {t['items']}) | {t['fthrough'] / t['fchars']:.1%} |")
    print()
    for (m, kind), (lost, rep, through, items) in sorted(by_kind.items()):
        print(f"  {m:<40} {kind:<9} lost {lost / rep:6.2%}   furniture through {through / items:6.1%}")
    print(json.dumps({m: {k: v for k, v in t.items()} for m, t in totals.items()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
