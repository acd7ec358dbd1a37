"""Qt Linguist translations for the console; English is the source, Indonesian the default."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

I18N = Path(__file__).resolve().parent.parent / "i18n"
LANGUAGES = ("id", "en")


class Translations:
    """Installs one translator at a time for the whole application (so two windows, or a
    window opened again, never stack translators); widgets re-word on LanguageChange."""

    _installed: QTranslator | None = None
    _language = "en"

    @property
    def language(self) -> str:
        return Translations._language

    def use(self, language: str) -> None:
        app = QCoreApplication.instance()
        if app is None or language == Translations._language or language not in LANGUAGES:
            return
        if Translations._installed is not None:
            app.removeTranslator(Translations._installed)
            Translations._installed = None
        if language != "en":
            translator = QTranslator(app)
            if translator.load(str(I18N / f"ujikom_proctor_{language}.qm")):
                app.installTranslator(translator)
                Translations._installed = translator
        Translations._language = language
        # Qt posts LanguageChange; deliver it now so the switch is seen at once.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
