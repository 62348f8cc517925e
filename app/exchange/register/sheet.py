"""Reading a register's table out of a workbook or a CSV file, as people lay them out.

Workbooks are read with openpyxl in read-only mode, formulas never worked out: a formula cell
is read as the result the spreadsheet program saved with it (what the user saw), and a formula
saved without a result (a file written by a script) is listed in ``Sheet.formulas`` so that
the import refuses it by row and column rather than reading it as blank. Merged ranges and
those formulas are read from the sheet's XML, which read-only mode does not parse. A merged
cell's value is the top-left cell's: across a header (a group heading such as "Initial risk"
over three columns) and down a column of data (a reference merged over the rows of one risk).
Data merged across columns belongs to its first column only, so it never lands under a
heading it only spans.

CSV files may be UTF-8 (with or without a byte-order mark) or Windows-1252, which is what
Excel writes on British Windows; the delimiter (comma, semicolon, tab or bar) is sniffed.
Row numbers are those a user sees: the spreadsheet's row, or the CSV record (first is 1).

The header is the row among the first 40 whose cells name the most known fields; title rows
above it, blank rows and page-repeated headers below it are passed over.
"""

from __future__ import annotations

import csv
import io
import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.errors import ValidationError
from app.exchange.register.headings import HeadingMap, guess_field, normalise
from app.exchange.register.values import text

HISTORY_SHEET = "Score history"
HEADER_SEARCH = 40  # rows searched for the header
MIN_HEADINGS = 3  # known headings a header row needs


@dataclass
class Sheet:
    """One table: every row as the user numbers it, values with merges filled in."""

    name: str
    names: tuple[str, ...]  # every sheet of the workbook (the file name for a CSV)
    rows: list[tuple[int, list]]
    covered: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # covered[(row, col)] = (top row, left col) of the merged range it lies in (not its corner)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    # formulas[(row, col)] = a formula ("=C5*D5") saved without its result; col is 0-based

    def header_index(self) -> int:
        """Position in ``rows`` of the header row; ValidationError when none is found.

        Each row is read as headings under the row above it, so in a two-row header
        ("Initial risk" over L, C and Score) the lower row, which says most, wins."""
        best, best_score = None, 0
        for i in range(min(len(self.rows), HEADER_SEARCH)):
            fields = {c.field for c in self.heading_map(i).columns} - {None}
            if len(fields) > best_score:
                best, best_score = i, len(fields)
        if best is None or best_score < MIN_HEADINGS:
            raise ValidationError(f"No heading row found in '{self.name}': expected headings "
                                  "such as Risk Ref, Risk Title, Likelihood, Consequence, "
                                  "Risk Score", field="file")
        return best

    def heading_map(self, header: int) -> HeadingMap:
        """The guessed map of a header row. A blank heading under a known one (a "Ref" cell
        of the upper header row, not merged down) takes the heading above it."""
        below = [text(v) for v in self.rows[header][1]]
        above = [text(v) for v in self.rows[header - 1][1]] if header > 0 else []
        width = max(len(below), len(above))
        below, above = below + [""] * (width - len(below)), above + [""] * (width - len(above))
        headings = [h or (a if guess_field(a) else "") for h, a in zip(below, above,
                                                                       strict=True)]
        groups = [a if h else "" for h, a in zip(below, above, strict=True)]
        return HeadingMap.guess(headings, groups)

    def data_rows(self, header: int) -> list[tuple[int, list]]:
        """Rows below the header that hold anything, with cells merged across columns
        emptied past their first column, and page-repeated headers left out."""
        head_row, head_values = self.rows[header]
        heading_key = [normalise(text(v)) for v in head_values]
        out = []
        for number, values in self.rows[header + 1:]:
            cells = [None if self._spanned(number, col) else v
                     for col, v in enumerate(values)]
            if all(text(v) == "" for v in cells):
                continue
            if [normalise(text(v)) for v in cells[:len(heading_key)]] == heading_key:
                continue
            out.append((number, cells))
        return out

    def _spanned(self, row: int, col: int) -> bool:
        corner = self.covered.get((row, col))
        return corner is not None and corner[1] != col

    def merged_from(self, row: int, col: int) -> int | None:
        """The row a value was merged down from, when the cell lies under a merged corner."""
        corner = self.covered.get((row, col))
        return corner[0] if corner is not None and corner[1] == col else None


# ------------------------------------------------------------------------------- workbooks


def read_table(path: str | Path, sheet: str | None = None) -> Sheet:
    """The register's table from ``.xlsx``/``.xlsm`` or ``.csv``/``.txt``."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"There is no file {path}", field="file")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, sheet)
    raise ValidationError(f"{path.name}: a register must be an .xlsx or .csv file "
                          "(save an .xls file as .xlsx first)", field="file")


def _open_workbook(path: Path):
    from openpyxl import load_workbook  # heavy: only when a file is read

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; all mean that
        raise ValidationError(f"{path.name} cannot be read as a workbook: {exc}",
                              field="file") from None


def _read_workbook(path: Path, sheet: str | None) -> Sheet:
    book = _open_workbook(path)
    try:
        names = tuple(book.sheetnames)
        if sheet is not None:
            chosen = _sheet_named(names, sheet)
        else:
            chosen = _likeliest_sheet(book, names)
        return _sheet(book[chosen], names)
    finally:
        book.close()


def read_history_sheet(path: str | Path) -> Sheet | None:
    """The "Score history" sheet Boardbook exports beside the register, if the file has one."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    book = _open_workbook(path)
    try:
        names = tuple(book.sheetnames)
        found = [n for n in names if n.strip().lower() == HISTORY_SHEET.lower()]
        return _sheet(book[found[0]], names) if found else None
    finally:
        book.close()


def _sheet_named(names: tuple[str, ...], wanted: str) -> str:
    for name in names:
        if name.strip().lower() == wanted.strip().lower():
            return name
    raise ValidationError(f"There is no sheet called '{wanted}'; the sheets are "
                          f"{', '.join(names)}", field="sheet")


def _likeliest_sheet(book, names: tuple[str, ...]) -> str:
    """The sheet whose best row names the most known fields (a cover or notes sheet, or the
    score history, is passed over)."""
    candidates = [n for n in names if n.strip().lower() != HISTORY_SHEET.lower()] or list(names)
    if len(candidates) == 1:
        return candidates[0]

    def score(name: str) -> int:
        ws = book[name]
        ws.reset_dimensions()
        rows = ws.iter_rows(max_row=HEADER_SEARCH, values_only=True)
        return max((len({guess_field(text(v)) for v in r if text(v)} - {None}) for r in rows),
                   default=0)

    return max(candidates, key=score)


def _sheet(ws, names: tuple[str, ...]) -> Sheet:
    ws.reset_dimensions()  # some programs write a wrong size; read every row there is
    rows = [(n, list(values)) for n, values in enumerate(ws.iter_rows(values_only=True), 1)]
    covered = {}
    merges, formulas = _scan(ws)
    for top, left, bottom, right in merges:
        corner = _value(rows, top, left)
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    covered[(r, c - 1)] = (top, left - 1)
                    _set(rows, r, c, corner)
    return Sheet(ws.title, names, rows, covered, formulas)


def _scan(ws) -> tuple[list[tuple[int, int, int, int]], dict[tuple[int, int], str]]:
    """The merged ranges, (top, left, bottom, right) 1-based, from the sheet's
    ``<mergeCell ref="A1:D1"/>``; and the formulas saved without a result (``<f>`` and no
    ``<v>``), by (row, 0-based column)."""
    try:
        source = ws._get_source()  # read-only sheets keep their XML; merges are not parsed
    except AttributeError:
        return [(r.min_row, r.min_col, r.max_row, r.max_col)
                for r in ws.merged_cells.ranges], {}
    ranges, formulas = [], {}
    with source:
        for _, elem in ET.iterparse(source):
            tag = elem.tag.rpartition("}")[2]
            if tag == "c" and len(elem):
                _uncomputed(elem, formulas)
            elif tag == "mergeCell" and ":" in (elem.get("ref") or ""):
                ranges.append(_bounds(elem.get("ref")))
            elif tag == "row":
                elem.clear()  # keep memory flat on a large sheet
    return ranges, formulas


def _uncomputed(elem, formulas: dict[tuple[int, int], str]) -> None:
    from openpyxl.utils.cell import coordinate_to_tuple

    children = {child.tag.rpartition("}")[2]: child for child in elem}
    if "f" not in children or (children.get("v") is not None and children["v"].text):
        return
    if elem.get("t") == "inlineStr" or not elem.get("r"):
        return  # an inline string is its own value
    row, column = coordinate_to_tuple(elem.get("r"))
    words = (children["f"].text or "").strip()
    formulas[(row, column - 1)] = f"={words}" if words else "a shared formula"


def _bounds(ref: str) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import range_boundaries

    left, top, right, bottom = range_boundaries(ref)
    return top, left, bottom, right


def _value(rows: list[tuple[int, list]], row: int, col: int):
    values = rows[row - 1][1] if row <= len(rows) else []
    return values[col - 1] if col <= len(values) else None


def _set(rows: list[tuple[int, list]], row: int, col: int, value) -> None:
    while len(rows) < row:
        rows.append((len(rows) + 1, []))
    values = rows[row - 1][1]
    values.extend([None] * (col - len(values)))
    values[col - 1] = value


# ------------------------------------------------------------------------------------- CSV


def decode(data: bytes) -> str:
    """UTF-8 (a byte-order mark is dropped), else Windows-1252 as Excel writes it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_csv(path: Path) -> Sheet:
    content = decode(path.read_bytes())
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=sniff_delimiter(content))
    rows = [(n, [v if v.strip() else None for v in record])
            for n, record in enumerate(reader, start=1)]
    return Sheet(path.name, (path.name,), rows)


def sniff_delimiter(content: str) -> str:
    """The delimiter that splits most of the first records into the same, largest number of
    columns.

    Parsed with the csv module rather than ``csv.Sniffer``'s line statistics, because a
    register's cells hold commas, bars and line breaks inside quotes, which fool the sniffer
    (and a wrong delimiter splits those cells into many short, equally wide records)."""
    def fit(delimiter: str) -> tuple[bool, int, float]:
        records = [r for r in itertools.islice(csv.reader(io.StringIO(content, newline=""),
                                                          delimiter=delimiter), 40)
                   if any(v.strip() for v in r)]
        if not records:
            return False, 0, 0.0
        width, count = Counter(len(r) for r in records).most_common(1)[0]
        share = count / len(records)
        return share >= 0.6 and width > 1, width, share

    return max(",;\t|", key=fit)
