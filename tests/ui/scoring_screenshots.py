"""PNGs of the member's scoring screen and the round view, and the round report's pages.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.scoring_screenshots [OUT_DIR]

Builds a demo organisation in a temporary folder, opens a round on four corporate risks with
three members, scores and returns their packs, adopts one consensus and leaves one for
discussion.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
MEMBER_SCORES = [  # per member: (likelihood, consequence, comment) for the round's risks
    [(3, 4, "Budget holds so far; QIPP at 80%"), (2, 3, ""), (4, 4, "Serious"), (3, 3, "")],
    [(4, 4, "QIPP slipping badly in acute contracts"), (2, 3, ""), (4, 5, ""),
     (3, 2, "Controls now work")],
    [(2, 2, "Reserves cover it"), (3, 3, "Engagement plan already slipping"), (3, 4, ""),
     (3, 3, "")],
]


def make_round(ctx, folder: Path) -> int:
    from app.exchange.scoring.pack import read_pack
    from app.exchange.scoring.returns import export_packs, import_returned_pack
    from app.services import people
    from app.services.risks import register as risk_register
    from app.services.scoring import rounds as svc
    from app.services.scoring import view as scoring_view

    risks = ctx.run(risk_register.list_risks)[:4]
    members = [p.id for p in ctx.run(people.list_people, include_retired=False)][:3]
    rnd = ctx.run(svc.open_round, title="Quarter 3 corporate risk scoring", question="current",
                  deadline=dt.date.today() + dt.timedelta(days=10),
                  risk_ids=[r.id for r in risks], member_ids=members)
    paths = ctx.run(export_packs, round_id=rnd.id, folder=folder)
    for path, scores in zip(paths, MEMBER_SCORES, strict=True):
        pack = read_pack(path)
        for risk, (lik, con, comment) in zip(pack.risks, scores, strict=True):
            pack.set_score(risk["reference"], lik, con, comment)
        pack.mark_returned()
        pack.save(path)
        ctx.run(import_returned_pack, round_id=rnd.id, path=path)
    ctx.run(scoring_view.adopt_consensus, round_id=rnd.id, risk_id=risks[1].id)
    ctx.run(scoring_view.leave_for_discussion, round_id=rnd.id, risk_id=risks[0].id,
            note="Members far apart: discuss at the governing body")
    return rnd.id


def main(argv: list[str]) -> int:
    from app.exchange.scoring.pack import read_pack
    from app.exchange.scoring.returns import export_packs
    from app.reports.scoring_round_pdf import write_round_report
    from app.services.context import AppContext
    from app.services.demo.load import load_demo
    from app.services.scoring import view as scoring_view
    from app.ui.common.tasks import ImmediateRunner
    from app.ui.scoring.view import ScoringView
    from app.ui.scoring.window import ScoringWindow

    out = Path(argv[0]) if argv else ROOT / "shots" / "scoring"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp())
    ctx = AppContext.open(tmp / "demo.sqlite", actor="Board Secretary")
    ctx.run(load_demo)
    round_id = make_round(ctx, tmp / "packs")

    view = ScoringView(ctx, ImmediateRunner())
    view.resize(1280, 720)
    view.show()
    view.scores_table.selectRow(3)
    for _ in range(3):
        app.processEvents()
    view.grab().save(str(out / "round-view.png"))

    fresh = ctx.run(export_packs, round_id=round_id, folder=tmp / "fresh")[0]
    pack = read_pack(fresh)
    pack.set_score(pack.risks[0]["reference"], 4, 3, "Prescribing costs rising again")
    pack.save(fresh)
    window = ScoringWindow(read_pack(fresh), fresh)
    window.show()
    for _ in range(3):
        app.processEvents()
    window.grab().save(str(out / "member-screen.png"))
    window.risk_list.setCurrentRow(1)
    app.processEvents()
    window.grab().save(str(out / "member-screen-unscored.png"))

    data = ctx.run(scoring_view.round_report_data, round_id=round_id)
    write_round_report(data, out / "round-report.pdf")
    ctx.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
