"""One press of Save in the risk editor: new scores and changed details in one use case.

The order of the writes is a rule, so it lives here and not in the screen: scores first, since a
new current score may move the risk onto or off the corporate register, and a corporate flag
the user changed by hand must then be applied after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy.orm import Session

from app.services.risks import risks
from app.services.risks.register import RiskRow, get_risk_row


def edit_risk(session: Session, *, risk_id: int, expected_version: int | None,
              fields: Mapping[str, object] | None = None,
              scores: Mapping[str, tuple[int, int]] | None = None, rationale: str = "",
              target_date: dt.date | None = None, source: str = "review",
              today: dt.date | None = None) -> RiskRow:
    """Rescore each of ``scores`` (kind -> (likelihood, consequence)), then change ``fields``
    (as ``update_risk`` names them); return the risk as saved. Each step carries the version
    the step before it saved, so the first still guards against someone else's change."""
    fields, scores = dict(fields or {}), dict(scores or {})
    version = expected_version
    row = None
    for kind, (likelihood, consequence) in scores.items():
        row = risks.rescore_risk(session, risk_id=risk_id, expected_version=version, kind=kind,
                                 likelihood=likelihood, consequence=consequence,
                                 rationale=rationale, source=source,
                                 consequence_domain=fields.get("consequence_domain"),
                                 target_date=target_date if kind == "target" else None,
                                 today=today)
        version = row.version
    if fields:
        row = risks.update_risk(session, risk_id=risk_id, expected_version=version, today=today,
                                **fields)
    return row if row is not None else get_risk_row(session, risk_id=risk_id, today=today)
