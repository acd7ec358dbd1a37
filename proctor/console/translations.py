"""Qt Linguist translations for the console; English is the source, Indonesian the default."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

I18N = Path(__file__).resolve().parent.parent / "i18n"
LANGUAGES = ("id", "en")


class Translations:
    """Installs one translator at a time; widgets re-word themselves on LanguageChange."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.language = "en"

    def use(self, language: str) -> None:
        app = QCoreApplication.instance()
        if app is None or language == self.language or language not in LANGUAGES:
            return
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        if language != "en":
            translator = QTranslator(app)
            if translator.load(str(I18N / f"ujikom_proctor_{language}.qm")):
                app.installTranslator(translator)
                self._translator = translator
        self.language = language
        # Qt posts LanguageChange; deliver it now so the switch is seen at once.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
