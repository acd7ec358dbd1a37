"""What read-aloud says, as plain text: the question and each option with its letter, the
time left, a message, the paper paragraph by paragraph. Pure, no Qt, no audio; the
candidate's own answer is read only when asked for (`with_answer`)."""

from __future__ import annotations

import html
import re

from exam_bank.items.richtext import to_plain_text
from exam_bank.makalah.text import plain_text
from kiosk.engine.views import ItemView

LETTERS = "ABCDEFGHIJ"
WORDS = {
    "id": {"question": "Soal {n} dari {total}.", "option": "Pilihan {label}.",
           "answer": "Jawaban Anda: {labels}.", "none": "Belum dijawab.",
           "left": "Sisa waktu {h} jam {m} menit.", "left_min": "Sisa waktu {m} menit.",
           "left_sec": "Sisa waktu kurang dari satu menit.", "picture": "Gambar"},
    "en": {"question": "Question {n} of {total}.", "option": "Option {label}.",
           "answer": "Your answer: {labels}.", "none": "Not answered yet.",
           "left": "{h} hours {m} minutes left.", "left_min": "{m} minutes left.",
           "left_sec": "Less than a minute left.", "picture": "Picture"},
}


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def spoken_text(fragment: str, picture: str = "Gambar") -> str:
    """Item text as it is read: its words without markup, each picture said as
    "Gambar: <alt>." (or just "Gambar.") where it stands, never skipped silently."""
    def say(match: re.Match[str]) -> str:
        alt = _ALT.search(match.group(0))
        text = html.unescape(next((g for g in alt.groups() if g is not None), "")
                             ).strip() if alt else ""
        words = f"{picture}: {text}." if text else f"{picture}."
        return " " + html.escape(words, quote=False) + " "

    return " ".join(to_plain_text(_IMG.sub(say, fragment)).split())


def _label(kind: str, index: int) -> str:
    return str(index + 1) if kind == "likert" else LETTERS[index]


def item_script(view: ItemView, language: str = "id",
                with_answer: bool = False) -> list[str]:
    """The question, then each option with its letter (or number, on a scale)."""
    words = WORDS.get(language, WORDS["id"])
    lines = [words["question"].format(n=view.number, total=view.total),
             spoken_text(view.stem, words["picture"])]
    for index, option in enumerate(view.options):
        lines.append(words["option"].format(label=_label(view.kind, index)) + " "
                     + spoken_text(option.text, words["picture"]))
    if with_answer:
        chosen = [_label(view.kind, i) for i, o in enumerate(view.options)
                  if o.key in view.selected]
        lines.append(words["answer"].format(labels=", ".join(chosen)) if chosen
                     else words["none"])
    return lines


def time_script(ms: int, language: str = "id") -> str:
    words = WORDS.get(language, WORDS["id"])
    minutes = max(0, ms) // 60_000
    if minutes == 0:
        return words["left_sec"]
    hours, minutes = divmod(minutes, 60)
    return words["left"].format(h=hours, m=minutes) if hours else \
        words["left_min"].format(m=minutes)


def paper_paragraphs(stored: str) -> list[str]:
    """The candidate's makalah, one paragraph (or list item, or table row) at a time."""
    return [p.strip() for p in plain_text(stored).split("\n") if p.strip()
            and set(p.strip()) - set("=-")]
