"""Keys of the exam bank: the authority that signs exam packages and the per-exam keys.

`authority` holds the long-lived Ed25519 signing key (kept passphrase-encrypted) and
its public part that proctors and importers trust; `examkey` holds the AES-256 key of
one exam, wrapped under a passphrase until the proctor releases it on exam day. Both
key files use the one passphrase wrap in `wrap` (scrypt, then AES-256-GCM).
Only standard primitives from `cryptography` are used.
"""
