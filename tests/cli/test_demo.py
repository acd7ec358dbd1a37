"""`ujikom demo` plays the admin's day into one folder, as a new user would run it."""

from __future__ import annotations

from pathlib import Path

from tests.cli.labkit import ujikom


def test_demo_leaves_package_key_cards_and_scores(tmp_path: Path, capsys) -> None:
    out = tmp_path / "demo-out"
    assert ujikom("demo", "--out", out) == 0
    printed = capsys.readouterr().out
    for made in ("exam/SELTER-JPT-SKM-2026.ujikom", "exam/SELTER-JPT-SKM-2026.ujikey",
                 "exam/kartu-peserta.pdf", "exam/roster.json", "bank-qti3.zip",
                 "template-soal.xlsx", "responses.json"):
        assert (out / made).is_file(), made
    assert "verified: BKPSDM Kota Sukamaju" in printed
    assert printed.count("JPM") == 54
    # A second run replaces its own folder but never one it did not make.
    assert ujikom("demo", "--out", out) == 0
    capsys.readouterr()
    stranger = tmp_path / "mine"
    stranger.mkdir()
    (stranger / "thesis.docx").write_text("precious")
    try:
        ujikom("demo", "--out", stranger)
    except SystemExit as exc:
        assert "was not made by the demo" in str(exc)
    assert (stranger / "thesis.docx").read_text() == "precious"
