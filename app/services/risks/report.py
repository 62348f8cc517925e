"""Everything the risk register report shows, gathered in one read (the report takes no session).

    data = register_report_data(session, corporate_only=False)
    build_register_report(data.details, "register.pdf", **data.report_options())

Open risks only: a register report is about the risks the body is managing now. The heat
maps count the same risks the report lists, so the numbers in the matrix and the rows of the
table always agree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.domain.risk_register import RegisterReportData
from app.services import audit, organisation
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks.settings import get_band_scheme


def register_report_data(session: Session, *, corporate_only: bool = False,
                         today: dt.date | None = None,
                         now: dt.datetime | None = None) -> RegisterReportData:
    today = today or dt.date.today()
    filters = risk_register.RiskFilter(corporate_only=corporate_only)
    org = organisation.get_organisation(session) if organisation.is_set_up(session) else None
    return RegisterReportData(
        details=tuple(risks_detail.list_risk_details(session, filters=filters, today=today)),
        title="Corporate risk register" if corporate_only else "Risk register",
        organisation=org.name if org else "",
        corporate_only=corporate_only, band_scheme=get_band_scheme(session),
        heat_map_counts_current=risk_register.heat_map_counts(
            session, kind="current", filters=filters, today=today),
        heat_map_counts_target=risk_register.heat_map_counts(
            session, kind="target", filters=filters, today=today),
        generated_at=now or dt.datetime.now().replace(microsecond=0),
        audit_head=audit.chain_head(session))
