"""The leadership report drawn as a PDF (fpdf2): A4 or Letter, charts drawn by vl-convert.

Every text from the workshop is written as plain text: nothing is read as Markdown or HTML.
"""

from __future__ import annotations

import io
import logging
import struct
from typing import cast

import vl_convert
from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos
from fpdf.fonts import FontFace

from exports.pdf_fonts import Fonts, find_fonts
from exports.report_blocks import Block, Bullets, Chart, Facts, Report, Section, Table, Text, long_date

PAPERS = {"a4": "A4", "letter": "Letter"}
MARGIN = 18.0  # mm
INK = (33, 37, 41)
GREY = (108, 117, 125)
ACCENT = (26, 133, 255)  # the app's love blue
HATE = (230, 97, 0)
RULE = (222, 226, 230)
CHART_SCALE = 2  # pixels per CSS pixel, so charts stay sharp in print
PX_MM = 25.4 / 96  # a chart's CSS pixel on paper
SHRINK_TO_FIT = 0.75  # a chart may shrink this far to stay on the page it starts on
_FAMILY = "report"
_SIZES = {"body": 10.5, "lead": 12.0, "quote": 12.5, "muted": 9.0}

log = logging.getLogger(__name__)


def to_pdf(report: Report, *, paper: str = "a4", fonts: Fonts | None = None) -> bytes:
    """The report as PDF bytes; `paper` is "a4" or "letter"."""
    if paper.lower() not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    fonts = fonts or find_fonts(emoji=_needs_emoji(report))
    doc = _Document(report, PAPERS[paper.lower()], fonts)
    doc.title_page()
    for section in report.sections:
        doc.section(section)
    return bytes(doc.output())


def _needs_emoji(report: Report) -> bool:
    # The emoji font is large to load; only a report with an emoji (or other pictograph) needs it.
    return any(ord(ch) >= 0x2190 and not 0x2E80 <= ord(ch) <= 0xFFFF for t in report.texts() for ch in t)


class _Document(FPDF):
    def __init__(self, report: Report, paper: str, fonts: Fonts) -> None:
        super().__init__(orientation="portrait", unit="mm", format=paper)
        self.report = report
        self.unicode = fonts.regular is not None
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.set_title(report.title if self.unicode else _latin(report.title))
        self.set_creator("Love/hate persona workshop")
        self.alias_nb_pages()
        if self.unicode:
            self._load_fonts(fonts)
        self.family = _FAMILY if self.unicode else "helvetica"
        # Charts by the id of their block, which the report holds for as long as this document lives.
        self._pictures: dict[int, tuple[bytes, float, float] | None] = {}

    def _load_fonts(self, fonts: Fonts) -> None:
        self.add_font(_FAMILY, "", str(fonts.regular))
        self.add_font(_FAMILY, "B", str(fonts.bold))
        self.add_font(_FAMILY, "I", str(fonts.italic))
        fallback_names = []
        for n, path in enumerate(fonts.fallbacks):
            name = f"fallback{n}"
            try:
                self.add_font(name, "", str(path))
            except (OSError, ValueError, KeyError, NotImplementedError, struct.error) as e:
                # A font fpdf2 cannot read only costs the characters it would have drawn.
                log.warning("PDF report: font %s skipped: %s", path, e)
                continue
            fallback_names.append(name)
        self.set_fallback_fonts(fallback_names, exact_match=False)
        try:
            # Shaping joins Arabic letters and lays right-to-left names out in reading order.
            self.set_text_shaping(True)
        except ImportError:
            log.warning("PDF report: uharfbuzz is missing; right-to-left names are not shaped")

    # Text helpers -------------------------------------------------------------------------------

    def _font(self, style: str = "", size: float = 10.5, colour: tuple[int, int, int] = INK) -> None:
        self.set_font(self.family, style, size)
        self.set_text_color(*colour)

    def _write(self, text: str, height: float, *, width: float = 0, align: Align = Align.L) -> None:
        self.multi_cell(
            width,
            height,
            text if self.unicode else _latin(text),
            align=align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            markdown=False,
        )

    def _room(self) -> float:
        return self.h - self.b_margin - self.get_y()

    def _keep(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self._room() < height:
            self.add_page()

    # Page furniture -----------------------------------------------------------------------------

    def footer(self) -> None:
        self.set_y(-12)
        self._font("", 8, GREY)
        title = self.report.title if self.unicode else _latin(self.report.title)
        self.cell(0, 5, f"{title}  \u00b7  page {self.page_no()} of {{nb}}"[:200], align=Align.C)

    def title_page(self) -> None:
        self.add_page()
        self._font("B", 9, ACCENT)
        self._write("LOVE/HATE PERSONA WORKSHOP", 5)
        self.ln(2)
        self._font("B", 24)
        self._write(self.report.title, 11)
        self._font("", 10, GREY)
        self._write(f"Report for leadership, {long_date(self.report.made_at)}", 6)
        self.ln(6)

    # Sections and blocks ------------------------------------------------------------------------

    def section(self, section: Section) -> None:
        if section.new_page:
            self.add_page()
        else:
            self._keep(self._opening(section) + 4)
            self.ln(4)
        self._font("B", 17)
        self._write(section.title, 8.5)
        y = self.get_y() + 1
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.6)
        self.line(self.l_margin, y, self.l_margin + 30, y)
        self.ln(4)
        for block, after in zip(section.blocks, (*section.blocks[1:], None), strict=True):
            if isinstance(block, Text) and block.style == "lead" and after is not None:
                # A heading within a section stays with what it introduces: all of it when that
                # is short (one chosen idea's facts), else its start.
                whole = self._height(after, whole=True)
                start = whole if whole < self.eph / 2 else self._height(after, whole=False)
                self._keep(self._height(block, whole=True) + start)
            self.block(block)

    # Measuring before drawing, so a heading never ends a page -------------------------------------

    def _opening(self, section: Section) -> float:
        """Height of what must share a page with the section's title: all of it when it is to be
        kept together (and fits a page), else its introduction and the start of what follows."""
        title = 8.5 * self._lines(section.title, self.epw, "B", 17) + 5
        if section.keep_together:
            whole = title + sum(self._height(b, whole=True) for b in section.blocks)
            if whole <= self.eph:
                return whole
        lead, blocks = title, list(section.blocks)
        if blocks and isinstance(blocks[0], Text) and len(blocks) > 1:
            lead += self._height(blocks.pop(0), whole=True)
        return lead + (self._height(blocks[0], whole=False) if blocks else 0)

    def _lines(self, text: str, width: float, style: str = "", size: float = 10.5) -> int:
        self.set_font(self.family, style, size)
        text = text if self.unicode else _latin(text)
        found = self.multi_cell(width, 5, text, dry_run=True, output=MethodReturnValue.LINES, markdown=False)
        found = cast(list[str], found)  # asked for LINES, fpdf2 gives the lines
        return max(1, len(found))

    def _height(self, block: Block, *, whole: bool) -> float:
        """Millimetres the block takes (`whole`) or needs at least before it may break onto a page."""
        if isinstance(block, Text):
            size = _SIZES.get(block.style, _SIZES["body"])
            lines = self._lines(block.text, self.epw - 5, "I" if block.style == "quote" else "", size)
            return size * 0.5 * (lines if whole else min(lines, 3)) + 3
        if isinstance(block, Facts):
            rows = block.rows if whole else block.rows[:1]
            return sum(5 * self._lines(v, self.epw - 40, "", 10) + 1 for _, v in rows) + 2
        if isinstance(block, Bullets):
            items = block.items if whole else block.items[:1]
            return (
                (6 if block.title else 0) + sum(5.2 * self._lines(i, self.epw - 6) + 0.8 for i in items) + 2
            )
        if isinstance(block, Table):
            table_rows = (block.columns, *(block.rows if whole else block.rows[:2]))
            return 3 + sum(self._row_height(row, block.widths) for row in table_rows)
        if isinstance(block, Chart):
            picture = self._picture(block)
            return 8 if picture is None else picture[2] * (1 if whole else SHRINK_TO_FIT) + 4
        raise TypeError(f"the PDF report cannot measure a {type(block).__name__}")

    def _row_height(self, row: tuple[str, ...], widths: tuple[float, ...]) -> float:
        share = sum(widths)
        lines = (
            self._lines(v, w / share * self.epw - 2.4, "", 9.5) for v, w in zip(row, widths, strict=True)
        )
        return 2.4 + 5 * max(lines)

    def block(self, block: Block) -> None:
        if isinstance(block, Text):
            self._text(block)
        elif isinstance(block, Facts):
            self._facts(block)
        elif isinstance(block, Bullets):
            self._bullets(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Chart):
            self._chart(block)
        else:  # a new kind of block must be taught to the renderer, not dropped
            raise TypeError(f"the PDF report cannot draw a {type(block).__name__}")

    def _text(self, block: Text) -> None:
        size = _SIZES.get(block.style, _SIZES["body"])
        line = size * 0.5
        if block.style == "quote":
            self._font("I", size, (73, 80, 87))
            top, page = self.get_y(), self.page
            self.set_x(self.l_margin + 5)
            self._write(f"\u201c{block.text}\u201d", line, width=self.epw - 5)
            if self.page == page:  # a quote broken across pages keeps its text, not its bar
                self.set_draw_color(*ACCENT)
                self.set_line_width(1.0)
                self.line(self.l_margin + 1, top + 0.5, self.l_margin + 1, self.get_y() - 0.5)
        else:
            style = "B" if block.style == "lead" else ""
            self._font(style, size, GREY if block.style == "muted" else INK)
            self._write(block.text, line)
        self.ln(3)

    def _facts(self, block: Facts) -> None:
        label_width = 40
        for label, value in block.rows:
            self._font("B", 9.5, GREY)
            label = label if self.unicode else _latin(label)
            lines = cast(
                list[str],
                self.multi_cell(label_width, 5, label, dry_run=True, output=MethodReturnValue.LINES),
            )
            self._keep(5 * len(lines) + 1)
            y = self.get_y()
            self.multi_cell(label_width, 5, label, new_x=XPos.RIGHT, new_y=YPos.TOP, markdown=False)
            self.set_xy(self.l_margin + label_width, y)
            self._font("", 10)
            self._write(value, 5, width=self.epw - label_width)
            if self.get_y() < y + 5 * len(lines):  # a label longer than its value
                self.set_y(y + 5 * len(lines))
            self.ln(1)
        self.ln(2)

    def _bullets(self, block: Bullets) -> None:
        if block.title:
            self._keep(14)
            warn = block.tone == "warning" or block.title.lower().startswith("hate")
            colour = HATE if warn else ACCENT
            self._font("B", 11.5, colour)
            self._write(block.title, 6)
        for item in block.items:
            # An item of a few lines is not broken across pages; a long one may be.
            self._keep(5.2 * min(self._lines(item, self.epw - 6), 4) + 0.8)
            self._font("", 10.5)
            self.set_x(self.l_margin + 2)
            self.cell(4, 5.2, "\u2022" if self.unicode else "-")
            self.set_x(self.l_margin + 6)
            self._write(item, 5.2, width=self.epw - 6)
            self.ln(0.8)
        self.ln(2)

    def _table(self, block: Table) -> None:
        self._font("", 9.5)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        aligns = [Align.R if n else Align.L for n in (block.numeric or (False,) * len(block.columns))]
        with self.table(
            col_widths=block.widths,
            text_align=tuple(aligns),
            line_height=5,
            headings_style=_headings(self.family),
            borders_layout="HORIZONTAL_LINES",
            markdown=False,
            padding=1.2,
        ) as table:
            for row in (block.columns, *block.rows):
                cells = table.row()
                for value in row:
                    cells.cell(value if self.unicode else _latin(value))
        self.ln(3)

    def _picture(self, block: Chart) -> tuple[bytes, float, float] | None:
        """The chart as PNG with its width and height on paper (mm), drawn once; None if it cannot be."""
        if id(block) in self._pictures:
            return self._pictures[id(block)]
        try:
            png = vl_convert.vegalite_to_png(block.spec, scale=CHART_SCALE)
        except Exception as e:  # the renderer's own errors have no common type
            log.warning("PDF report: chart %r not drawn: %s", block.description, e)
            self._pictures[id(block)] = None
            return None
        width_px, height_px = struct.unpack(">II", png[16:24])  # from the PNG header
        width = min(self.epw, width_px / CHART_SCALE * PX_MM)
        height = width * height_px / width_px
        most = (self.h - self.t_margin - self.b_margin - 10) * block.page_share
        if height > most:
            width, height = width * most / height, most
        self._pictures[id(block)] = png, width, height
        return self._pictures[id(block)]

    def _chart(self, block: Chart) -> None:
        picture = self._picture(block)
        if picture is None:
            self._font("I", 9, GREY)
            self._write(f"[{block.description}: the chart could not be drawn]", 5)
            return
        png, width, height = picture
        room = self._room() - 4
        if height > room >= height * SHRINK_TO_FIT:  # a little smaller beats a half-empty page
            width, height = width * room / height, room
        self._keep(height + 4)
        self.image(io.BytesIO(png), x=self.l_margin, w=width, h=height, alt_text=block.description)
        self.ln(4)


def _headings(family: str) -> FontFace:
    return FontFace(family=family, emphasis="BOLD", color=GREY, fill_color=(248, 249, 250))


def _latin(text: str) -> str:
    """Text the PDF's built-in fonts can draw (used only when no Unicode font is installed)."""
    typographic = {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2212": "-",
        "\u2013": "-",
        "\u2014": "-",
    }
    text = "".join(typographic.get(ch, ch) for ch in text)
    return text.encode("latin-1", "replace").decode("latin-1")
