"""Exam packages: one signed, encrypted file per exam.

`container` is the envelope (signature, encryption, limits); what goes inside it
(forms, items, media, roster) is composed elsewhere in this package.
"""
