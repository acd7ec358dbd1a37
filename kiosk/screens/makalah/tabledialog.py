"""Rows × columns for a new table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from kiosk.screens.style import STYLE, make_label

TABLE_STYLE = """
QSpinBox { padding: 0.3em; border: 2px solid #6b7785; border-radius: 6px; background: white;
           color: #1d2b3a; min-width: 5em; }
QSpinBox:focus { border-color: #1565c0; }
"""

MAX_ROWS = 50
MAX_COLUMNS = 10


class TableDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskScreen")  # the kiosk's look, not a bare system box
        self.setStyleSheet(STYLE + TABLE_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(self.tr("Insert table"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.rows = QSpinBox()
        self.rows.setRange(1, MAX_ROWS)
        self.rows.setValue(3)
        self.columns = QSpinBox()
        self.columns.setRange(1, MAX_COLUMNS)
        self.columns.setValue(3)
        self.rows.setAccessibleName(self.tr("Rows"))
        self.columns.setAccessibleName(self.tr("Columns"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("primary")
        ok.setText(self.tr("Insert"))
        ok.setAccessibleName(self.tr("Insert"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("secondary")
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        title = make_label("title")
        title.setText(self.tr("Insert table"))
        form = QFormLayout(self)
        form.setContentsMargins(24, 20, 24, 20)
        form.setVerticalSpacing(12)
        form.addRow(title)
        rows_label, columns_label = make_label("fieldLabel"), make_label("fieldLabel")
        rows_label.setText(self.tr("Rows"))
        columns_label.setText(self.tr("Columns"))
        rows_label.setBuddy(self.rows)
        columns_label.setBuddy(self.columns)
        form.addRow(rows_label, self.rows)
        form.addRow(columns_label, self.columns)
        form.addRow(buttons)
