"""Every `tr()` string in proctor/console has an Indonesian translation in the shipped
.qm, and the .ts has nothing unfinished or vanished."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

import proctor.console
from proctor.console.translations import I18N
from tests.trkit import tr_strings

CONSOLE = Path(proctor.console.__file__).resolve().parent
TS = I18N / "ujikom_proctor_id.ts"


def test_only_self_tr_is_used_so_lupdate_finds_every_string() -> None:
    for path in sorted(CONSOLE.glob("*.py")):
        for call in (n for n in ast.walk(ast.parse(path.read_text("utf-8")))
                     if isinstance(n, ast.Call)):
            func = call.func
            if isinstance(func, ast.Attribute) and func.attr == "tr":
                assert isinstance(func.value, ast.Name) and func.value.id == "self", (
                    f"{path.name}:{call.lineno}: tr() on another object gets the wrong "
                    "context; add a method to that class instead")


def test_every_string_has_an_indonesian_translation_in_the_qm() -> None:
    strings = tr_strings(CONSOLE)
    assert ("Words", "Answered question {n}") in strings
    translator = QTranslator()
    assert translator.load(str(I18N / "ujikom_proctor_id.qm"))
    missing = [(ctx, src) for ctx, src in sorted(strings)
               if not translator.translate(ctx, src)]
    assert missing == [], "run `python -m proctor.i18n` and translate these"
    assert translator.translate("Words", "Answered question {n}") == "Menjawab soal {n}"
    assert translator.translate("CommandDialog", "Force submit") == "Paksa kumpulkan"


def test_placeholders_survive_translation() -> None:
    root = ET.parse(TS).getroot()
    for message in root.iter("message"):
        source, translation = message.findtext("source") or "", message.findtext(
            "translation") or ""
        assert sorted(_names(source)) == sorted(_names(translation)), source


def test_the_ts_has_no_unfinished_or_vanished_entries() -> None:
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None and translation.text
        assert translation.get("type") is None, message.findtext("source")


def _names(text: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", text)
