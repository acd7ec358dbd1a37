"""Enrollment helpers: the one-time code, the HMACs both ways, and what a kiosk trusts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from cryptography.hazmat.primitives import serialization

from exam_bank.bundle.certs import make_lab_ca
from exam_bank.wire import enroll
from exam_bank.wire.protocol import ProtocolError

N = 2**4  # cheap scrypt for tests; the real cost is enroll.SCRYPT_N


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_codes_are_ten_crockford_characters_in_two_groups() -> None:
    codes = {enroll.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 11 and code[5] == "-"
        assert set(code.replace("-", "")) <= set(enroll.CODE_ALPHABET)


def test_typed_codes_are_forgiving_but_checked() -> None:
    assert enroll.normalise_code(" 7k2qm-xfoab ") == "7K2QMXF0AB"
    assert enroll.normalise_code("ilil0-00000") == "11110" + "00000"
    for bad in ("7K2QM", "7K2QM-XF0AB-1", "7K2QM-XF0A!"):
        with pytest.raises(ValueError, match="10 characters"):
            enroll.normalise_code(bad)


def _enrolled(code_typed: str | None = None):
    ca = make_lab_ca()
    book = enroll.CodeBook(clock=Clock(), scrypt_n=N)
    code = book.issue()
    key, request = enroll.make_request("pc-07", code_typed or code.lower(), scrypt_n=N)
    return ca, book, code, key, request


def test_the_right_code_gives_a_certificate_the_kiosk_trusts() -> None:
    ca, book, code, key, request = _enrolled()
    used = book.redeem(request)
    cert, reply = enroll.sign_request(ca, used, request, scrypt_n=N)
    got_cert, got_ca = enroll.check_reply(code, request, reply, key, scrypt_n=N)
    assert got_cert == cert and got_ca == ca.cert
    assert enroll.is_kiosk_cert(got_cert)
    assert got_cert.public_key() == key.public_key()


def test_a_code_works_once() -> None:
    _ca, book, _code, _key, request = _enrolled()
    book.redeem(request)
    with pytest.raises(enroll.EnrollError, match="already used"):
        book.redeem(request)


def test_a_wrong_code_is_refused() -> None:
    _ca, book, _code, _own_key, request = _enrolled()
    _key, wrong = enroll.make_request("pc-07", "00000-00000", scrypt_n=N)
    with pytest.raises(enroll.EnrollError, match="wrong"):
        book.redeem(wrong)
    assert book.redeem(request)  # the real code still works after one wrong try


def test_an_expired_code_is_refused() -> None:
    _ca, book, _code, _key, request = _enrolled()
    assert isinstance(book.clock, Clock)
    book.clock.now += enroll.CODE_TTL_S + 1
    with pytest.raises(enroll.EnrollError, match="expired"):
        book.redeem(request)


def test_wrong_codes_never_cancel_the_live_ones() -> None:
    """Cancelling every code after N failures let any LAN client stop enrollment."""
    _ca, book, _code, _own_key, request = _enrolled()
    _key, wrong = enroll.make_request("pc-07", "00000-00000", scrypt_n=N)
    for _ in range(30):
        with pytest.raises(enroll.EnrollError, match="wrong"):
            book.redeem(wrong)
    assert book.redeem(request)


def test_the_request_mac_binds_the_kiosk_id_and_the_csr() -> None:
    _ca, book, code, _key, request = _enrolled()
    _other_key, other = enroll.make_request("pc-08", code, scrypt_n=N)
    swapped_csr = replace(request, csr=other.csr)
    with pytest.raises(enroll.EnrollError):
        book.redeem(swapped_csr)
    renamed = replace(request, kiosk_id="pc-99")
    with pytest.raises(enroll.EnrollError):
        book.redeem(renamed)


def test_a_broken_csr_is_a_protocol_error_naming_csr() -> None:
    _ca, book, _code, _key, request = _enrolled()
    with pytest.raises(ProtocolError) as info:
        book.redeem(replace(request, csr="-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"))
    assert info.value.field == "csr"


@pytest.mark.parametrize("tamper", ["mac", "ca", "cert"])
def test_a_tampered_reply_is_not_trusted(tamper: str) -> None:
    ca, book, code, key, request = _enrolled()
    _cert, reply = enroll.sign_request(ca, book.redeem(request), request, scrypt_n=N)
    rogue = make_lab_ca("Rogue CA")
    pem = serialization.Encoding.PEM
    if tamper == "mac":
        bad = replace(reply, mac="0" * 64)
    elif tamper == "ca":
        bad = replace(reply, ca=rogue.cert.public_bytes(pem).decode())
    else:
        _k, other = enroll.make_request("pc-07", code, scrypt_n=N)
        other_cert, _r = enroll.sign_request(ca, code, other, scrypt_n=N)
        bad = replace(reply, cert=other_cert.public_bytes(pem).decode())
    with pytest.raises(enroll.EnrollError):
        enroll.check_reply(code, request, bad, key, scrypt_n=N)


def test_a_rogue_proctor_without_the_code_cannot_answer() -> None:
    """Someone posing as the proctor signs with their own CA but does not know the code."""
    _ca, _book, code, key, request = _enrolled()
    rogue = make_lab_ca("Rogue CA")
    _cert, forged = enroll.sign_request(rogue, "ZZZZZ-ZZZZZ", request, scrypt_n=N)
    with pytest.raises(enroll.EnrollError, match="knows this code"):
        enroll.check_reply(code, request, forged, key, scrypt_n=N)


def test_a_reply_for_another_kiosks_key_is_refused() -> None:
    ca, book, code, _key, request = _enrolled()
    _cert, reply = enroll.sign_request(ca, book.redeem(request), request, scrypt_n=N)
    stranger, _req = enroll.make_request("pc-07", code, scrypt_n=N)
    with pytest.raises(enroll.EnrollError, match="this kiosk's key"):
        enroll.check_reply(code, request, reply, stranger, scrypt_n=N)


def test_a_csr_on_an_unknown_curve_is_a_protocol_error_not_a_crash() -> None:
    """Found by the fault suite's fuzzing: cryptography's UnsupportedAlgorithm escaped."""
    import base64
    from dataclasses import replace as with_field

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from exam_bank.wire.protocol import ProtocolError

    _key, request = enroll.make_request("pc-07", "7K2QM-XF0AB", scrypt_n=N)
    der = x509.load_pem_x509_csr(request.csr.encode()).public_bytes(serialization.Encoding.DER)
    p256 = bytes.fromhex("06082a8648ce3d030107")
    assert p256 in der
    odd = der.replace(p256, bytes.fromhex("06082a8648ce3d030106"))
    pem = ("-----BEGIN CERTIFICATE REQUEST-----\n" + base64.encodebytes(odd).decode()
           + "-----END CERTIFICATE REQUEST-----\n")
    with pytest.raises(ProtocolError, match="not a valid CSR"):
        enroll.match_code(with_field(request, csr=pem), ["7K2QMXF0AB"], scrypt_n=N)
