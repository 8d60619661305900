"""The leadership report's pieces: sections of headings, texts, facts, lists, tables and charts.

Plain data, so builders (exports/report.py and its section modules) and the renderer
(exports/pdf.py) meet only here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

MAP_WIDTH_PX = 400  # a map's cells; idea titles take up to MAP_TITLE_PX more on the left
MAP_TITLE_PX = 250


@dataclass(frozen=True)
class Text:
    text: str
    style: str = "body"  # "body", "lead", "quote" or "muted"


@dataclass(frozen=True)
class Facts:
    """Label and value pairs, such as "Date" and "1 December 2026"."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    title: str = ""
    tone: str = ""  # "warning" sets the title in the hate colour, as "Hates" is


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # shares of the text width
    numeric: tuple[bool, ...] = ()  # right-aligned columns


@dataclass(frozen=True)
class Chart:
    """A Vega-Lite spec, drawn as a picture; `description` says in words what it shows.

    `page_share` is the most of a page's height the picture may take, so it can share its page.
    """

    spec: dict = field(hash=False, compare=False)
    description: str
    page_share: float = 1.0


Block = Text | Facts | Bullets | Table | Chart


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    kind: str  # "cover", "persona", "map", "findings", "ranking", "decision"
    new_page: bool = False
    keep_together: bool = False  # starts a new page rather than break, when it fits on one


@dataclass(frozen=True)
class Report:
    title: str
    sections: tuple[Section, ...]
    made_at: datetime

    def texts(self) -> list[str]:
        """Every text the report shows, charts' descriptions included."""
        texts = [self.title]
        for section in self.sections:
            texts.append(section.title)
            for block in section.blocks:
                if isinstance(block, Text):
                    texts.append(block.text)
                elif isinstance(block, Bullets):
                    texts += [block.title, *block.items]
                elif isinstance(block, Facts):
                    texts += [value for row in block.rows for value in row]
                elif isinstance(block, Table):
                    texts += [*block.columns, *(value for row in block.rows for value in row)]
                elif isinstance(block, Chart):
                    texts.append(block.description)
        return texts


def long_date(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"
