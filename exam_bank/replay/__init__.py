"""Makalah writing-process replay: the paper as it grew, read from the candidate's log
with the scoring fold, its process indicators and flags, and a self-contained HTML
viewer for the panel (or, blind, for assessors). Similarity between papers lives in
`similarity`."""
