"""Widgets and helpers every section shares: table model, record list, forms, tasks, undo, errors."""
