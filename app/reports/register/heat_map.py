"""The 5×5 heat map of a risk register, drawn as the seed's NPSA matrix is laid out.

Likelihood runs across (1 Rare on the left to 5 Almost certain on the right), consequence up
(1 Negligible at the bottom to 5 Catastrophic at the top). Each cell is filled with the band
colour of its score and shows how many risks sit in it; an empty cell shows nothing, so the
eye goes to where the risks are.

``counts[likelihood - 1][consequence - 1]``, as ``risk_register.heat_map_counts`` gives them.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from app.domain import risk as rules
from app.reports.pack.pages import FONT, FONT_BOLD, NHS_DARK_BLUE, NHS_DARK_GREY, NHS_TEXT

CELL = 11 * mm
LABEL_WIDTH = 24 * mm  # consequence names, left of the grid
AXIS_HEIGHT = 14 * mm  # likelihood numbers and names, under the grid
TITLE_HEIGHT = 7 * mm
COUNT_SIZE, LABEL_SIZE, TITLE_SIZE = 11, 6.5, 9


def text_colour(hex_colour: str) -> colors.Color:
    """Dark text on light bands (green, yellow, amber), white on dark ones (red)."""
    c = colors.HexColor(hex_colour)
    return NHS_TEXT if 0.299 * c.red + 0.587 * c.green + 0.114 * c.blue > 0.55 else colors.white


class HeatMap(Flowable):
    """One 5×5 matrix with its title, axis labels and the count in each cell."""

    def __init__(self, counts: list[list[int]], scheme: rules.BandScheme, title: str):
        super().__init__()
        self.counts, self.scheme, self.title = counts, scheme, title
        self.width = LABEL_WIDTH + 5 * CELL + 4 * mm
        self.height = TITLE_HEIGHT + 5 * CELL + AXIS_HEIGHT

    def wrap(self, *_):
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        total = sum(map(sum, self.counts))
        c.setFillColor(NHS_DARK_BLUE)
        c.setFont(FONT_BOLD, TITLE_SIZE)
        c.drawString(LABEL_WIDTH, self.height - TITLE_SIZE - 2,
                     f"{self.title} ({total} risk{'s' if total != 1 else ''})")
        for lik in rules.LEVELS:
            for con in rules.LEVELS:
                self._cell(lik, con)
        self._axes()
        c.restoreState()

    def _origin(self, lik: int, con: int) -> tuple[float, float]:
        return LABEL_WIDTH + (lik - 1) * CELL, AXIS_HEIGHT + (con - 1) * CELL

    def _cell(self, lik: int, con: int) -> None:
        c = self.canv
        x, y = self._origin(lik, con)
        band = self.scheme.band_for(lik * con)
        c.setFillColor(colors.HexColor(band.colour))
        c.setStrokeColor(colors.white)
        c.setLineWidth(1.2)
        c.rect(x, y, CELL, CELL, stroke=1, fill=1)
        count = self.counts[lik - 1][con - 1]
        if count:
            c.setFillColor(text_colour(band.colour))
            c.setFont(FONT_BOLD, COUNT_SIZE)
            c.drawCentredString(x + CELL / 2, y + CELL / 2 - COUNT_SIZE * 0.35, str(count))

    def _axes(self) -> None:
        c = self.canv
        c.setFillColor(NHS_DARK_GREY)
        for level in rules.LEVELS:
            x, _ = self._origin(level, 1)
            c.setFont(FONT_BOLD, LABEL_SIZE)
            c.drawCentredString(x + CELL / 2, AXIS_HEIGHT - 8, str(level))
            c.setFont(FONT, LABEL_SIZE)
            for n, line in enumerate(_fit(self.scheme.likelihood_names[level - 1], CELL + 2)):
                c.drawCentredString(x + CELL / 2, AXIS_HEIGHT - 16 - n * 7, line)
            _, y = self._origin(1, level)
            c.drawRightString(LABEL_WIDTH - 3, y + CELL / 2 - 2,
                              f"{self.scheme.consequence_names[level - 1]} {level}")
        c.setFont(FONT_BOLD, LABEL_SIZE)
        c.drawCentredString(LABEL_WIDTH + 2.5 * CELL, 0, "Likelihood →")
        c.saveState()
        c.translate(6, AXIS_HEIGHT + 2.5 * CELL)
        c.rotate(90)
        c.drawCentredString(0, 0, "Consequence →")
        c.restoreState()


def _fit(words: str, width: float) -> list[str]:
    """A name as the lines that fit its column: "Almost certain" on two, an overlong word
    shortened ("Catastroph."); the number above it says the level anyway."""
    lines = [words] if stringWidth(words, FONT, LABEL_SIZE) <= width else words.split(" ", 1)
    return [_shortened(line, width) for line in lines[:2]]


def _shortened(words: str, width: float) -> str:
    if stringWidth(words, FONT, LABEL_SIZE) <= width:
        return words
    while len(words) > 3 and stringWidth(words + ".", FONT, LABEL_SIZE) > width:
        words = words[:-1].rstrip()
    return words + "."


def band_counts(counts: list[list[int]], scheme: rules.BandScheme) -> dict[str, int]:
    """How many risks in each band (every band named, lowest first)."""
    out = dict.fromkeys((b.name for b in scheme.bands), 0)
    for lik in rules.LEVELS:
        for con in rules.LEVELS:
            out[scheme.band_for(lik * con).name] += counts[lik - 1][con - 1]
    return out
