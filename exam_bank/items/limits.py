"""How large an item's parts may be: every importer, the bank and `bank validate` check
these, so a 45 MB stem or a 30 MB picture is refused with the item and field named
instead of travelling to every kiosk in the package.

Sized for real content with room to spare: a long situational-judgement stem with a
table is ~5,000 characters; a makalah's case material a few pages (~30,000); a picture a
few hundred KB (a scanned chart at most a couple of MB).
"""

from __future__ import annotations

from collections.abc import Iterator

from exam_bank.items.model import Item

MAX_STEM_CHARS = 20_000
MAX_OPTION_CHARS = 5_000
MAX_CASE_MATERIAL_CHARS = 200_000
MAX_INSTRUCTIONS_CHARS = 20_000
MAX_LABEL_CHARS = 500  # likert labels, rubric titles, topic, author, tags
MAX_RUBRIC_DESCRIPTION_CHARS = 5_000
MAX_IMAGE_BYTES = 5 * 1024 * 1024
# Decoded size: a 5 MB PNG can unpack to gigabytes (a decompression bomb); 16 million
# pixels (64 MB decoded) is far above any scanned chart and still safe on a lab PC.
MAX_IMAGE_PIXELS = 16_000_000
MAX_IMAGE_SIDE = 10_000


def _too_long(field: str, length: int, limit: int) -> str:
    return f"the {field} is {length:,} characters; at most {limit:,} are accepted".replace(
        ",", ".")


def text_problems(item: Item) -> Iterator[tuple[str, str]]:
    """(field, message) for every text of `item` over its limit."""
    def check(field: str, text: str, limit: int) -> Iterator[tuple[str, str]]:
        if len(text) > limit:
            yield field, _too_long(field, len(text), limit)

    yield from check("stem", item.stem, MAX_STEM_CHARS)
    for option in item.options:
        yield from check(f"options.{option.id}", option.text, MAX_OPTION_CHARS)
    yield from check("topic", item.topic, MAX_LABEL_CHARS)
    yield from check("author", item.author, MAX_LABEL_CHARS)
    yield from check("reviewed_by", item.reviewed_by, MAX_LABEL_CHARS)
    for tag in item.tags:
        yield from check("tags", tag, MAX_LABEL_CHARS)
    if item.likert is not None:
        for label in item.likert.labels:
            yield from check("likert.labels", label, MAX_LABEL_CHARS)
    if item.makalah is not None:
        m = item.makalah
        yield from check("makalah.case_material", m.case_material, MAX_CASE_MATERIAL_CHARS)
        yield from check("makalah.instructions", m.instructions, MAX_INSTRUCTIONS_CHARS)
        for c in m.rubric:
            yield from check(f"makalah.rubric.{c.id}.title", c.title, MAX_LABEL_CHARS)
            yield from check(f"makalah.rubric.{c.id}.description", c.description,
                             MAX_RUBRIC_DESCRIPTION_CHARS)


def image_problem(size: int) -> str | None:
    """Why an image of `size` bytes is refused, or None."""
    if size > MAX_IMAGE_BYTES:
        return (f"the image is {size / 2**20:.2f} MB; at most "
                f"{MAX_IMAGE_BYTES // 2**20} MB is accepted (scale it down)")
    return None
