"""Pictures reach the candidate: a package built from a bank whose stem, option and case
material show pictures; the real kiosk shows each of them from memory, scaled to the
pane, and a bomb, a broken or a missing picture as a notice in Indonesian."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from exam_bank.items.media import stem_shown
from kiosk.app import KioskContext, KioskController
from kiosk.engine import FakeClock
from kiosk.engine.readaloud import item_script, spoken_text
from kiosk.keysource import StandaloneKeySource
from kiosk.screens.item import ItemScreen
from kiosk.screens.pictures import Pictures
from tests.exam_bank.mediakit import (
    BLUE,
    GREEN,
    NUMBER,
    PIN,
    RED,
    STEM_PICTURE,
    build,
    picture_bank,
    png,
)
from tests.kiosk.screens.journey_kit import click

TOKEN = "GAMBAR"
SHOTS = Path("/tmp/media-shots")


def coloured(widget: QWidget, rgb: tuple[int, int, int]) -> int:
    """How many pixels of the widget, as drawn, have this colour (within a little)."""
    image = widget.grab().toImage()
    want = QColor(*rgb)
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if _close(image.pixelColor(x, y), want)) * 4


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40


def shot(widget: QWidget, name: str) -> None:
    if os.environ.get("UJIKOM_SHOTS"):
        SHOTS.mkdir(exist_ok=True)
        widget.grab().save(str(SHOTS / name))


@pytest.fixture
def ctrl(qtbot, tmp_path: Path):
    built = build(picture_bank(tmp_path / "bank"), tmp_path / "gambar.ujikom")
    keys = StandaloneKeySource(built.key, tmp_path / "data")
    ctrl = KioskController(KioskContext(built.package, keys, FakeClock(), TOKEN, "id"))
    ctrl.timer.stop()
    qtbot.addWidget(ctrl.window)
    ctrl.window.resize(1366, 768)
    ctrl.window.show()
    qtbot.waitExposed(ctrl.window)
    screen = ctrl.login
    for field, text in ((screen.participant, NUMBER), (screen.pin, PIN),
                        (screen.token, TOKEN)):
        qtbot.keyClicks(field, text)
    click(qtbot, screen.submit)
    click(qtbot, ctrl.identity.confirm)
    qtbot.keyClick(ctrl.rules.agree, Qt.Key.Key_Space)
    click(qtbot, ctrl.rules.proceed)
    click(qtbot, ctrl.intro.begin)
    assert ctrl.window.currentWidget() is ctrl.item
    yield ctrl
    ctrl.close()  # its timers stop, its translator leaves the shared application


def test_the_stem_and_an_option_show_their_pictures(qtbot, ctrl: KioskController) -> None:
    item = ctrl.item
    qtbot.waitUntil(lambda: coloured(item.stem, RED) > 0, timeout=2000)
    assert "data:image/png" in item.stem.text() and STEM_PICTURE not in item.stem.text()
    # The whole 240x120 red picture is drawn in the stem, not a broken-image icon.
    assert coloured(item.stem, RED) == pytest.approx(240 * 120, rel=0.1)
    option = next(r for r in item.option_rows if "data:image" in r.label.text())
    assert coloured(option.label, BLUE) == pytest.approx(120 * 60, rel=0.15)
    shot(ctrl.window, "stem-with-picture.png")
    # Shown from memory: no picture lies in the clear in the kiosk's data folder.
    data = ctrl.ctx.keys.data_dir
    assert any(data.iterdir())  # the candidate's store is there,
    assert not [p for p in data.rglob("*") if p.is_file() and b"IHDR" in p.read_bytes()]


def red_box(widget: QWidget) -> tuple[int, int]:
    """Width and height of what is drawn red in the widget."""
    image = widget.grab().toImage()
    want = QColor(*RED)
    points = [(x, y) for y in range(image.height()) for x in range(image.width())
              if _close(image.pixelColor(x, y), want)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return max(xs) - min(xs) + 1, max(ys) - min(ys) + 1


def test_a_picture_wider_than_the_pane_shrinks_keeping_its_shape(qtbot) -> None:
    screen = ItemScreen(pictures=Pictures({"W/lebar.png": png(RED, (3000, 300))}))
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    screen.stem.setText(screen.pictures.html('<p>Bagan:</p><img src="W/lebar.png">'))
    qtbot.waitUntil(lambda: coloured(screen.stem, RED) > 0, timeout=2000)
    width, height = red_box(screen.stem)
    pane = screen.stem.contentsRect().width()
    assert pane - 12 <= width <= pane < 3000  # as wide as the pane, no wider
    assert height == pytest.approx(width / 10, abs=2)  # 10:1 as the picture is


def test_the_case_material_shows_its_table_and_picture(qtbot, ctrl: KioskController) -> None:
    ctrl.on_review()
    click(qtbot, ctrl.review.submit)
    click(qtbot, ctrl.review.yes)
    click(qtbot, ctrl.intro.begin)
    paper = ctrl.makalah
    assert paper is not None and ctrl.window.currentWidget() is paper
    material = paper.material
    text = material.toPlainText()
    assert "Latar belakang" in text and "15.500" in text  # the heading and the table
    qtbot.waitUntil(lambda: coloured(material.viewport(), GREEN) > 0, timeout=2000)
    drawn = coloured(material.viewport(), GREEN)
    width = material.viewport().width() - 2 * material.document().documentMargin()
    expected = 240 * 120 if width >= 240 else width * width / 2
    # Scrolled into view or not, the picture is there at its size or the pane's width.
    material.verticalScrollBar().setValue(material.verticalScrollBar().maximum())
    drawn = max(drawn, coloured(material.viewport(), GREEN))
    assert drawn == pytest.approx(expected, rel=0.2)
    shot(ctrl.window, "case-pane.png")


@pytest.mark.qt_log_ignore("libpng", "Read Error", "allocation limit", "Invalid image")
@pytest.mark.parametrize("data", [
    png((1, 2, 3), (12_000, 12_000)),  # a decompression bomb: 144 million pixels
    png(RED)[:60],  # cut short
    b"GIF89a not really",
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
    b'height="10" fill="red"/></svg>',  # a format the bank never takes
], ids=["bomb", "truncated", "garbage", "svg"])
def test_a_picture_that_cannot_be_shown_is_a_notice(qtbot, ctrl, data: bytes) -> None:
    pictures = Pictures({"X/gambar.png": data})  # with the kiosk in Indonesian
    shown = pictures.html('<p>Lihat <img src="X/gambar.png" alt="Bagan organisasi"></p>')
    assert shown == "<p>Lihat <i>[Gambar tidak dapat ditampilkan: Bagan organisasi]</i></p>"
    assert pictures.html('<img src="X/lain.png">') == \
        "<i>[Gambar tidak dapat ditampilkan]</i>"


def test_read_aloud_says_what_a_picture_shows(ctrl: KioskController) -> None:
    view = ctrl.item.view
    assert view is not None
    lines = item_script(view, "id")
    assert "Gambar: Denah kantor." in lines[1] and "<" not in " ".join(lines)
    assert any(line.startswith("Pilihan") and "Gambar: Grafik biru." in line
               for line in lines)
    assert spoken_text('<img src="a.png">', "Picture") == "Picture."
    # a screen reader hears the same words
    assert "Gambar: Denah kantor." in ctrl.item.stem.accessibleDescription()


def test_a_picture_listed_but_not_in_the_text_follows_the_stem(ctrl) -> None:
    item = ctrl.ctx.package.items["IMG-MC"]
    extra = replace(item, stem="Soal tanpa gambar", media=(STEM_PICTURE,))
    assert stem_shown(extra) == f'Soal tanpa gambar<p><img src="{STEM_PICTURE}"></p>'


WORD_CASE = Path(__file__).parents[2] / "fixtures" / "word" / "kasus-word365.docx"
WORD_PICTURE = (90, 60, 150)  # the chart pasted in the Word document


def test_case_material_from_word_shows_as_written(qtbot) -> None:
    from exam_bank.importers.word_case import read_case
    from kiosk.screens.makalah import MakalahScreen, MakalahView
    from tests.exam_bank.mediakit import picture_items

    item, media = read_case(WORD_CASE, picture_items()[1])
    screen = MakalahScreen()
    screen.pictures = Pictures(media)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.render(MakalahView(item_id=item.id, title="Makalah", prompt="Tulis makalah.",
                              case_material=item.makalah.case_material, min_words=None,
                              max_words=None, text=""))
    screen.show()
    qtbot.waitExposed(screen)
    text = screen.material.toPlainText()
    assert "Kasus: Antrean Perizinan" in text and "Permohonan" in text
    qtbot.waitUntil(lambda: coloured(screen.material.viewport(), WORD_PICTURE) > 0,
                    timeout=2000)
    assert coloured(screen.material.viewport(), WORD_PICTURE) == pytest.approx(90 * 60,
                                                                               rel=0.2)
    shot(screen, "case-pane-word.png")


def test_many_pictures_keep_only_the_recent_ones_ready(qtbot) -> None:
    from kiosk.screens import pictures as module

    media = {f"P/{n}.png": png((n, 0, 0), (8, 8)) for n in range(module.KEPT + 10)}
    pictures = Pictures(media)
    for name in media:
        assert pictures.url(name).startswith("data:image/png;base64,")
    assert len(pictures._urls) == module.KEPT
    assert "P/0.png" not in pictures._urls and f"P/{module.KEPT + 9}.png" in pictures._urls
