"""A kiosk set up wrong says so at once: what is wrong and what to do, in Indonesian for
the candidate's screen and English for the technician (and stderr).

Two kinds of check. Before connecting (`check_enrollment`): the certificate the
`[proctor]` table points to is this kiosk's (its CN is `kiosk_id`), issued by the lab CA
beside it, not expired, with its key there. While connecting (`fault_of`): answers that
waiting cannot change (the proctor refuses this kiosk's identity, the proctor is not this
lab's, the proctor does not accept this certificate) end the wait at once; a proctor that
cannot be reached yet is a reason to wait a little, not two minutes.
"""

from __future__ import annotations

import datetime as dt
import ssl
from pathlib import Path
from typing import Any

ENROLL_AGAIN = ("daftarkan ulang kiosk dengan kode baru dari pengawas (ujikom kiosk enroll)",
                "enroll the kiosk again with a new code from the proctor (ujikom kiosk enroll)")


class SetupFault(Exception):
    """What is wrong with this kiosk's setup and what to do, in both languages."""

    def __init__(self, idn: str, en: str) -> None:
        super().__init__(en)
        self.idn = idn
        self.en = en


def check_enrollment(table: dict[str, Any], where: str, base: Path,
                     now: dt.datetime | None = None) -> None:
    """SetupFault when the enrollment files cannot work with this `[proctor]` table."""
    from kiosk.doctor.facts import enrollment

    e = enrollment(table, where, base)
    when = now or dt.datetime.now(dt.UTC)
    if e.problem:
        # The problem is system text: the English line (the technician's) carries it.
        raise SetupFault(f"Berkas pendaftaran kiosk tidak terbaca; periksa tabel [proctor] "
                         f"di {where} atau {ENROLL_AGAIN[0]}.",
                         f"The kiosk's enrollment files cannot be read ({e.problem}); check "
                         f"the [proctor] table in {where} or {ENROLL_AGAIN[1]}.")
    if e.cert_cn != e.kiosk_id:
        raise SetupFault(
            f"kiosk_id di {where} adalah {e.kiosk_id!r}, tetapi sertifikat kiosk ini "
            f"milik {e.cert_cn!r}. Ubah kiosk_id menjadi \"{e.cert_cn}\".",
            f"kiosk_id in {where} is {e.kiosk_id!r} but this kiosk's certificate is "
            f"{e.cert_cn!r}: set kiosk_id = \"{e.cert_cn}\" (the id it was enrolled with).")
    if not e.issued_by_ca:
        raise SetupFault(f"Sertifikat kiosk tidak diterbitkan oleh CA lab di samping "
                         f"sertifikat itu; {ENROLL_AGAIN[0]}.",
                         "The kiosk certificate was not issued by the lab CA next to it "
                         f"(ca.crt of another lab?); {ENROLL_AGAIN[1]}.")
    if not e.key_present:
        raise SetupFault(f"Kunci kiosk tidak ada; {ENROLL_AGAIN[0]}.",
                         f"The kiosk key file is missing; {ENROLL_AGAIN[1]}.")
    if e.not_after is not None and e.not_after <= when:
        until = e.not_after.date().isoformat()
        raise SetupFault(f"Sertifikat kiosk kedaluwarsa sejak {until}; {ENROLL_AGAIN[0]}.",
                         f"The kiosk certificate expired on {until}; {ENROLL_AGAIN[1]}.")


# The TLS alerts a proctor sends when it does not accept this kiosk's certificate.
_REFUSED_CERT = ("UNKNOWN_CA", "CERTIFICATE_EXPIRED", "BAD_CERTIFICATE",
                 "CERTIFICATE_REQUIRED", "CERTIFICATE_REVOKED", "UNSUPPORTED_CERTIFICATE")


def fault_of(exc: BaseException, address: str) -> SetupFault | None:
    """The setup fault `exc` (raised while connecting to `address`) shows, or None when
    trying again later may help (the proctor is not up yet, the network blinked)."""
    code = getattr(exc, "code", None)
    if code == "identity":
        return SetupFault(
            "Pengawas menolak identitas kiosk ini. Samakan kiosk_id di kiosk.toml dengan "
            "sertifikat kiosk.",
            f"The proctor refuses this kiosk's identity: {exc}. Make kiosk_id in kiosk.toml "
            "the id the kiosk was enrolled with.")
    if code == "version":
        return version_fault(str(exc))
    if isinstance(exc, ssl.SSLCertVerificationError):
        return SetupFault(
            f"PC di {address} bukan pengawas lab ini (sertifikatnya tidak dari CA lab). "
            "Periksa alamat pengawas di kiosk.toml, atau " + ENROLL_AGAIN[0] + ".",
            f"The machine at {address} is not this lab's proctor (its certificate is not "
            f"from the lab CA: {exc.verify_message}). Check the proctor address in "
            f"kiosk.toml, or {ENROLL_AGAIN[1]}.")
    if isinstance(exc, ssl.SSLError) and any(
            alert in str(exc).upper() for alert in _REFUSED_CERT):
        return SetupFault(
            f"Pengawas di {address} tidak menerima sertifikat kiosk ini (bukan dari lab "
            f"ini atau kedaluwarsa); {ENROLL_AGAIN[0]}.",
            f"The proctor at {address} does not accept this kiosk's certificate (another "
            f"lab's, or expired: {exc.reason}); {ENROLL_AGAIN[1]}.")
    return None


def version_fault(refusal: str) -> SetupFault:
    """The kiosk and the proctor speak different protocol versions (`refusal`: the
    proctor's words, `exam_bank.wire.protocol.version_refusal`): both named, when known."""
    from exam_bank.wire.protocol import PROTOCOL_VERSION, refused_versions

    kiosk, proctor = refused_versions(refusal) or (PROTOCOL_VERSION, None)
    theirs_id = f"versi {proctor}" if proctor is not None else "versi lain"
    theirs_en = f"version {proctor}" if proctor is not None else "another version"
    return SetupFault(
        f"Kiosk ini memakai protokol versi {kiosk}, sedangkan PC pengawas memakai "
        f"{theirs_id}, sehingga keduanya tidak dapat bekerja sama. Pasang versi Ujikom yang "
        "sama di kiosk dan PC pengawas, lalu jalankan kiosk lagi.",
        f"This kiosk speaks protocol version {kiosk}, the proctor {theirs_en} ({refusal}): "
        "install the same Ujikom version on the kiosk and the proctor PC, then start the "
        "kiosk again.")


def unreachable(address: str, why: str | None) -> SetupFault:
    """The proctor never answered: most often a wrong address, or its server is not on."""
    detail = why or "no answer"
    return SetupFault(
        f"Pengawas di {address} tidak dapat dihubungi. Periksa alamat [proctor] di "
        "kiosk.toml, kabel jaringan, dan bahwa server pengawas sudah jalan.",
        f"Cannot reach the proctor at {address} ({detail}). Check the [proctor] address "
        "in kiosk.toml, the network cable, and that the proctor's server is running.")


def not_opened(address: str) -> SetupFault:
    return SetupFault(f"Pengawas di {address} belum membuka sesi. Minta pengawas membuka "
                      "sesi, lalu jalankan kiosk lagi.",
                      f"The proctor at {address} has not opened the session yet: ask the "
                      "proctor to open it, then start the kiosk again.")


def wrong_package(package: Path, have: str, want: str | None) -> SetupFault:
    return SetupFault(
        f"Paket ujian {package.name} bukan paket yang dipakai pengawas untuk sesi ini. "
        "Salin paket yang benar dari PC pengawas.",
        f"{package}: not the exam package the proctor serves for this session (SHA-256 "
        f"{have[:12]}..., the proctor's {str(want)[:12]}...); copy the right one.")
