"""A tiny exam (three choice items and a makalah), a lab PKI and sealed results, for the
sealed-bundle and results-store tests."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.blueprint.forms import Form, FormSection
from exam_bank.bundle.certs import (
    Issued,
    make_admin,
    make_kiosk_cert,
    make_lab_ca,
    make_proctor_tls,
    make_seal,
)
from exam_bank.events.model import Event
from exam_bank.items.model import Item, ItemId, ItemType, MakalahSpec, Option, OptionId
from exam_bank.results.synthetic import candidate_events

EXAM = "SELTER-2026-01"
DIGEST = "ab" * 32
ITEMS = {
    **{f"q{n}": Item(ItemId(f"q{n}"), ItemType.MC, "Soal", "integritas",
                     options=tuple(Option(OptionId(c), c, correct=c == "A") for c in "ABCD"))
       for n in (1, 2, 3)},
    "mk1": Item(ItemId("mk1"), ItemType.MAKALAH, "", "integritas",
                makalah=MakalahSpec("Kasus", "Tulis makalah")),
}


def form(participant_no: str) -> Form:
    return Form(participant_no, "seed", (
        FormSection("tkp", ("q1", "q2", "q3"), dict.fromkeys(("q1", "q2", "q3"), tuple("ABCD"))),
        FormSection("mkl", ("mk1",)),
    ))


def events(participant_no: str, revisions: int = 30) -> list[Event]:
    return candidate_events(EXAM, form(participant_no), ITEMS, makalah_revisions=revisions)


class Pki:
    def __init__(self) -> None:
        self.ca = make_lab_ca()
        self.proctor = make_seal(self.ca, "Proctor Lab 1")
        self.second_seal = make_seal(self.ca, "Proctor Lab 1")  # same lab CA, another key
        kiosk_key = ec.generate_private_key(ec.SECP256R1())
        self.kiosk = Issued(make_kiosk_cert(self.ca, "pc-07", kiosk_key.public_key()), kiosk_key)
        self.server = make_proctor_tls(self.ca, ["ujikom-proctor"])
        self.admin = make_admin(self.ca, "Admin A", key_size=2048)
        self.other_ca = make_lab_ca("Ujikom Lab CA")  # same name, different key
        self.rogue = make_seal(self.other_ca, "Proctor Lab 1")
        self.stranger = make_admin(self.other_ca, "Admin X", key_size=2048)

    def seal_args(self, signer: Issued | None = None) -> dict[str, object]:
        signer = signer or self.proctor
        return {"proctor_cert": signer.cert, "proctor_key": signer.key, "chain": [self.ca.cert],
                "admin_certs": [self.admin.cert]}

    def open_args(self) -> dict[str, object]:
        return {"admin_cert": self.admin.cert, "admin_key": self.admin.key,
                "trusted_lab_cas": [self.ca.cert]}
