"""``risks import``, ``risks export`` and ``risks report``: the register in and out of files.

    risks import FILE [--sheet NAME] [--map "Heading=field" ...] [--category NAME]
                      [--skip-existing] [--dry-run]
    risks export FILE [--corporate] [--status open|closed|all]      (.xlsx or .csv)
    risks report FILE.pdf [--corporate]

An import prints the columns it found and what each is read as, then imports every row or
none: any problem is printed with its row number and heading, and the exit status is 2.
openpyxl and reportlab are imported only when these run, so the command line starts quickly.
"""

from __future__ import annotations

import argparse
import sys


def register_file_actions(rsub: argparse._SubParsersAction) -> None:
    imp = rsub.add_parser("import", help="import a register from .xlsx or .csv (all or nothing)")
    imp.add_argument("file")
    imp.add_argument("--sheet", help="the workbook's sheet (default: the one that looks like a "
                                     "register)")
    imp.add_argument("--map", action="append", default=[], metavar="HEADING=FIELD",
                     help='read a column as a field, e.g. --map "Impact=current_consequence"; '
                          'a heading or column letter, =ignore to leave it out')
    imp.add_argument("--category", help="category for rows that give none")
    imp.add_argument("--skip-existing", action="store_true",
                     help="leave rows whose reference is already in the register")
    imp.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    imp.set_defaults(handler=import_register)
    exp = rsub.add_parser("export", help="export the register to .xlsx or .csv")
    exp.add_argument("file")
    exp.add_argument("--corporate", action="store_true", help="only the corporate register")
    exp.add_argument("--status", choices=("open", "closed", "all"), default="all")
    exp.set_defaults(handler=export_register)
    rep = rsub.add_parser("report", help="the register report as a PDF")
    rep.add_argument("file")
    rep.add_argument("--corporate", action="store_true", help="only the corporate register")
    rep.set_defaults(handler=report_register)


def _changes(pairs: list[str]) -> dict[str, str]:
    from app.domain.errors import Problem, ValidationError

    changes, problems = {}, []
    for pair in pairs:
        heading, sep, field = pair.rpartition("=")
        if not sep or not heading.strip():
            problems.append(Problem("--map", f"'{pair}' is not HEADING=FIELD"))
        changes[heading.strip()] = field.strip()
    if problems:
        raise ValidationError(problems)
    return changes


def import_register(args, ctx) -> int:
    from app.exchange.register.files import import_register as run_import
    from app.exchange.register.files import preview_register

    preview = preview_register(args.file, sheet=args.sheet, mapping=_changes(args.map))
    print(f"Sheet '{preview.sheet}', headings on row {preview.header_row}:")
    for line in preview.mapping.describe():
        print(f"  {line}")
    if preview.has_history:
        print("  (the 'Score history' sheet will be replayed)")
    result = ctx.run(run_import, path=args.file, sheet=args.sheet, mapping=preview.mapping,
                     skip_existing=args.skip_existing, default_category=args.category,
                     dry_run=args.dry_run)
    for note in result.notes:
        print(f"note: {note}")
    if result.skipped:
        print(f"Skipped, already in the register: {', '.join(result.skipped)}")
    counts = ", ".join(f"{n} {what}" for what, n in result.counts.items() if what != "risks")
    verb = "would be imported (dry run: nothing was written)" if args.dry_run else "imported"
    print(f"{len(result.created)} risk(s) {verb}: {', '.join(result.created) or '-'}")
    print(f"with {counts}")
    return 0


def _filters(args):
    from app.services.risks.register import RiskFilter

    return RiskFilter(corporate_only=args.corporate,
                      status=None if args.status == "all" else args.status)


def export_register(args, ctx) -> int:
    from app.exchange.register.files import export_register as run_export

    count = ctx.run(run_export, path=args.file, filters=_filters(args))
    print(f"{count} risk(s) written to {args.file}")
    return 0


def report_register(args, ctx) -> int:
    from app.domain.errors import ValidationError
    from app.reports.register.register_pdf import build_register_report
    from app.services.risks.report import register_report_data

    if not args.file.lower().endswith(".pdf"):
        raise ValidationError(f"{args.file}: the report is a PDF; name a file ending .pdf",
                              field="file")
    data = ctx.run(register_report_data, corporate_only=args.corporate)
    pages = build_register_report(data.details, args.file, **data.report_options())
    print(f"{data.title}: {len(data.details)} risk(s), {pages} page(s), written to {args.file}",
          file=sys.stdout)
    return 0
