"""The member's scoring screen: one scoring pack (``.bbscore``) and nothing else.

The risks are listed on the left, marked done or not; for the chosen risk the middle shows
what the pack says about it (description, scores, controls, assurances, gaps, history) and the
right the clickable 5×5 matrix and a comment box. Save keeps the scores in the pack file, so
the member can stop and carry on later; "Return scores…" marks the pack returned and writes
it (to the same file or another). No database is opened.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import BoardbookError
from app.exchange.scoring.pack import EXTENSION, ScoringPack, read_pack
from app.ui.common.errors import show_error
from app.ui.common.risk_matrix import RiskMatrixPanel

PACK_FILTER = f"Boardbook scoring packs (*{EXTENSION});;All files (*)"
QUESTION_WORDS = {"current": "Score the risk as it stands today, with its present controls.",
                  "target": "Score where the risk should be once the planned actions are done."}


def _e(value) -> str:
    return html.escape(str(value or ""))


def _score_text(score: dict | None) -> str:
    if not score:
        return "not set"
    return f"{score['likelihood']} × {score['consequence']} = {score['score']}"


def _list(title: str, items: list[str]) -> str:
    if not items:
        return f"<h3>{title}</h3><p><i>None recorded.</i></p>"
    return f"<h3>{title}</h3><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def risk_html(risk: dict) -> str:
    """What the pack says about a risk, for the middle pane."""
    parts = [f"<h2>{_e(risk['reference'])} {_e(risk['title'])}</h2>"]
    for label in ("cause", "event", "effect"):
        if risk.get(label):
            parts.append(f"<p><b>{label.capitalize()}:</b> {_e(risk[label])}</p>")
    target = _score_text(risk.get("target"))
    if risk.get("target_date"):
        target += f" by {_e(risk['target_date'])}"
    parts.append(f"<p><b>Current score:</b> {_score_text(risk.get('current'))} &nbsp; "
                 f"<b>Target:</b> {target}</p>")
    parts.append(_list("Controls", [f"{_e(c['description'])} <small>({_e(c['type'])}, "
                                    f"{_e(c['effectiveness'])})</small>"
                                    for c in risk.get("controls", [])]))
    parts.append(_list("Assurances", [
        f"{_e(a['description'])} <small>(line {a['line_of_defence']} {_e(a['line'])}, "
        f"{'positive' if a['positive'] else 'negative'}"
        f"{', ' + _e(a['source']) if a.get('source') else ''})</small>"
        for a in risk.get("assurances", [])]))
    parts.append(_list("Gaps", [f"{_e(g['description'])} <small>(in {_e(g['kind'])})</small>"
                                for g in risk.get("gaps", [])]))
    rows = "".join(
        f"<tr><td>{_e(h['scored_on'])}</td><td>{_e(h['kind'])}</td>"
        f"<td>{h['likelihood']} × {h['consequence']} = {h['score']} {_e(h['band'])}</td>"
        f"<td>{_e(h['scored_by'])}</td><td>{_e(h['rationale'])}</td></tr>"
        for h in risk.get("history", []))
    parts.append("<h3>Score history</h3><table cellspacing='0' cellpadding='3' border='1'>"
                 "<tr><th>On</th><th>Kind</th><th>Score</th><th>By</th><th>Why</th></tr>"
                 f"{rows}</table>")
    return "".join(parts)


class ScoringWindow(QMainWindow):
    def __init__(self, pack: ScoringPack, path: str | Path, parent=None):
        super().__init__(parent)
        self.pack, self.path, self.dirty = pack, Path(path), False
        self.current_ref: str | None = None
        self.setObjectName("scoringWindow")
        self._build()
        self._fill_list()
        self.risk_list.setCurrentRow(0)
        self._show_title()

    # ------------------------------------------------------------------------- building
    def _build(self) -> None:
        rnd, member = self.pack.round, self.pack.member
        self.header = QLabel(
            f"<b>{_e(self.pack.fixed['organisation'])}</b> — scoring round "
            f"<b>{_e(rnd['title'])}</b>, for {_e(member['name'])}. Deadline "
            f"{_e(rnd['deadline'])}. {QUESTION_WORDS.get(rnd['question'], '')}")
        self.header.setWordWrap(True)
        self.warning = QLabel("This pack was changed outside Boardbook: the secretary's "
                              "Boardbook will refuse it. Ask for a new pack.")
        self.warning.setStyleSheet("background: #8A1538; color: white; padding: 4px")
        self.warning.setVisible(not self.pack.digest_ok())
        self.risk_list = QListWidget()
        self.risk_list.setAccessibleName("Risks to score")
        self.risk_list.setWordWrap(True)
        self.risk_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.risk_list.setSpacing(2)
        self.risk_list.currentRowChanged.connect(self._on_risk_chosen)
        self.details = QTextBrowser()
        self.panel = RiskMatrixPanel("Your score", QUESTION_WORDS.get(rnd["question"], ""))
        self.panel.set_scheme(self.pack.scheme)
        self.panel.changed.connect(self._on_matrix_changed)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText("Why this score? (optional)")
        self.comment.setMaximumHeight(90)
        self.comment.textChanged.connect(self._on_comment_changed)
        self.progress = QLabel()
        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Keep your scores in the pack file; carry on later")
        self.save_button.clicked.connect(self.save)
        self.return_button = QPushButton("&Return scores…")
        self.return_button.clicked.connect(self.return_scores)
        self.setCentralWidget(self._layout())
        self._menus()
        self.resize(1180, 760)

    def _layout(self) -> QWidget:
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.panel)
        rl.addWidget(QLabel("Comment"))
        rl.addWidget(self.comment)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.return_button)
        rl.addLayout(buttons)
        split = QSplitter()
        split.addWidget(self.risk_list)
        split.addWidget(self.details)
        split.addWidget(right)
        split.setSizes([300, 470, 410])
        split.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addWidget(self.warning)
        layout.addWidget(split, 1)
        return central

    def _menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        for text, slot, key in (("&Save", self.save, QKeySequence.StandardKey.Save),
                                ("&Return scores…", self.return_scores, None),
                                ("&Close", self.close, QKeySequence.StandardKey.Close)):
            action = QAction(text, self)
            if key is not None:
                action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False, s=slot: s())
            menu.addAction(action)

    # ------------------------------------------------------------------------- showing
    def _item_text(self, risk: dict) -> str:
        mark = "✓" if self.pack.is_done(risk["reference"]) else "○"
        return f"{mark}  {risk['reference']}\n     {risk['title']}"

    def _fill_list(self) -> None:
        self.risk_list.clear()
        for risk in self.pack.risks:
            item = QListWidgetItem(self._item_text(risk))
            item.setData(Qt.ItemDataRole.UserRole, risk["reference"])
            item.setToolTip(risk["title"])
            self.risk_list.addItem(item)
        self._show_progress()

    def _show_progress(self) -> None:
        done, total = self.pack.done_count, len(self.pack.risks)
        state = f"returned {self.pack.returned_at[:10]}" if self.pack.returned_at else ""
        self.progress.setText(f"{done} of {total} scored" + (f"; {state}" if state else ""))

    def _show_title(self) -> None:
        star = "*" if self.dirty else ""
        self.setWindowTitle(f"{star}{self.path.name} — Boardbook scoring")

    def _on_risk_chosen(self, row: int) -> None:
        if row < 0:
            return
        risk = self.pack.risks[row]
        self.current_ref = None  # loading is not editing
        self.details.setHtml(risk_html(risk))
        self.panel.set_domain(risk.get("consequence_domain", ""))
        score = self.pack.score_for(risk["reference"])
        self.panel.set_value((score["likelihood"], score["consequence"]) if score else None)
        self.comment.setPlainText(score.get("comment", "") if score else "")
        self.current_ref = risk["reference"]

    # ------------------------------------------------------------------------- scoring
    def _record(self) -> None:
        cell = self.panel.value()
        if self.current_ref is None or cell is None:
            return
        self.pack.set_score(self.current_ref, cell[0], cell[1], self.comment.toPlainText())
        self.dirty = True
        item = self.risk_list.currentItem()
        item.setText(self._item_text(self.pack.risk(self.current_ref)))
        self._show_progress()
        self._show_title()

    def _on_matrix_changed(self, _cell) -> None:
        self._record()

    def _on_comment_changed(self) -> None:
        self._record()

    def save(self, path: Path | None = None) -> bool:
        try:
            self.pack.save(path or self.path)
        except OSError as exc:
            show_error(self, BoardbookError(f"The pack could not be written: {exc}"))
            return False
        self.dirty = False
        self._show_title()
        self.statusBar().showMessage(f"Saved to {path or self.path}", 5000)
        return True

    def ask_return_path(self) -> str | None:
        """Where to write the returned pack (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(self, "Return scores: save the pack",
                                              str(self.path), PACK_FILTER)
        return path or None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def return_scores(self) -> bool:
        missing = len(self.pack.risks) - self.pack.done_count
        if missing and not self.confirm("Return scores", f"{missing} risk(s) have no score "
                                        "yet. Return the pack anyway?"):
            return False
        target = self.ask_return_path()
        if target is None:
            return False
        self.pack.mark_returned()
        if not self.save(Path(target)):
            return False
        self.path = Path(target)
        self._show_progress()
        self._show_title()
        self.statusBar().showMessage(f"Your scores are in {self.path.name}: send this file "
                                     "back to the board secretary.")
        return True

    def closeEvent(self, event) -> None:
        if self.dirty and self.confirm("Unsaved scores", "Save your scores before closing?"):
            self.save()
        event.accept()


def open_pack_window(parent=None) -> ScoringWindow | None:
    """File → Open scoring pack…: choose a pack and open the member's screen on it."""
    path, _ = QFileDialog.getOpenFileName(parent, "Open a scoring pack", "", PACK_FILTER)
    if not path:
        return None
    try:
        window = ScoringWindow(read_pack(path), path, parent)
    except BoardbookError as exc:
        show_error(parent, exc)
        return None
    window.setWindowFlag(Qt.WindowType.Window)
    window.show()
    return window


def run_score(path: str | Path) -> int:
    """``python main.py score PACK``: a foreign or damaged file is refused before any window."""
    try:
        pack = read_pack(path)
    except BoardbookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return run_scoring_window(pack, path)


def run_scoring_window(pack: ScoringPack, path: str | Path) -> int:
    from PySide6.QtCore import QCoreApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("Boardbook")
    QCoreApplication.setApplicationName("Boardbook")
    window = ScoringWindow(pack, path)
    window.show()
    return app.exec()
