"""Table models of the Scoring rounds section: the rounds, and one round's scores per risk
(a column per member, the median, the range; divergent rows highlighted, comments on hover)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.ui.common.risk_grid import text_colour_on
from app.ui.common.table_model import RowTableModel

DIVERGENT_COLOUR = QColor("#F9D5DC")  # a pale red behind risks whose members were far apart


class RoundsTableModel(RowTableModel):
    COLUMNS = (
        ("#", lambda r: r.id),
        ("Title", lambda r: r.title),
        ("Scores", lambda r: r.question),
        ("Deadline", lambda r: r.deadline),
        ("Status", lambda r: r.status),
        ("Risks", lambda r: r.risk_count),
        ("Returned", lambda r: f"{r.returned_count} of {r.member_count}"),
    )
    COL_ID, COL_TITLE, COL_QUESTION, COL_DEADLINE, COL_STATUS, COL_RISKS, COL_RETURNED = \
        range(7)
    DATE_COLUMNS = (COL_DEADLINE,)


def _fmt(value) -> str:
    return "" if value is None else f"{value:g}"


def _outcome(r) -> str:
    if r.adoption is not None:
        a = r.adoption
        return f"Adopted {a.likelihood} × {a.consequence} = {a.score} {a.band}"
    if r.outcome == "for discussion":
        return "For discussion"
    return ""


class RoundScoresModel(RowTableModel):
    """Rows are ``RiskRoundView``; member columns are set from the round's members."""

    FIXED_BEFORE = (("Risk", lambda r: r.reference), ("Title", lambda r: r.title))
    FIXED_AFTER = (
        ("Median", lambda r: _fmt(r.summary.median_score)),
        ("Range", lambda r: r.summary.range_text),
        ("Bands apart", lambda r: "Divergent" if r.summary.divergent else ""),
        ("Outcome", _outcome),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.members: list[str] = []
        self.colours: dict = {}
        self.COLUMNS = self.FIXED_BEFORE + self.FIXED_AFTER

    def set_view(self, view) -> None:
        self.beginResetModel()
        self.members = [m.name for m in view.members]
        self.colours = view.score_colours
        member_columns = tuple((name, self._member_getter(name)) for name in self.members)
        self.COLUMNS = self.FIXED_BEFORE + member_columns + self.FIXED_AFTER
        self._rows = list(view.risks)
        self.endResetModel()

    @staticmethod
    def _member_getter(name: str):
        def score(r):
            found = next((s for s in r.scores if s.member == name), None)
            return None if found is None else found.score
        return score

    def member_score(self, row, column: int):
        index = column - len(self.FIXED_BEFORE)
        if 0 <= index < len(self.members):
            return next((s for s in row.scores if s.member == self.members[index]), None)
        return None

    def display(self, row, column: int):
        score = self.member_score(row, column)
        if score is not None:
            note = " ✎" if score.comment else ""  # the comment shows on hover
            return f"{score.likelihood}×{score.consequence}={score.score}{note}"
        return super().display(row, column)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        score = self.member_score(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if score is not None:
                return f"{score.member}: {score.comment}" if score.comment else score.member
            if column == 1 and row.note:
                return row.note
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if score is not None and score.score in self.colours:
                return QColor(self.colours[score.score])
            if row.summary.divergent:
                return DIVERGENT_COLOUR
            return None
        if role == Qt.ItemDataRole.ForegroundRole and score is not None \
                and score.score in self.colours:
            return text_colour_on(QColor(self.colours[score.score]))
        return super().data(index, role)
