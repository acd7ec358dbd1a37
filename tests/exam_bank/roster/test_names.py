"""Short names and initials leave titles out: a seat tile says who sits there."""

from __future__ import annotations

import pytest

from exam_bank.roster.names import initials, short_name, without_titles


@pytest.mark.parametrize("name, bare", [
    ("Dra. Tuti Puspita Mulyani, M.Si.", "Tuti Puspita Mulyani"),
    ("Hj. Nur Siti Suryani, S.H., M.M.", "Nur Siti Suryani"),
    ("Drs. H. Bambang Sutrisno", "Bambang Sutrisno"),
    ("Dr. Ir. Agus Salim, M.T.", "Agus Salim"),
    ("Prof. Dr. Citra Dewi, S.Kom., M.Kom., Ph.D.", "Citra Dewi"),
    ("DR. RUDI HARTONO, SE", "RUDI HARTONO"),
    ("Budi Santoso S.Kom.", "Budi Santoso"),
    ("dr. Rina Marlina, Sp.A.", "Rina Marlina"),
    ("Ahmad Fauzi", "Ahmad Fauzi"),
    ("Hendra", "Hendra"),  # a name that starts like a title is kept
    ("Ir.", "Ir."),  # nothing but a title: left as it is
])
def test_titles_are_left_out(name: str, bare: str) -> None:
    assert without_titles(name) == bare


def test_short_names_and_initials_are_of_the_person_not_the_titles() -> None:
    # the reported cases: "Dra. T. P. M." and "Hj. N. S. S. M." said nothing
    assert short_name("Dra. Tuti Puspita Mulyani, M.Si.") == "Tuti P. M."
    assert short_name("Hj. Nur Siti Suryani Maharani, S.H., M.M.") == "Nur S. S. M."
    assert short_name("Drs. H. Bambang Sutrisno, M.Si.") == "Bambang Sutrisno"
    assert initials("Hj. Nur Siti Suryani, S.H., M.M.") == "N. S. S."
    assert short_name("Raden Ajeng Kusumawardhani Sri Rejeki Setyaningrum Purwaningtyas "
                      "Mangkubumi") == "Raden Ajeng Kus\u2026"
