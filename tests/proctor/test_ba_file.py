"""The berita acara as a TOML form (headless): printed pre-filled, read back with every
problem named by line and field, nothing taken that the form does not know."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.problems import InputError
from proctor.ba_file import read_form, template
from proctor.berita_acara import BeritaAcara
from proctor.day_record import CandidateFacts, Person

BASE = BeritaAcara("Seleksi JPT", "", SessionId("S1"), "Balai Kota", "Lab CAT",
                   dt.date(2026, 12, 8), "08:02", "11:40", expected=2, present=1,
                   absentees=(Person(ParticipantNo("P002"), "Nur Aini", "A2"),),
                   incidents="", candidates=(CandidateFacts(
                       "P001", "Budi", "A1", ("09.10 dijeda oleh Sari: listrik padam",)),))
NIP = "198503122010011002"


def _filled(text: str) -> str:
    return (text.replace('agency = ""', 'agency = "BKPSDM Kota Sukamaju"')
            .replace('name = ""', 'name = "Sari Dewi"').replace('nip = ""', f'nip = "{NIP}"'))


def test_the_template_reads_back_into_the_same_report_once_filled(tmp_path: Path) -> None:
    text = template(BASE)
    assert "# tidak hadir: P002 Nur Aini (A2)" in text.replace("#   ", "# ")
    assert "dijeda oleh Sari: listrik padam" in text  # what the record says, as a comment
    assert "# waktu dalam WIB (Asia/Jakarta)" in text.replace("#   ", "# ")
    assert "# waktu dalam WITA (Asia/Makassar)" in template(
        replace(BASE, timezone="Asia/Makassar")).replace("#   ", "# ")
    form = tmp_path / "ba.toml"
    form.write_text(_filled(text).replace('incidents = ""',
                                          'incidents = "Lampu padam 5 menit"'), "utf-8")
    report = read_form(form, BASE, dt.date(2026, 12, 8))
    assert report.agency == "BKPSDM Kota Sukamaju" and report.witness.nip == NIP
    assert report.incidents == "Lampu padam 5 menit" and report.candidates == BASE.candidates


def test_every_problem_names_its_line_and_field(tmp_path: Path) -> None:
    form = tmp_path / "ba.toml"
    text = _filled(template(BASE)).replace('nip = "198503122010011002"', 'nip = "12"', 1)
    form.write_text('agensi = "typo"\n' + text + 'jabatan = "x"\n', "utf-8")
    with pytest.raises(InputError) as caught:
        read_form(form, BASE)
    problems = caught.value.problems
    assert [p.field for p in problems] == ["agensi", "witness.jabatan"]  # unknown: alone
    assert [p.line for p in problems] == [1, len(text.splitlines()) + 2]
    form.write_text(text, "utf-8")
    with pytest.raises(InputError) as caught:
        read_form(form, BASE)
    (nip,) = caught.value.problems
    assert nip.field == "proctor1.nip" and nip.message.startswith("proctor1.nip: ")
    assert text.splitlines()[nip.line - 1].strip() == 'nip = "12"'


def test_a_mistyped_signers_table_is_named_by_its_line_once(tmp_path: Path) -> None:
    """`[witnes]` for `[witness]` said 'ba.toml: witnes: witnes: unknown setting', with no
    line: a table has a header, not a `key =` line."""
    form = tmp_path / "ba.toml"
    text = _filled(template(BASE)).replace("[witness]", "[witnes]")
    form.write_text(text, "utf-8")
    with pytest.raises(InputError) as caught:
        read_form(form, BASE)
    (typo,) = caught.value.problems
    assert typo.field == "witnes" and typo.line is not None
    assert text.splitlines()[typo.line - 1].startswith("[witnes]")
    assert str(typo).count("witnes:") == 1  # the field once, not twice
