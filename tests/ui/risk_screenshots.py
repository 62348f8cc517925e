"""Save PNGs of the risk screens, to look at them as a user would.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.risk_screenshots [DEMO.sqlite] [OUT]

Works on a copy of the demo database (made if not given); pictures go to shots/risks/.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if sys.version_info < (3, 12):
    # PySide6 6.12 on Python 3.11 drops a reference to None on every call of a Qt method that
    # returns nothing; painting thousands of cells takes None's count to zero and Python
    # aborts at exit. Make None as good as immortal, as Python 3.12 does.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


from tests.ui.screenshots import demo_window, save  # noqa: E402


def shoot_register(window, out: Path):
    view = window.show_section("risks")
    view.select_id(view.model.row_at(0).id)
    save(window, out, "register")
    save(view.heat_map, out, "heat_map")
    view.heat_map.grid.cell_clicked.emit(3, 4)
    save(window, out, "register_heat_map_cell")
    view.heat_map.grid.cell_clicked.emit(3, 4)
    view.filters.search.setText("practice")
    save(view, out, "register_search")
    view.filters.search.clear()
    return view


def shoot_large_register(view, out: Path) -> None:
    """10,000 made-up rows, filtered by band: is the count right, does the table cope?"""
    import dataclasses
    import random

    from app.domain.risk import DEFAULT_SCHEME
    from app.ui.risks.register_view import RegisterPage

    template, rng, rows = view.model.row_at(0), random.Random(7), []
    for n in range(10_000):
        lik, con = rng.randint(1, 5), rng.randint(1, 5)
        band = DEFAULT_SCHEME.band_for(lik * con)
        rows.append(dataclasses.replace(template, id=n + 1, reference=f"CR-{n + 1:05d}",
                                        current_likelihood=lik, current_consequence=con,
                                        current_score=lik * con, current_band=band.name))
    view._on_loaded(RegisterPage(view._generation, rows, DEFAULT_SCHEME, []))
    view.filters.band.setCurrentIndex(view.filters.band.findText("Extreme"))
    save(view, out, "register_10k_extreme")
    view.filters.clear_button.click()
    view.refresh()


def shoot_editor(view, out: Path) -> None:
    view.select_id(view.model.row_at(0).id)
    view.open_selected()
    editor = view.editor
    save(editor, out, "editor_fields")
    editor.tabs.setCurrentIndex(1)
    panel = editor.scores.panels["current"]
    panel.matrix.choose((4, 4))
    panel._on_hovered(5, 5)
    save(editor, out, "editor_scores")
    editor.save()  # no rationale: the problem shows beside the box
    save(editor, out, "editor_rationale_problem")
    for title in ("Controls", "Assurances", "Actions", "Score history", "Objectives (BAF)"):
        index = next(i for i in range(editor.tabs.count())
                     if editor.tabs.tabText(i).startswith(title))
        editor.tabs.setCurrentIndex(index)
        save(editor, out, "editor_tab_" + title.split()[0].lower())
    editor.reject()
    view.new_risk()
    view.editor.save()
    save(view.editor, out, "editor_new_problems")
    view.editor.tabs.setCurrentIndex(1)
    save(view.editor, out, "editor_new_scores_problems")
    view.editor.reject()


def shoot_dialogs(view, out: Path) -> None:
    view.select_id(view.model.row_at(0).id)
    view.rescore_selected()
    view.editor.panel.matrix.choose((2, 4))
    view.editor.accept()
    save(view.editor, out, "rescore_problem")
    view.editor.reject()
    view.close_or_reopen_selected()
    save(view.editor, out, "close_dialog")
    view.editor.reject()


def main(argv: list[str]) -> int:
    with demo_window(argv, "risks", (1400, 800)) as (window, ctx, out):
        view = shoot_register(window, out)
        shoot_large_register(view, out)
        shoot_editor(view, out)
        shoot_dialogs(view, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
