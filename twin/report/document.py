"""The report's document: what it says, in order (headings, text, images, tables,
verdicts), and the two writers that lay it out — a PDF (fpdf2, A4, DejaVu for the
accents) and one self-contained HTML file (images embedded) — so both say the same."""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from pathlib import Path

from twin.core.errors import DataError
from twin.core.i18n import message

OK, NOT_OK = "✔", "✖"          # a verdict is said by a symbol and words, never colour alone

@dataclass
class Document:
    """What the report says, in order; the writers lay it out."""

    blocks: list = field(default_factory=list)

    def title(self, text):
        self.blocks.append(("title", text))

    def h1(self, text):
        self.blocks.append(("h1", text))

    def h2(self, text):
        self.blocks.append(("h2", text))

    def p(self, text, small=False):
        self.blocks.append(("p", text, small))

    def bullets(self, items):
        self.blocks.append(("bullets", list(items)))

    def verdict(self, ok: bool, text: str):
        self.blocks.append(("verdict", ok, text))

    def image(self, png: bytes, caption: str, size: tuple[int, int]):
        self.blocks.append(("image", png, caption, size))

    def table(self, headers, rows, widths=None, total=False):
        self.blocks.append(("table", list(headers), [list(r) for r in rows], widths, total))

    def page_break(self):
        self.blocks.append(("break",))


def _font_paths() -> tuple[Path, Path]:
    """DejaVu Sans shipped with matplotlib (always there with it), else the system's."""
    import matplotlib
    for folder in (Path(matplotlib.get_data_path()) / "fonts" / "ttf", Path("/usr/share/fonts/truetype/dejavu")):
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise DataError(message("no DejaVu Sans font found for the PDF's accents"),
                    hint=message("install matplotlib, or fonts-dejavu-core (scripts/setup.sh does)"))


def _keep_with(blocks, i: int, width: float) -> float:
    """Millimetres a heading needs below it: itself and the start of what follows (an
    image whole, else a few lines)."""
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and nxt[0] == "image":
        w, h = nxt[3]
        return 12 + min(width * h / w, 297 - 50) + 10
    return 40


def write_pdf(doc: Document, path: Path, title: str) -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace
    regular, bold = _font_paths()

    class Pdf(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.set_text_color(110)
            self.cell(0, 6, f"{title} — page {self.page_no()}/{{nb}}", align="C")

    pdf = Pdf(format="A4")
    pdf.set_title(title)
    pdf.set_creator("twin")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.add_page()
    width = pdf.epw
    for i, block in enumerate(doc.blocks):
        kind = block[0]
        pdf.set_text_color(0)
        if kind == "title":
            pdf.set_font("DejaVu", "B", 20)
            pdf.ln(20)
            pdf.multi_cell(width, 10, block[1])
            pdf.ln(4)
        elif kind == "h1":
            pdf.set_font("DejaVu", "B", 15)
            pdf.set_text_color(20, 60, 110)
            pdf.ln(2)
            pdf.multi_cell(width, 8, block[1])
            pdf.ln(2)
        elif kind == "h2":
            if pdf.get_y() + _keep_with(doc.blocks, i, width) > pdf.page_break_trigger:
                pdf.add_page()                      # never a heading alone at the foot of a page
            pdf.set_font("DejaVu", "B", 12)
            pdf.ln(2)
            pdf.multi_cell(width, 6.5, block[1])
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("DejaVu", size=8.5 if block[2] else 10)
            pdf.multi_cell(width, 4.5 if block[2] else 5.2, block[1])
            pdf.ln(1.5)
        elif kind == "bullets":
            pdf.set_font("DejaVu", size=10)
            for item in block[1]:
                pdf.set_x(pdf.l_margin + 3)
                pdf.multi_cell(width - 3, 5.2, f"•  {item}")
                pdf.ln(1)
        elif kind == "verdict":
            ok, text = block[1], block[2]
            pdf.set_font("DejaVu", "B", 11)
            pdf.set_text_color(*((25, 120, 50) if ok else (180, 30, 25)))
            pdf.multi_cell(width, 6, f"{OK if ok else NOT_OK}  {text}")
            pdf.ln(1.5)
        elif kind == "image":
            png, caption, (w, h) = block[1], block[2], block[3]
            img_w = width
            img_h = img_w * h / w
            if img_h > pdf.h - 50:
                img_h = pdf.h - 50
                img_w = img_h * w / h
            if pdf.get_y() + img_h + 10 > pdf.page_break_trigger:
                pdf.add_page()
            pdf.image(io.BytesIO(png), x=pdf.l_margin + (width - img_w) / 2, w=img_w, h=img_h)
            pdf.set_font("DejaVu", size=8.5)
            pdf.set_text_color(70)
            pdf.multi_cell(width, 4.5, caption, align="C")
            pdf.ln(3)
        elif kind == "table":
            headers, rows, widths, total = block[1], block[2], block[3], block[4]
            pdf.set_font("DejaVu", size=7.5)
            pdf.set_draw_color(170)
            with pdf.table(col_widths=widths, text_align="CENTER", line_height=4,
                           headings_style=FontFace(emphasis="BOLD", fill_color=(225, 232, 242)),
                           width=width) as table:
                table.row(headers)
                for i, row in enumerate(rows):
                    last = total and i == len(rows) - 1
                    table.row(row, style=FontFace(emphasis="BOLD", fill_color=(242, 242, 242)) if last else None)
            pdf.ln(3)
        elif kind == "break":
            pdf.add_page()
    pdf.output(str(path))


_CSS = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; max-width: 60em; margin: 2em auto; color: #111;
       line-height: 1.45; padding: 0 1em; }
h1.title { font-size: 2em; margin-top: 1.5em; }
h1 { color: #143c6e; border-bottom: 2px solid #143c6e; padding-bottom: .2em; margin-top: 2em; }
figure { margin: 1em 0; text-align: center; }
figure img { max-width: 100%; border: 1px solid #ccc; }
figcaption { color: #444; font-size: .9em; }
table { border-collapse: collapse; margin: .8em 0; font-size: .85em; }
th, td { border: 1px solid #aaa; padding: .25em .5em; text-align: center; }
th { background: #e1e8f2; }
tr.total td { font-weight: bold; background: #f2f2f2; }
p.verdict { font-weight: bold; font-size: 1.1em; }
p.ok { color: #197832; } p.bad { color: #b41e19; }
p.small { font-size: .85em; color: #333; }
"""


def write_html(doc: Document, path: Path, title: str) -> None:
    e = html.escape
    out = [f'<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>{e(title)}</title>\n'
           f'<style>{_CSS}</style>\n</head>\n<body>\n']
    for block in doc.blocks:
        kind = block[0]
        if kind == "title":
            out.append(f'<h1 class="title">{e(block[1])}</h1>\n')
        elif kind in ("h1", "h2"):
            out.append(f"<{kind}>{e(block[1])}</{kind}>\n")
        elif kind == "p":
            out.append(f'<p class="{"small" if block[2] else "text"}">{e(block[1])}</p>\n')
        elif kind == "bullets":
            out.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in block[1]) + "</ul>\n")
        elif kind == "verdict":
            ok = block[1]
            out.append(f'<p class="verdict {"ok" if ok else "bad"}">{OK if ok else NOT_OK} {e(block[2])}</p>\n')
        elif kind == "image":
            data = base64.b64encode(block[1]).decode("ascii")
            out.append(f'<figure><img src="data:image/png;base64,{data}" alt="{e(block[2])}" '
                       f'width="{block[3][0]}" height="{block[3][1]}">'
                       f"<figcaption>{e(block[2])}</figcaption></figure>\n")
        elif kind == "table":
            headers, rows, total = block[1], block[2], block[4]
            out.append("<table>\n<tr>" + "".join(f"<th>{e(h)}</th>" for h in headers) + "</tr>\n")
            for i, row in enumerate(rows):
                cls = ' class="total"' if total and i == len(rows) - 1 else ""
                out.append(f"<tr{cls}>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>\n")
            out.append("</table>\n")
    out.append("</body>\n</html>\n")
    path.write_text("".join(out), encoding="utf-8")
