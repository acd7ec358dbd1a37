"""One wrong passphrase tried against the office's admin.p12, against the same file as
`cryptography` writes it by itself.

admin.p12 opens every sealed bundle, so an offline guess at its passphrase must cost what
the key derivation costs (PBKDF2, `exam_bank.bundle.admin.KDF_ROUNDS`), not what the MAC
alone costs: `cryptography` writes the MAC at 2,048 rounds whatever the bags use, and
`exam_bank.crypto.p12` writes it again at twice the derivation's rounds. Reported: a wrong
guess through our file, the derivation itself (hashlib's PBKDF2), and, as the baseline in
the same run, a wrong guess through the stock file. UJIKOM_BENCH_GUESSES (3) of each.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable

from benchmarks import Report

DESCRIPTION = "a wrong guess at admin.p12's passphrase vs the same file's stock 2,048-round MAC"
PASS = b"kunci-kantor-benchmark"


def _best(fn: Callable[[], object], n: int) -> float:
    """The fastest of `n` calls, in seconds: what a guesser with the machine to
    themselves would pay."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _wrong_guess(pfx: bytes) -> Callable[[], None]:
    from cryptography.hazmat.primitives.serialization import pkcs12

    def guess() -> None:
        try:
            pkcs12.load_key_and_certificates(pfx, b"tebakan-yang-salah")
        except ValueError:
            return
        raise AssertionError("a wrong passphrase opened the file")
    return guess


def run() -> Report:
    from exam_bank.bundle.admin import KDF_ROUNDS
    from exam_bank.bundle.certs import make_admin, make_lab_ca
    from exam_bank.crypto import p12

    n = int(os.environ.get("UJIKOM_BENCH_GUESSES", "3"))
    admin = make_admin(make_lab_ca("Kantor"), "Admin", key_size=2048)
    ours = p12.serialize(b"Admin", admin.key, admin.cert, PASS, kdf_rounds=KDF_ROUNDS)
    stock = p12.serialize_stock(b"Admin", admin.key, admin.cert, PASS, kdf_rounds=KDF_ROUNDS)
    guess_s = _best(_wrong_guess(ours), n)
    derive_s = _best(lambda: hashlib.pbkdf2_hmac("sha256", PASS, b"0" * 16, KDF_ROUNDS), n)
    stock_s = _best(_wrong_guess(stock), n)
    return Report(
        name="admin_key_guess",
        metrics={"guesses": n, "kdf_rounds": KDF_ROUNDS,
                 "mac_rounds": p12.mac_iterations_for(KDF_ROUNDS),
                 "wrong_guess_s": round(guess_s, 4), "derivation_s": round(derive_s, 4),
                 "guess_per_derivation": round(guess_s / derive_s, 2)},
        baseline={"approach": "the same bags with the MAC cryptography writes (2,048 rounds)",
                  "guesses": n, "mac_rounds": 2048, "wrong_guess_s": round(stock_s, 6)},
        ratio={"wrong_guess_s": round(guess_s / stock_s, 1) if stock_s else 0.0},
    )
