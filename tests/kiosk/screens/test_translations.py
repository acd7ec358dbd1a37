"""Every `tr()` string in kiosk/screens has an Indonesian translation in the shipped .qm."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

import kiosk.screens
from kiosk.app import I18N
from tests.trkit import tr_strings

SCREENS = Path(kiosk.screens.__file__).resolve().parent


def test_screens_have_strings_to_translate() -> None:
    strings = tr_strings(SCREENS)
    assert ("LoginScreen", "Sign in") in strings
    assert ("IdentityScreen", "Yes, that is me") in strings


def test_every_string_has_an_indonesian_translation_in_the_qm() -> None:
    translator = QTranslator()
    assert translator.load(str(I18N / "ujikom_kiosk_id.qm"))
    missing = [(ctx, src) for ctx, src in sorted(tr_strings(SCREENS))
               if not translator.translate(ctx, src)]
    assert missing == [], "run `python -m kiosk.i18n` and translate these"
    assert translator.translate("LoginScreen", "Sign in") == "Masuk"
    assert translator.translate("IdentityScreen", "Yes, that is me") == "Ya, benar"


def test_the_ts_has_no_unfinished_or_vanished_entries() -> None:
    root = ET.parse(I18N / "ujikom_kiosk_id.ts").getroot()
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation is not None and translation.text
        assert translation.get("type") is None, message.findtext("source")
