"""Rosters: reading the candidate sheets, issuing PINs, printing exam cards.

`read.read_roster` checks the sheets, `pins.register` issues PINs and keeps only their
hashes, `cards.write_exam_cards` prints the cards, `model.save_roster` stores the result.
"""
