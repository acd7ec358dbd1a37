"""The admin's identity at the central office: the certificate labs seal results for, and
its private key.

``ujikom bank admin init FOLDER`` writes

- ``admin.pem``: the certificate, handed to every lab (``ujikom proctor seal --admin-cert``);
- ``admin.p12``: the RSA key with its certificate in PKCS#12 (`exam_bank.crypto.p12`): key
  and certificate bags PBES2 (PBKDF2-HMAC-SHA256, 600,000 rounds, AES-256-CBC) under the
  admin's passphrase, the MAC HMAC-SHA256 at 1,200,000 rounds, so a guess costs the same
  through the MAC as through the key.

PKCS#12 rather than an encrypted PEM because `cryptography` writes PKCS#8 PEM with only
2,048 PBKDF2 rounds, and because stock OpenSSL reads it as it is, so a bundle opens with
no Ujikom code: ``openssl cms -decrypt -inkey admin.p12 -passin env:… -recip admin.pem``.
The certificate is issued by a one-off office CA whose key is thrown away: CMS finds the
recipient by issuer and serial number, and nothing else relies on that chain.
"""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from exam_bank.bundle.certs import cert_pem, make_admin, make_lab_ca
from exam_bank.crypto._files import fail, read_small, write_new_file
from exam_bank.crypto.p12 import serialize

CERT_FILE, KEY_FILE = "admin.pem", "admin.p12"
KDF_ROUNDS = 600_000
_MAX_FILE = 64 * 1024


def init_admin(folder: Path, name: str, passphrase: bytes, *, key_size: int = 3072,
               kdf_rounds: int = KDF_ROUNDS) -> tuple[Path, Path]:
    """Makes the admin's certificate and encrypted key; refuses to replace either."""
    folder = Path(folder)
    cert_path, key_path = folder / CERT_FILE, folder / KEY_FILE
    for path in (cert_path, key_path):
        if path.exists():
            raise fail(path, "already exists; an admin identity is never replaced here "
                       "(bundles sealed for it could no longer be opened)")
    if len(passphrase) < 8:
        raise fail("passphrase", "use at least 8 characters")
    issued = make_admin(make_lab_ca(f"{name} (kantor)"), name, key_size=key_size)
    p12 = serialize(name.encode("utf-8"), issued.key, issued.cert, passphrase,
                    kdf_rounds=kdf_rounds)
    folder.mkdir(parents=True, exist_ok=True)
    write_new_file(key_path, p12, 0o600)
    write_new_file(cert_path, cert_pem(issued.cert), 0o644)
    return cert_path, key_path


def load_admin_key(path: Path, passphrase: bytes) -> tuple[rsa.RSAPrivateKey,
                                                           x509.Certificate]:
    """The admin's key and certificate from ``admin.p12``; InputError naming the file."""
    data = read_small(Path(path), _MAX_FILE, "an admin key file")
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(data, passphrase)
    except ValueError:
        raise fail(path, "cannot open the admin key: wrong passphrase, or not a PKCS#12 "
                   "file made by `ujikom bank admin init`") from None
    if not isinstance(key, rsa.RSAPrivateKey) or cert is None:
        raise fail(path, "must hold an RSA key with its certificate")
    return key, cert
