"""Item exporters: the bank's items written in formats other assessment tools read.

`exam_bank.exporters.qti3` writes an IMS QTI 3.0 content package that
`exam_bank.importers.qti` reads back to the very same items.
"""
