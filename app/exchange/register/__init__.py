"""The risk register in and out of Excel and CSV: headings, cells, rows, import and export."""
