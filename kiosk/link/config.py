"""The `[proctor]` table of kiosk.toml: where the proctor is and who this kiosk is.

```toml
[proctor]
address = "192.168.10.1:7443"     # host:port, or "discover" (the proctor's UDP beacon,
                                  # `ujikom proctor serve --beacon`; beacon_port to change)
kiosk_id = "LAB1-PC07"            # must match the CN of this kiosk's certificate
seat = "A07"
dir = "/var/lib/ujikom-kiosk"     # what `ujikom kiosk enroll --dir` wrote (kiosk.crt ...)
# cert / key / ca default to dir/kiosk.crt, dir/kiosk.key, dir/ca.crt
passphrase_env = "UJIKOM_KIOSK_KEY_PASSPHRASE"   # or passphrase_file = "/root/kiosk.pass"
data = "/var/lib/ujikom-kiosk/data"              # the encrypted session stores
```

`kiosk.config` hands us the raw table; every problem names the field (``proctor.seat``)
and the file, all at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exam_bank.cliutil import read_passphrase
from exam_bank.ids import KioskId
from exam_bank.problems import Problems
from exam_bank.wire.protocol import _Bad, _ident

KEY_PASSPHRASE_ENV = "UJIKOM_KIOSK_KEY_PASSPHRASE"
DISCOVER = "discover"
CERT_FILE = "kiosk.crt"
KEY_FILE = "kiosk.key"
CA_FILE = "ca.crt"
_KEYS = ("address", "kiosk_id", "seat", "dir", "cert", "key", "ca", "passphrase_env",
         "passphrase_file", "data", "beacon_port")


class LinkConfigError(Exception):
    """A kiosk's link settings cannot be used (no passphrase, unreadable file)."""


def link_config_error(where: str, message: str) -> LinkConfigError:
    """`read_passphrase`'s error for the kiosk's link: one line naming the file or setting."""
    return LinkConfigError(f"{where}: {message}")


@dataclass(frozen=True)
class LinkConfig:
    host: str | None  # None: discover the proctor by its beacon
    port: int | None
    kiosk_id: KioskId
    seat: str
    cert: Path
    key: Path
    ca: Path
    data: Path
    passphrase_env: str = KEY_PASSPHRASE_ENV
    passphrase_file: Path | None = None
    beacon_port: int | None = None  # with "discover": where to listen (default the lab's)

    @property
    def discover(self) -> bool:
        return self.host is None

    def passphrase(self, env: Mapping[str, str] | None = None) -> bytes:
        """The kiosk key's passphrase: the file's first line, else the environment."""
        return read_passphrase(self.passphrase_env, self.passphrase_file, env=env,
                               flag="proctor.passphrase_file", error=link_config_error)


def parse_address(text: str) -> tuple[str, int]:
    """``host:port`` (``[v6]:port`` for IPv6) as (host, port); ValueError saying why not."""
    host, sep, port = text.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError("must be host:port (port 1-65535), e.g. 192.168.10.1:7443, "
                         f"or {DISCOVER!r}")
    return host, int(port)


def link_config(table: Mapping[str, Any], where: str = "kiosk.toml",
                base: Path | None = None, lines: Mapping[str, int] | None = None
                ) -> LinkConfig:
    """The checked `[proctor]` table; InputError naming every bad field, at its line when
    `lines` has it (`KioskConfig.proctor_lines`). Relative paths are taken from `base`
    (the config file's folder)."""
    problems = Problems(where)
    base = base or Path(".")
    lines = lines or {}

    def bad(name: str, message: str) -> None:
        field = f"proctor.{name}"
        line = lines.get(name)
        if line is None:  # the field stands in the line's place ("FILE: field: message")
            problems.add(message, field=field)
        else:
            problems.add(f"{field}: {message}", line=line, field=field)

    for name in table:
        if name not in _KEYS:
            bad(name, f"unknown setting (known: {', '.join(_KEYS)})")

    def text(name: str, required: bool = True) -> str | None:
        value = table.get(name)
        if value is None:
            if required:
                bad(name, "missing")
            return None
        if not isinstance(value, str) or not value.strip():
            bad(name, "must be a non-empty string")
            return None
        return value.strip()

    def path(name: str, default: Path | None) -> Path:
        value = text(name, required=default is None)
        if value is None:
            return default if default is not None else Path()
        return base / Path(value).expanduser()

    host: str | None = None
    port: int | None = None
    address = text("address")
    if address is not None and address != DISCOVER:
        try:
            host, port = parse_address(address)
        except ValueError as exc:
            bad("address", str(exc))
    kiosk_id = text("kiosk_id") or ""
    if kiosk_id:
        try:
            _ident(kiosk_id)
        except _Bad as exc:
            bad("kiosk_id", exc.message)
    seat = text("seat") or ""
    if len(seat) > 32:
        bad("seat", "at most 32 characters")
    folder = path("dir", Path("."))
    cert = path("cert", folder / CERT_FILE)
    key = path("key", folder / KEY_FILE)
    ca = path("ca", folder / CA_FILE)
    data = path("data", folder / "data")
    env_name = text("passphrase_env", required=False) or KEY_PASSPHRASE_ENV
    passphrase_file = (path("passphrase_file", Path()) if "passphrase_file" in table
                       else None)
    beacon_port = table.get("beacon_port")
    if beacon_port is not None and (isinstance(beacon_port, bool)
                                    or not isinstance(beacon_port, int)
                                    or not 1 <= beacon_port <= 65535):
        bad("beacon_port", "must be a port number 1-65535")
        beacon_port = None
    problems.raise_if_any()
    return LinkConfig(host, port, KioskId(kiosk_id), seat, cert, key, ca, data, env_name,
                      passphrase_file, beacon_port)
