"""Small pieces the meeting screens share: choice boxes of people, bodies and items, and
the colours for good and bad news (quorate, overdue)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox

from app.services import people

GOOD_COLOUR = QColor("#007f3b")     # NHS green: quorate
BAD_COLOUR = QColor("#b00020")      # overdue, inquorate, late
FLAG_COLOUR = QColor("#d5281b")


def choice_box(choices, none_text: str | None = None, current=None) -> QComboBox:
    """A combo of (text, value) pairs; ``none_text`` offers a first choice meaning None."""
    box = QComboBox()
    # long names elide in the closed box (the list shows them whole), so filter bars and
    # forms stay narrow enough for a small window
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(14)
    if none_text is not None:
        box.addItem(none_text, None)
    for text, value in choices:
        box.addItem(text, value)
    select_value(box, current)
    return box


def select_value(box: QComboBox, value) -> None:
    index = box.findData(value)
    if index >= 0:
        box.setCurrentIndex(index)


def people_choices(ctx) -> list[tuple[str, int]]:
    return [(p.name, p.id) for p in ctx.run(people.list_people, include_retired=False)]


def committee_choices(ctx) -> list[tuple[str, int]]:
    return [(c.name, c.id) for c in ctx.run(people.list_committees, include_retired=False)]


def item_choices(agenda) -> list[tuple[str, int]]:
    return [(f"{i.number}  {i.title}", i.id) for i in agenda]


def short_time(value) -> str:
    return value.strftime("%H:%M") if value else ""
