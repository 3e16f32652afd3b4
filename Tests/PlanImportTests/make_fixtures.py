#!/usr/bin/env python3
"""Makes the import fixtures in Resources/ from the seed plan (Resources/county-model-plan.txt).

  seed-plan.docx        the plan as a Word document: automatic numbering for (一)… and 1、… (numbering.xml)
  seed-table.docx       a 任务分解表 inside Word: one table, section rows across it, vertically merged 牵头/责任 cells
  seed-tasks.xlsx       a 任务分解表 in Excel: merged cells, plus a 工作步骤 sheet with the phases
  seed-plan-gb18030.txt the seed in GB18030 (what Windows "ANSI" saves on a Chinese desk)
  seed-plan.doc         Word 97 (only when LibreOffice's soffice is installed: made from seed-plan.docx)

Run from anywhere: python3 Tests/PlanImportTests/make_fixtures.py
"""
import os, re, shutil, subprocess, tempfile, zipfile
from xml.sax.saxutils import escape

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Resources")
seed = open(os.path.join(HERE, "county-model-plan.txt"), encoding="utf-8").read()
body = [l for l in seed.splitlines() if "二、创建任务及责任" in l][0]
CN = "一二三四五六七八九十"

preamble = body[body.index("为认真做好"):body.index("一、指导思想和目标")]
guide = body[body.index("一、指导思想和目标") + len("一、指导思想和目标"):body.index("二、创建任务及责任")]
part2 = body[body.index("二、创建任务及责任") + len("二、创建任务及责任"):body.index("三、工作步骤")]
part3 = body[body.index("三、工作步骤") + len("三、工作步骤"):body.index("四、工作措施")]

def split_numbered(text, pattern):
    """Pieces after sequential markers built by pattern(n) for n = 1, 2, …"""
    out, n, pos = [], 1, 0
    starts = []
    while True:
        m = text.find(pattern(n), pos)
        if m < 0: break
        starts.append((m, len(pattern(n)))); pos = m + 1; n += 1
    head = text[:starts[0][0]] if starts else text
    for k, (s, l) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        out.append(text[s + l:end])
    return head, out

_, secs = split_numbered(part2, lambda n: "(" + CN[n - 1] + ")")
sections = []
for s in secs:
    title, tasks = split_numbered(s, lambda n: "%d、" % n)
    last = tasks[-1]
    m = re.search(r"牵头单位:(.*?)。?责任单位:(.*)$", last)
    tasks[-1] = last[:m.start()]
    sections.append((title, tasks, m.group(1).rstrip("。"), m.group(2).rstrip("。")))
_, phase_texts = split_numbered(part3, lambda n: "(" + CN[n - 1] + ")")
phases = []
for p in phase_texts:
    m = re.match(r"(.*?)阶段\((.*?)\)。?(.*)$", p)
    phases.append((m.group(1), m.group(2), m.group(3)))

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

def para(text, num=None):
    ppr = ""
    if num is not None:
        ppr = '<w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr>' % num
    return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (ppr, escape(text))

NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering %s>'
             '<w:abstractNum w:abstractNumId="0">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="(%%1)"/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%2、"/></w:lvl>'
             '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>') % W

def docx(path, paragraphs_xml, numbering=True):
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s</w:body></w:document>'
           % (W, "".join(paragraphs_xml)))
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    docrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", docrels)
        z.writestr("word/document.xml", doc)
        z.writestr("word/numbering.xml", NUMBERING)

TITLE = "固始县创建双拥模范县实施方案"

def phase_paragraphs():
    out = [para("三、工作步骤")]
    for k, (name, when, text) in enumerate(phases):
        out.append(para("(%s)%s阶段(%s)。%s" % (CN[k], name, when, text)))
    return out

# 1. The plan with automatic numbering.
ps = [para(TITLE), para(preamble), para("一、指导思想和目标"), para(guide), para("二、创建任务及责任")]
for title, tasks, lead, resp in sections:
    ps.append(para(title, num=0))
    for t in tasks:
        ps.append(para(t, num=1))
    ps.append(para("牵头单位:%s。责任单位:%s。" % (lead, resp)))
ps += phase_paragraphs()
docx(os.path.join(HERE, "seed-plan.docx"), ps)

# 2. The task table inside Word.
def tc(text, vmerge=None, span=None):
    pr = ""
    if vmerge == "restart": pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue": pr += "<w:vMerge/>"
    if span: pr += '<w:gridSpan w:val="%d"/>' % span
    return "<w:tc>%s%s</w:tc>" % ("<w:tcPr>%s</w:tcPr>" % pr if pr else "", para(text) if text else "<w:p/>")

rows = ["<w:tr>" + "".join(tc(h) for h in ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]) + "</w:tr>"]
for k, (title, tasks, lead, resp) in enumerate(sections):
    rows.append("<w:tr>" + tc("(%s)%s" % (CN[k], title), span=5) + "</w:tr>")
    for n, t in enumerate(tasks):
        first = "restart" if n == 0 else "continue"
        rows.append("<w:tr>" + tc(str(n + 1)) + tc(t) + tc(lead if n == 0 else "", first) + tc(resp if n == 0 else "", first) + tc("") + "</w:tr>")
table = "<w:tbl>%s</w:tbl>" % "".join(rows)
docx(os.path.join(HERE, "seed-table.docx"), [para(TITLE), para(preamble), table] + phase_paragraphs())

# 3. The task table in Excel, with a sheet of phases.
def col(n):
    return "ABCDEFGHIJ"[n]

def sheet(rows, merges):
    xml = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, cells in enumerate(rows, start=1):
        xml.append('<row r="%d">' % r)
        for c, v in enumerate(cells):
            if v == "": continue
            xml.append('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(c), r, escape(v)))
        xml.append("</row>")
    xml.append("</sheetData>")
    if merges:
        xml.append('<mergeCells count="%d">%s</mergeCells>' % (len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges)))
    xml.append("</worksheet>")
    return "".join(xml)

rows, merges = [["序号", "工作任务", "牵头单位", "责任单位", "完成时限", "备注"]], []
for k, (title, tasks, lead, resp) in enumerate(sections):
    rows.append(["(%s)%s" % (CN[k], title), "", "", "", "", ""])
    merges.append("A%d:F%d" % (len(rows), len(rows)))
    first = len(rows) + 1
    for n, t in enumerate(tasks):
        rows.append([str(n + 1), t, lead if n == 0 else "", resp if n == 0 else "", "", ""])
    if len(tasks) > 1:
        merges += ["C%d:C%d" % (first, len(rows)), "D%d:D%d" % (first, len(rows))]
steps = [["阶段", "时间", "主要内容"]] + [[name + "阶段", when, text] for name, when, text in phases]
with zipfile.ZipFile(os.path.join(HERE, "seed-tasks.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
               '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
               '<sheet name="任务分解表" sheetId="1" r:id="rId1"/><sheet name="工作步骤" sheetId="2" r:id="rId2"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", sheet(rows, merges))
    z.writestr("xl/worksheets/sheet2.xml", sheet(steps, []))

# 4. GB18030 text.
open(os.path.join(HERE, "seed-plan-gb18030.txt"), "wb").write(seed.encode("gb18030"))

# 5. Word 97, when LibreOffice is here. Its numbers are typed, as in most .doc plans: antiword does not
#    write out Word's automatic numbering.
soffice = shutil.which("soffice") or shutil.which("libreoffice")
if soffice:
    with tempfile.TemporaryDirectory() as d:
        typed = [para(TITLE), para(preamble), para("一、指导思想和目标"), para(guide), para("二、创建任务及责任")]
        for k, (title, tasks, lead, resp) in enumerate(sections):
            typed.append(para("(%s)%s" % (CN[k], title)))
            typed += [para("%d、%s" % (n + 1, t)) for n, t in enumerate(tasks)]
            typed.append(para("牵头单位:%s。责任单位:%s。" % (lead, resp)))
        typed += phase_paragraphs()
        docx(os.path.join(d, "seed-plan.docx"), typed)
        subprocess.run([soffice, "-env:UserInstallation=file://%s/profile" % d, "--headless", "--convert-to", "doc",
                        "--outdir", d, os.path.join(d, "seed-plan.docx")], check=True, capture_output=True)
        shutil.copy(os.path.join(d, "seed-plan.doc"), os.path.join(HERE, "seed-plan.doc"))
else:
    print("soffice not found: seed-plan.doc not remade")
print("sections", len(sections), "tasks", sum(len(s[1]) for s in sections), "phases", len(phases))
