"""Printing rows as a plain aligned table, for terminals and scripts."""

from __future__ import annotations


def print_table(rows: list[list], headings: list[str]) -> None:
    """A plain aligned table for terminals and scripts."""
    cells = [[str(h) for h in headings]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headings))]
    for n, r in enumerate(cells):
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
