"""The dashboard section: tiles and charts (pyqtgraph, loaded when the section opens)."""
