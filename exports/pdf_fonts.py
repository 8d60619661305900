"""Fonts for the PDF report, found on the machine: a Unicode family for the text, more for what it lacks.

Nothing is bundled. With DejaVu Sans (Debian's fonts-dejavu-core, on almost every Linux) names in
accented Latin, Greek, Cyrillic, Hebrew and Arabic show; Noto fonts, when installed, add emoji and
more scripts. With no usable font at all the report still comes out, in the PDF's built-in
Helvetica, with characters it cannot show replaced by "?".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
    "~/.local/share/fonts",
    "~/.fonts",
)

# Families for the text, best first: file names of regular, bold, italic.
TEXT_FAMILIES = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
    ("FreeSans.ttf", "FreeSansBold.ttf", "FreeSansOblique.ttf"),
)
# Tried, in order, for characters the text family has no glyph for.
FALLBACKS = (
    "DejaVuSans.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoSansCJK-Regular.ttc",
    "NotoSansSymbols2-Regular.ttf",
    "NotoColorEmoji.ttf",
    "NotoEmoji-Regular.ttf",
    "Symbola.ttf",
)
EMOJI_FONTS = frozenset({"NotoColorEmoji.ttf", "NotoEmoji-Regular.ttf", "Symbola.ttf"})


@dataclass(frozen=True)
class Fonts:
    regular: Path | None  # None: only the PDF's built-in fonts are available
    bold: Path | None
    italic: Path | None
    fallbacks: tuple[Path, ...]


@lru_cache(maxsize=8)  # fonts installed while the app runs are found after a restart
def _index(dirs: tuple[str, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in dirs:
        root = Path(folder).expanduser()
        if not root.is_dir():
            continue
        for path, _, files in os.walk(root):
            for name in files:
                found.setdefault(name, Path(path) / name)
    return found


def find_fonts(dirs: tuple[str, ...] = FONT_DIRS, *, emoji: bool = True) -> Fonts:
    """The best fonts installed; `emoji=False` skips the (large) emoji fonts when no text needs them."""
    found = _index(dirs)
    regular = bold = italic = None
    for names in TEXT_FAMILIES:
        if names[0] in found:
            regular = found[names[0]]
            bold = found.get(names[1], regular)
            italic = found.get(names[2], regular)
            break
    fallbacks = tuple(
        found[name]
        for name in FALLBACKS
        if name in found and found[name] != regular and (emoji or name not in EMOJI_FONTS)
    )
    return Fonts(regular, bold, italic, fallbacks)
