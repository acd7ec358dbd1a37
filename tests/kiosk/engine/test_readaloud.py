"""What read-aloud says (pure), and eSpeak NG really speaking it into a WAV file of the
right length."""

from __future__ import annotations

import wave
from pathlib import Path

from kiosk.engine import Session
from kiosk.engine.readaloud import item_script, paper_paragraphs, time_script
from kiosk.engine.views import item_view
from tests.kiosk.engine.kit import BLUEPRINT, into_first_section


def test_item_script_reads_stem_and_lettered_options_not_the_answer(session: Session) -> None:
    into_first_section(session)
    session.answer("mc1", "B")
    view = item_view(BLUEPRINT, session.state)
    lines = item_script(view)
    assert lines[:3] == ["Soal 1 dari 3.", "Soal", "Pilihan A. opsi A"]
    assert len(lines) == 2 + 4 and not any("Jawaban" in line for line in lines)
    assert item_script(view, with_answer=True)[-1] == "Jawaban Anda: B."
    assert item_script(view, "en")[2] == "Option A. opsi A"


def test_time_and_paper_scripts() -> None:
    assert time_script(95 * 60_000) == "Sisa waktu 1 jam 35 menit."
    assert time_script(4 * 60_000 + 59_000, "en") == "4 minutes left."
    assert time_script(30_000) == "Sisa waktu kurang dari satu menit."
    assert paper_paragraphs("Paragraf satu.\n\nParagraf dua.") == ["Paragraf satu.",
                                                                    "Paragraf dua."]


def _seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def test_espeak_speaks_indonesian_into_a_wav_of_the_right_length(tmp_path: Path) -> None:
    from kiosk.speech import Speaker

    speaker = Speaker("id", to_dir=tmp_path)
    speaker.say(["Soal satu."])
    speaker.say(["Soal satu dari tiga puluh tiga.", "Pilihan A. Menunda pembahasan dan "
                 "menyerahkannya kepada musrenbang kecamatan."])
    short, long = (_seconds(p) for p in speaker.written)
    assert 0.5 < short < 3 and long > 3 * short  # speech, and more words take longer
    speaker.change_speed(+2)
    speaker.say(["Soal satu dari tiga puluh tiga.", "Pilihan A. Menunda pembahasan dan "
                 "menyerahkannya kepada musrenbang kecamatan."])
    assert _seconds(speaker.written[-1]) < long * 0.85  # faster is shorter
