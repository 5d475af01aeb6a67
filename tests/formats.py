"""Reports as governments publish them, made from seed text for the tests of
:mod:`analysis.convert`: a GBK web page wrapped in a site's frame, a ``.docx``
with a page header and a target/result table, a two-page PDF with a running
header and page numbers, a two-column PDF and a scanned (image-only) PDF.

Every maker takes body lines (a table row is a line with cells apart by
`` | ``) and returns bytes; :data:`CHROME` lists the frame's text, none of which
may reach a document's text.
"""

from __future__ import annotations

import io
from pathlib import Path

from conftest import CORPUS_DIR

from analysis.config import PROJECT_ROOT

FONT = PROJECT_ROOT / "src" / "analysis" / "fonts" / "NotoSansSC-Regular-subset.ttf"

#: Lines of the seed report (1-based) that make the body: title, address, a
#: review paragraph full of figures, the headings and goals of the plan part.
SEED_LINES = [4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 22, 25, 45, 46, 48, 49, 50]
#: A plan table (made up for the fixture: the seed report has none).
TABLE = [
    "指标 | 预期目标 | 完成情况",
    "地区生产总值（亿元） | 45 | 46",
    "工商注册市场主体（家） | 6500 | 6801",
]

SITE_NAV = "首页 | 政务公开 | 政务服务 | 互动交流"
BREADCRUMB = "当前位置：首页 > 政务公开 > 政府工作报告"
SHARE = "分享到：微信 微博 QQ空间"
FOOTER = "主办单位：诸暨市山下湖镇人民政府 | 浙ICP备05010051号 | 网站标识码：3306810001"
RUNNING_HEAD = "山下湖镇人民政府公报"
CHROME = [SITE_NAV, BREADCRUMB, SHARE, "打印本页", "关闭窗口", "网站标识码", "浙ICP备", RUNNING_HEAD, "当前位置"]


def seed_lines() -> list[str]:
    """The body lines from the seed report (ASCII punctuation as in the file)."""
    raw = (CORPUS_DIR / "shanxiahu_2022_work_report.txt").read_text(encoding="utf-8").split("\n")
    return [raw[k - 1] for k in SEED_LINES]


def body_lines(with_table: bool = True) -> list[str]:
    lines = seed_lines()
    if with_table:
        k = lines.index(raw_line(12)) + 1  # after the review paragraph
        lines = lines[:k] + TABLE + lines[k:]
    return lines


def raw_line(n: int) -> str:
    return (CORPUS_DIR / "shanxiahu_2022_work_report.txt").read_text(encoding="utf-8").split("\n")[n - 1]


def as_text(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def gbk_page(lines: list[str]) -> bytes:
    """An old-style government page: GB2312 declared, table layout, nav, breadcrumb, share links, footer."""
    import html

    def para(line: str) -> str:
        if " | " in line:
            return "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line.split(" | ")) + "</tr>"
        return f'<p style="text-indent:2em"><font size="3">{html.escape(line)}</font></p>'

    body, rows = [], []
    for line in lines:
        if " | " in line:
            rows.append(para(line))
            continue
        if rows:
            body.append('<table border="1" cellspacing="0">' + "".join(rows) + "</table>")
            rows = []
        body.append(para(line))
    nav = "".join(f'<a href="/c{k}.html">{w}</a> | ' for k, w in enumerate(SITE_NAV.split(" | ")))
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{html.escape(lines[0])}_诸暨市人民政府</title><script>var _hmt = _hmt || [];</script>
<style>.nav a {{ color: #fff; }}</style></head>
<body><table width="1000" align="center"><tr><td class="nav">{nav}</td></tr>
<tr><td class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a>政府工作报告</a></td></tr>
<tr><td><div class="title"><h1>{html.escape(lines[0])}</h1></div>
<div class="info">发布时间：2022-01-25 来源：山下湖镇 浏览次数：1024 字号：<a>大</a> <a>中</a> <a>小</a></div>
<div id="zoom" class="TRS_Editor">{"".join(body)}</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</td></tr><tr><td class="footer">{FOOTER}</td></tr></table></body></html>"""
    return page.encode("gb18030")


def docx_file(lines: list[str]) -> bytes:
    """A Word file: paragraphs, the plan table as a real table, a page header and footer."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = RUNNING_HEAD
    section.footer.paragraphs[0].text = "第 1 页"
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, cells in enumerate(rows):
                for c, text in enumerate(cells):
                    table.cell(r, c).text = text
            rows.clear()

    for line in lines:
        if " | " in line:
            rows.append(line.split(" | "))
            continue
        flush()
        document.add_paragraph(line)
    flush()
    document.core_properties.title = lines[0]
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _pdf(title: str):
    from fpdf import FPDF

    class Report(FPDF):
        def header(self):
            self.set_font("noto", size=9)
            self.cell(0, 8, RUNNING_HEAD, align="C")
            self.ln(12)

        def footer(self):
            self.set_y(-15)
            self.set_font("noto", size=9)
            self.cell(0, 8, f"- {self.page_no()} -", align="C")

    pdf = Report(format="A4")
    pdf.add_font("noto", "", str(FONT))
    pdf.set_title(title)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("noto", size=11)
    return pdf


def pdf_file(lines: list[str]) -> bytes:
    """A PDF with a running header and page numbers; each paragraph starts indented."""
    pdf = _pdf(lines[0])
    rows: list[list[str]] = []
    for line in lines + [""]:
        if " | " in line:
            rows.append(line.split(" | "))
            continue
        if rows:  # a ruled table
            with pdf.table(line_height=8, first_row_as_headings=False) as table:
                for cells in rows:
                    row = table.row()
                    for cell in cells:
                        row.cell(cell)
            pdf.ln(4)
            rows = []
        if line:
            pdf.set_x(pdf.l_margin + 8)  # first-line indent; the following lines wrap to the margin
            pdf.write(7, line)
            pdf.ln(9)
    return bytes(pdf.output())


def two_column_pdf(left: list[str], right: list[str]) -> bytes:
    """One page in two columns: ``left`` read first, then ``right``."""
    pdf = _pdf(left[0])
    top = pdf.get_y()
    width = (pdf.w - pdf.l_margin - pdf.r_margin - 10) / 2
    for column, lines in ((0, left), (1, right)):
        pdf.set_xy(pdf.l_margin + column * (width + 10), top)
        for line in lines:
            pdf.set_x(pdf.l_margin + column * (width + 10))
            pdf.multi_cell(width, 7, line, new_x="LEFT", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


def scanned_pdf(pages: int = 2, lines: list[str] | None = None) -> bytes:
    """A PDF of images only (a scan): no text layer.  With ``lines``, each page
    is a picture of them printed (for OCR); else grey bars stand for the print."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    pdf = FPDF(format="A4")
    for _ in range(pages):
        pdf.add_page()
        if lines:
            image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
            draw, font, y = ImageDraw.Draw(image), ImageFont.truetype(str(FONT), 40), 150
            for line in lines:
                while line:
                    draw.text((150, y), line[:32], font=font, fill=0)
                    line, y = line[32:], y + 64
        else:
            image = Image.new("L", (400, 560), 255)
            for y in range(60, 500, 24):  # grey bars where lines of print would be
                image.paste(90, (40, y, 360, y + 10))
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        buf.seek(0)
        pdf.image(buf, x=10, y=10, w=190)
    return bytes(pdf.output())


def save(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def modern_page(lines: list[str]) -> bytes:
    """A newer site: UTF-8, <meta charset>, nav lists, a sidebar of related links, the article in <article>."""
    import html

    body = []
    rows: list[str] = []
    for line in lines + [""]:
        if " | " in line:
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line.split(" | ")) + "</tr>")
            continue
        if rows:
            body.append("<table>" + "".join(rows) + "</table>")
            rows = []
        if line:
            body.append(f"<p>{html.escape(line)}</p>")
    nav = "".join(f"<li><a href='#'>{w}</a></li>" for w in SITE_NAV.split(" | "))
    related = "".join(f"<li><a href='#'>关于印发{w}的通知</a></li>" for w in ("2022年重点工作任务分解", "营商环境优化方案", "防汛工作预案"))
    page = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(lines[0])}</title></head>
<body><header><ul class="nav">{nav}</ul></header>
<div class="breadcrumb">{BREADCRUMB}</div>
<main><article><h1>{html.escape(lines[0])}</h1><div class="meta"><span>发布日期：2022年01月25日</span> <span>来源：山下湖镇人民政府</span></div>
<div class="article-content">{"".join(body)}</div>
<div class="share">{SHARE}</div></article>
<aside><h3>相关文章</h3><ul>{related}</ul></aside></main>
<footer><p>{FOOTER}</p><p>扫一扫在手机打开当前页</p></footer></body></html>"""
    return page.encode("utf-8")


def br_page(lines: list[str]) -> bytes:
    """A page whose article is one <div> of <br>-separated lines inside a layout table, GBK without a declaration."""
    import html

    text = "<br>\n".join("\u3000\u3000" + html.escape(ln) for ln in lines if " | " not in ln)
    page = f"""<html><head><title>{html.escape(lines[0])}</title></head><body>
<table><tr><td>{" | ".join(SITE_NAV.split(" | "))}</td></tr><tr><td>{BREADCRUMB}</td></tr>
<tr><td><table><tr><td align="center"><b>{html.escape(lines[0])}</b></td></tr>
<tr><td class="content"><div>{text}</div></td></tr></table></td></tr>
<tr><td>{SHARE} 【打印本页】 【关闭窗口】</td></tr><tr><td>{FOOTER}</td></tr></table></body></html>"""
    return page.encode("gb18030")
