"""What read-aloud says, as plain text: the question and each option with its letter, the
time left, a message, the paper paragraph by paragraph. Pure, no Qt, no audio; the
candidate's own answer is read only when asked for (`with_answer`)."""

from __future__ import annotations

from exam_bank.makalah.text import plain_text
from kiosk.engine.views import ItemView

LETTERS = "ABCDEFGHIJ"
WORDS = {
    "id": {"question": "Soal {n} dari {total}.", "option": "Pilihan {label}.",
           "answer": "Jawaban Anda: {labels}.", "none": "Belum dijawab.",
           "left": "Sisa waktu {h} jam {m} menit.", "left_min": "Sisa waktu {m} menit.",
           "left_sec": "Sisa waktu kurang dari satu menit."},
    "en": {"question": "Question {n} of {total}.", "option": "Option {label}.",
           "answer": "Your answer: {labels}.", "none": "Not answered yet.",
           "left": "{h} hours {m} minutes left.", "left_min": "{m} minutes left.",
           "left_sec": "Less than a minute left."},
}


def _label(kind: str, index: int) -> str:
    return str(index + 1) if kind == "likert" else LETTERS[index]


def item_script(view: ItemView, language: str = "id",
                with_answer: bool = False) -> list[str]:
    """The question, then each option with its letter (or number, on a scale)."""
    words = WORDS.get(language, WORDS["id"])
    lines = [words["question"].format(n=view.number, total=view.total), view.stem]
    for index, option in enumerate(view.options):
        lines.append(words["option"].format(label=_label(view.kind, index)) + " "
                     + option.text)
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
