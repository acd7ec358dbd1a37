"""The lowest versions `pyproject.toml` allows, and the newer APIs the code leans on.

`python -m tests.dependency_floors` prints pip constraints pinning every dependency with a
floor to that floor's series (`cryptography==45.0.*`); `make floors` installs them into
`.venv-floors` and runs the suite there, so a floor that is too low fails a real run.
`API_SINCE` names, per package, the APIs the code uses that appeared late, with the
release that brought them (each checked by installing the release before it); the test
beside this file fails when a floor drops below what an API in use needs.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_FLOOR = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*>=\s*([0-9][0-9.]*)")

# package -> {text the code contains: the first release that has it}
API_SINCE: dict[str, dict[str, str]] = {
    "cryptography": {
        # x509.verification extension policies: the CMS signer check (exam_bank/bundle/cms.py)
        # lets the end-entity carry the seal role's EKU. 44.0.3 lacks them, 45.0.0 has them.
        "ExtensionPolicy": "45.0",
        # PKCS#7 decryption of sealed bundles (exam_bank/bundle/cms.py); 44.0.3 has it.
        "pkcs7_decrypt_der": "44.0",
        # timezone-aware validity dates (exam_bank/bundle/certs.py)
        "not_valid_after_utc": "42.0",
    },
    "pyside6-essentials": {
        # the kiosk's screen-reader announcements (kiosk/screens/announce.py); `make floors`
        # found 6.7.3 without it.
        "QAccessibleAnnouncementEvent": "6.8",
    },
}


def floors(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, str]:
    """{distribution name (lower case): floor} for every requirement with `>=`."""
    data = tomllib.loads(pyproject.read_text("utf-8"))
    project = data["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    out: dict[str, str] = {}
    for req in requirements:
        found = _FLOOR.match(req)
        if found:
            out[found.group(1).lower()] = found.group(2)
    return out


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def constraints(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """pip constraints pinning each floored dependency to its floor's series."""
    return "".join(f"{name}=={floor}.*\n" for name, floor in sorted(floors(pyproject).items()))


if __name__ == "__main__":
    print(constraints(), end="")
