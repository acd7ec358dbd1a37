"""A makalah's case material (bahan kasus) from a Word document: `bank import-case`.

The document's body becomes the item's `makalah.case_material` in the bank's rich-text
subset: headings (Heading 1-3 as h3, deeper as h4), paragraphs with bold, italic,
underline, sub/superscript and line breaks, bulleted and numbered lists, tables, and
inserted pictures (stored under ``media/<ITEM-ID>/`` and listed in the item's media).
What the subset cannot hold (text boxes, tracked changes, comments, equations, embedded
objects, linked or unreadable pictures, footnotes) is reported and nothing is stored.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from exam_bank.importers.docx_xml import Rich, open_document
from exam_bank.items.bank import Bank, check_new_items
from exam_bank.items.limits import text_problems
from exam_bank.items.model import Item, ItemType
from exam_bank.problems import InputError, Problem


def read_case(path: Path, item: Item) -> tuple[Item, dict[str, bytes]]:
    """`item` with the case material of `path`, and the pictures it uses."""
    if item.type != ItemType.MAKALAH or item.makalah is None:
        raise InputError([Problem("--item", f"{item.id!r} is a {item.type} item; case "
                                  "material belongs to a makalah item")])
    document = open_document(path)
    problems: list[str] = []

    def report(message: str) -> None:
        if message not in problems:
            problems.append(message)

    rich = Rich(document.part, item.id, report)
    html = rich.blocks(document.element.body)
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous and any(p.text.strip() for p in part.paragraphs):
                report("isi header/footer tidak ikut masuk: pindahkan ke badan dokumen bila "
                       "perlu / header and footer text is not imported: move it into the "
                       "body if it matters")
    if not html.strip():
        report("dokumen kosong / the document has no text")
    old = _images_of(item.makalah.case_material)  # replaced with the old case material
    kept = [m for m in item.media if m not in old]
    updated = replace(item, makalah=replace(item.makalah, case_material=html),
                      media=tuple(dict.fromkeys([*kept, *rich.images])))
    problems += [f"{field}: {message}" for field, message in text_problems(updated)
                 if field.startswith("makalah.case_material")]
    if problems:
        raise InputError([Problem(str(path), p) for p in problems])
    return updated, rich.media


def _images_of(html: str) -> set[str]:
    from exam_bank.items.richtext import sanitize

    return set(sanitize(html).images)


def check_case_media(bank: Bank, media: dict[str, bytes], source: str) -> list[Problem]:
    """The bank's media checks for the new pictures (names, sizes, clashes)."""
    return check_new_items(bank, [], media, source)
