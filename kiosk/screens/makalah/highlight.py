"""Headings drawn larger by a highlighter, not by character formats in the document, so
text pasted or moved out of a heading carries no stray size and zooming scales them."""

from __future__ import annotations

from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

HEADING_SIZE = {1: 3, 2: 2, 3: 1}  # QTextFormat.FontSizeAdjustment, as Qt's <h1>..<h3>


class HeadingHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:  # Qt override
        level = self.currentBlock().blockFormat().headingLevel()
        if level in HEADING_SIZE and text:
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setProperty(QTextCharFormat.Property.FontSizeAdjustment, HEADING_SIZE[level])
            self.setFormat(0, len(text), fmt)
