"""Writes ontology/govkg.ttl from the table below (one row per term), so that labels, comments
and alignments stay in one readable place.  Run: python scripts/ontology_source.py
"""
from pathlib import Path

HEADER = """@prefix kg: <https://w3id.org/govkg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix qb: <http://purl.org/linked-data/cube#> .

<https://w3id.org/govkg/ontology> a owl:Ontology ;
    rdfs:label "govkg 政府报告知识图谱本体"@zh, "govkg ontology of Chinese government reports"@en ;
    rdfs:comment "Classes and properties of the graph that `kg build` writes from Chinese government reports: divisions, institutions, documents, programs, honors, indicators, and the provenance of every fact."@en ;
    owl:versionInfo "0.1.0" .
"""

# (term, kind, zh, en, comment, parents/alignment)
CLASSES = [
    ("AdministrativeDivision", "中国行政区划", "administrative division", "A place of government: province, prefecture, county-level division, township or street, community or village.", ["schema:AdministrativeArea"]),
    ("Province", "省级行政区", "province-level division", "Province, autonomous region, municipality or SAR (GB/T 2260 code ending 0000).", ["kg:AdministrativeDivision"]),
    ("Prefecture", "地级行政区", "prefecture-level division", "Prefecture-level city, prefecture, autonomous prefecture or league.", ["kg:AdministrativeDivision"]),
    ("County", "县级行政区", "county-level division", "District, county, county-level city or banner.", ["kg:AdministrativeDivision"]),
    ("Township", "乡级行政区", "township-level division", "Street (街道), town (镇) or township (乡), named by its suffix.", ["kg:AdministrativeDivision"]),
    ("Community", "社区或村", "community or village", "Urban community (社区) or village (村).", ["kg:AdministrativeDivision"]),
    ("Institution", "机构", "institution", "A named body: party committee, people's government and its departments, court, procuratorate, people's congress, CPPCC, service centre, mediation committee.", ["org:Organization"]),
    ("PolicyDocument", "政策文件", "policy document", "A law, regulation, plan, scheme, notice, list or report named in a text.", ["dct:BibliographicResource"]),
    ("Law", "法律", "law", "A document whose title ends in 法 or 法典.", ["kg:PolicyDocument"]),
    ("Regulation", "条例", "regulation", "A document whose title ends in 条例.", ["kg:PolicyDocument"]),
    ("Rules", "规定与办法", "rules", "Provisions, rules, measures and detailed rules (规定, 规则, 办法, 细则, 制度, 机制).", ["kg:PolicyDocument"]),
    ("Plan", "规划与纲要", "plan", "Plans, programmes and outlines (规划, 计划, 纲要).", ["kg:PolicyDocument"]),
    ("Scheme", "方案与预案", "scheme", "Implementation and work schemes, contingency plans (方案, 预案).", ["kg:PolicyDocument"]),
    ("Opinion", "意见", "opinion", "Opinions and guiding opinions (意见).", ["kg:PolicyDocument"]),
    ("Notice", "通知与通告", "notice", "Notices, circulars and announcements (通知, 通告, 公告, 通报).", ["kg:PolicyDocument"]),
    ("Decision", "决定与决议", "decision", "Decisions and resolutions (决定, 决议).", ["kg:PolicyDocument"]),
    ("Measures", "措施", "measures", "Sets of measures (措施).", ["kg:PolicyDocument"]),
    ("List", "清单与目录", "list", "Lists, catalogues and registers (清单, 目录, 名录).", ["kg:PolicyDocument"]),
    ("Guideline", "指引与规范", "guideline", "Guides, standards, norms and handbooks (指引, 指南, 标准, 规范, 手册).", ["kg:PolicyDocument"]),
    ("WorkReport", "工作报告", "work report", "A report cited in a text (政府工作报告, 党的二十大报告); the input files themselves are kg:Report.", ["kg:PolicyDocument"]),
    ("KeyPoints", "工作要点", "key points", "Annual key points of work (要点).", ["kg:PolicyDocument"]),
    ("Compilation", "汇编与案例集", "compilation", "Compilations and collections of cases (汇编, 案例).", ["kg:PolicyDocument"]),
    ("Report", "报告（输入文件）", "report", "One input file: a government report, with its title, the division and year it reports on, and its structure.", ["kg:PolicyDocument", "prov:Entity"]),
    ("Program", "工作项目与机制", "program", "A named initiative, reform, mechanism, system, campaign, working method or service brand.", ["skos:Concept"]),
    ("Honor", "荣誉", "honor", "A named award, title, list of model cases or pilot/demonstration status.", ["schema:Thing"]),
    ("Observation", "指标观测", "observation", "A numeric statement about an area or body: what is counted, the value, the unit, the year.", ["qb:Observation"]),
    ("Section", "报告章节", "section", "A numbered part of a report (一、 / (一) / 1. / 一是), with its heading and role.", ["dct:BibliographicResource"]),
    ("Sentence", "句子", "sentence", "A sentence of a report with its character offsets into the decoded text.", ["prov:Entity"]),
    ("Mention", "提及", "mention", "A span of a report that names an entity: the provenance of the entity in that report.", ["prov:Entity"]),
    ("SectionRole", "章节作用", "section role", "What a part of a report is for, as its heading says.", ["skos:Concept"]),
]
ROLES = [
    ("roleAchievements", "主要举措和成效", "achievements", "The part that reports what was done."),
    ("roleShortcomings", "存在的不足", "shortcomings", "The part that reports shortcomings and their causes."),
    ("rolePlans", "下一步工作安排", "plans", "The part that says what will be done next year; its facts are plans (kg:plans)."),
    ("roleLeadership", "第一责任人职责履行情况", "duties of the principal leaders", "The part on how the principal party and government leaders fulfilled their duty as first responsible persons for the rule of law."),
]
# (term, type, zh, en, comment, domain, range, superproperty/alignment)
PROPS = [
    ("sourceFile", "Datatype", "源文件", "source file", "The input file's name.", "kg:Report", "xsd:string", None),
    ("year", "Datatype", "年度", "year", "The year a report or an observation refers to.", None, "xsd:integer", None),
    ("reportingDivision", "Object", "报告所属行政区", "reporting division", "The division a report reports on.", "kg:Report", "kg:AdministrativeDivision", "dct:spatial"),
    ("mentions", "Object", "提及", "mentions", "An entity named in a report (direct edge for simple queries).", "kg:Report", None, "dct:references"),
    ("partOf", "Object", "隶属于", "part of", "A division's parent division, up to its province.", "kg:AdministrativeDivision", "kg:AdministrativeDivision", "schema:containedInPlace"),
    ("jurisdiction", "Object", "管辖区域", "jurisdiction", "The division an institution serves.", "kg:Institution", "kg:AdministrativeDivision", "schema:areaServed"),
    ("issued", "Object", "印发", "issued", "A division or institution issued (印发/出台/制定/发布/编制/修订) a document.", None, "kg:PolicyDocument", None),
    ("implements", "Object", "贯彻实施", "implements", "A division or institution implements a document (贯彻/落实/执行) or runs a program (推行/开展/深化).", None, None, None),
    ("plans", "Object", "计划实施", "plans", "What a plans section says an agent will issue or implement: a plan, not a fact.", None, None, None),
    ("plannedAction", "Object", "计划的行为", "planned action", "On a reified plan: the relation (kg:issued, kg:implements) it plans.", "rdf:Statement", None, None),
    ("received", "Object", "获得", "received", "A division, institution, community or program received an honor.", None, "kg:Honor", None),
    ("cooperatesWith", "Object", "合作", "cooperates with", "An agreement or joint mechanism between named bodies.", None, None, None),
    ("adminCode", "Datatype", "行政区划代码", "administrative code", "GB/T 2260 six-digit code.", "kg:AdministrativeDivision", "xsd:string", "dct:identifier"),
    ("level", "Datatype", "层级", "level", "Numbering level of a section (1 for 一、, 2 for (一), 3 for 1., 4 for 一是).", "kg:Section", "xsd:integer", None),
    ("refArea", "Object", "指标所属区域", "reference area", "The division or institution an observation is about.", "kg:Observation", None, None),
    ("measure", "Datatype", "指标", "measure", "What an observation counts, as Chinese text.", "kg:Observation", "xsd:string", None),
    ("value", "Datatype", "数值", "value", "The observed number, normalised to a plain decimal.", "kg:Observation", "xsd:decimal", None),
    ("unit", "Datatype", "单位", "unit", "The unit as written, after normalisation (件, 户, %, 元…).", "kg:Observation", "xsd:string", None),
    ("approximate", "Datatype", "约数", "approximate", "True where the text says 余/近/约/超/以上.", "kg:Observation", "xsd:boolean", None),
    ("sha256", "Datatype", "SHA-256", "SHA-256", "Digest of the input file's bytes; the report's identity.", "kg:Report", "xsd:string", None),
    ("encoding", "Datatype", "编码", "encoding", "The character encoding the input file was read with.", "kg:Report", "xsd:string", None),
    ("readingNote", "Datatype", "读取说明", "reading note", "A repair made while reading the file (e.g. a truncated last character).", "kg:Report", "xsd:string", None),
    ("hasSection", "Object", "包含章节", "has section", "A numbered part of the report.", "kg:Report", "kg:Section", "dct:hasPart"),
    ("role", "Object", "章节作用", "role", "What the section's heading says it is for.", "kg:Section", "kg:SectionRole", None),
    ("number", "Datatype", "序号", "number", "The section's number as written (一, 二…).", "kg:Section", "xsd:string", None),
    ("heading", "Datatype", "标题", "heading", "The section's heading.", "kg:Section", "rdf:langString", None),
    ("inReport", "Object", "所属报告", "in report", "The report a section, sentence, mention or statement belongs to.", None, "kg:Report", "prov:wasDerivedFrom"),
    ("inSection", "Object", "所属章节", "in section", "The innermost section a sentence belongs to.", "kg:Sentence", "kg:Section", None),
    ("inSentence", "Object", "所在句子", "in sentence", "The sentence a mention occurs in.", "kg:Mention", "kg:Sentence", "prov:wasDerivedFrom"),
    ("refersTo", "Object", "指称", "refers to", "The entity a mention names.", "kg:Mention", None, None),
    ("text", "Datatype", "文本", "text", "The text of a sentence or mention as it stands in the decoded source.", None, "rdf:langString", None),
    ("start", "Datatype", "起始位置", "start offset", "Character offset (0-based, inclusive) into the decoded source text.", None, "xsd:integer", None),
    ("end", "Datatype", "结束位置", "end offset", "Character offset (0-based, exclusive) into the decoded source text.", None, "xsd:integer", None),
    ("mentionCount", "Datatype", "提及报告数", "report count", "How many reports mention the entity.", None, "xsd:integer", None),
    ("publisherName", "Datatype", "发布机构名称", "publisher name", "The publishing body as written, where it is not linked.", "kg:Report", "xsd:string", None),
]


def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    out = [HEADER]
    for term, zh, en, comment, parents in CLASSES:
        out.append(f"kg:{term} a owl:Class ;\n    rdfs:label {q(zh)}@zh, {q(en)}@en ;\n    rdfs:comment {q(comment)}@en ;\n"
                   f"    rdfs:subClassOf {', '.join(parents)} .\n")
    for term, zh, en, comment in ROLES:
        out.append(f"kg:{term} a kg:SectionRole, owl:NamedIndividual ;\n    rdfs:label {q(zh)}@zh, {q(en)}@en ;\n"
                   f"    rdfs:comment {q(comment)}@en .\n")
    for term, kind, zh, en, comment, dom, rng, sup in PROPS:
        lines = [f"kg:{term} a owl:{kind}Property", f"rdfs:label {q(zh)}@zh, {q(en)}@en", f"rdfs:comment {q(comment)}@en"]
        if dom:
            lines.append(f"rdfs:domain {dom}")
        if rng:
            lines.append(f"rdfs:range {rng}")
        if sup:
            lines.append(f"rdfs:subPropertyOf {sup}")
        out.append(" ;\n    ".join(lines) + " .\n")
    path = Path(__file__).resolve().parent.parent / "ontology" / "govkg.ttl"
    path.write_text("\n".join(out), encoding="utf-8")
    print(path)


if __name__ == "__main__":
    main()
