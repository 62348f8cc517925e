"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 took a reference off None on every call that returns nothing; after enough
painting Python 3.11 aborted ("deallocating None"). pyproject.toml keeps that release out.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QImage, QPainter, QPen


def test_painting_does_not_eat_references_to_none(qapp):
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    pen = QPen()
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.setPen(pen)
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 50
