"""Draw a gathered board pack: plain values in, a PDF file out.

    result = render_board_pack(pack, "pack.pdf", public=True, chart_images=None,
                               progress=report, cancelled=cancelled) -> PackResult

``pack`` is an ``app.domain.pack.PackInput`` as the services gather it (their
``pack.gather``). Before the engine runs, sections that carry a report's data
are drawn into PDF pages (the risk register report, without its own page numbers: the pack
numbers every page), and ``chart_images`` (PNG bytes of the dashboard's charts, drawn by the
GUI) become a "Risk and governance dashboard" section. The engine
(``app.reports.pack.engine``) does the rest; a cancelled or failed build writes no file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace

from app.domain.pack import DASHBOARD, PackInput, PackResult, StandardSection
from app.reports.pack.charts import charts_pdf
from app.reports.pack.engine import PackCancelled, build_board_pack
from app.reports.register.register_pdf import register_report_bytes

Progress = Callable[[int, int, str], None]


def render_board_pack(pack: PackInput, out_path: str | os.PathLike, *, public: bool,
                      chart_images: dict[str, bytes] | None = None,
                      progress: Progress | None = None,
                      cancelled: Callable[[], bool] | None = None) -> PackResult:
    sections = [drawn_section(s, cancelled) for s in pack.sections]
    if chart_images:
        sections.append(StandardSection(title="Risk and governance dashboard", kind=DASHBOARD,
                                        pdf=charts_pdf(chart_images)))
    return build_board_pack(replace(pack, sections=tuple(sections)), out_path, public=public,
                            progress=progress, cancelled=cancelled)


def drawn_section(section: StandardSection,
                  cancelled: Callable[[], bool] | None = None) -> StandardSection:
    """The section with its report's data drawn into PDF pages (unchanged without any)."""
    if section.report is None or section.pdf is not None:
        return section
    if cancelled is not None and cancelled():
        raise PackCancelled("the board pack was cancelled; no file was written")
    data = section.report
    pdf = register_report_bytes(data.details, page_numbers=False, **data.report_options())
    return replace(section, pdf=pdf, report=None)
