"""A makalah's prompt as the results store keeps it: the instructions, the case material
as the kiosk showed it and the pictures they show, in one compressed JSON blob, so the
assessors' blind papers print what the candidate answered without the exam package."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from exam_bank.items.media import all_media, case_shown
from exam_bank.items.model import Item


@dataclass(frozen=True)
class Prompt:
    instructions: str
    case_material: str
    media: Mapping[str, bytes] = field(default_factory=dict)


def prompt_blob(item: Item, media: Mapping[str, bytes]) -> bytes:
    """The stored form of a makalah item's prompt, with the pictures it shows."""
    spec = item.makalah
    data = {"instructions": spec.instructions if spec else "",
            "case_material": case_shown(item),
            "media": {n: base64.b64encode(media[n]).decode() for n in all_media(item)
                      if n in media}}
    return zlib.compress(json.dumps(data, ensure_ascii=False, sort_keys=True).encode())


def prompt_from_blob(blob: bytes) -> Prompt:
    data = json.loads(zlib.decompress(blob))
    return Prompt(str(data["instructions"]), str(data["case_material"]),
                  {str(n): base64.b64decode(v) for n, v in data["media"].items()})
