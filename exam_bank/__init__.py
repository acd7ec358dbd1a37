"""Ujikom's exam bank: exam content, results and the rules for them, as plain data.

Nothing in this package imports Qt; the kiosk and the proctor console build on it.
"""
