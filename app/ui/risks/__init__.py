"""The risk register section: the table, filters, editor, detail tabs, import, export and settings."""
