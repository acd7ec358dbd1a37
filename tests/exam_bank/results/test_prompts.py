"""The results store keeps each makalah's prompt with its pictures, for the blind papers."""

from __future__ import annotations

from exam_bank.results.prompts import prompt_blob, prompt_from_blob
from tests.exam_bank.mediakit import CASE, CASE_PICTURE, picture_items, picture_media


def test_a_prompt_keeps_its_case_material_and_pictures() -> None:
    mk = picture_items()[1]
    media = picture_media()
    prompt = prompt_from_blob(prompt_blob(mk, media))
    assert prompt.case_material == CASE
    assert prompt.instructions == "Tulis makalah tentang penanganan kemacetan."
    assert prompt.media == {CASE_PICTURE: media[CASE_PICTURE]}  # only what it shows
