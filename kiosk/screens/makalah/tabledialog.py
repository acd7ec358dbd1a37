"""Rows × columns for a new table."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from kiosk.screens.style import make_label

MAX_ROWS = 50
MAX_COLUMNS = 10


class TableDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tableDialog")
        self.setWindowTitle(self.tr("Insert table"))
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
        ok.setText(self.tr("Insert"))
        ok.setAccessibleName(self.tr("Insert"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        rows_label, columns_label = make_label("fieldLabel"), make_label("fieldLabel")
        rows_label.setText(self.tr("Rows"))
        columns_label.setText(self.tr("Columns"))
        rows_label.setBuddy(self.rows)
        columns_label.setBuddy(self.columns)
        form.addRow(rows_label, self.rows)
        form.addRow(columns_label, self.columns)
        form.addRow(buttons)
