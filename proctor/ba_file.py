"""The berita acara as a TOML form for a headless lab (`ujikom proctor berita-acara`).

`template` prints the form pre-filled from the day's record: what the proctor types (kop,
notes, extra incidents, the four signers) as settings, what the record says (attendance,
each candidate's proctor actions, the logs' digest) as comments, since it is taken from
the record again whatever the file says. `read_form` fills a report from such a file;
every problem names the file, the line and the field, as the console's form does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from exam_bank.examzone import zone_label
from exam_bank.problems import InputError, Problem
from exam_bank.tomlfile import read_toml
from proctor.berita_acara import SIGNER_TITLES, SIGNERS, BeritaAcara, Signer

# What the proctor types, in the order the form shows it.
TEXT_FIELDS = ("agency", "exam_title", "subject", "site", "room", "start", "end")
LONG_FIELDS = ("incidents", "notes")
_LABELS = {
    "agency": "Instansi (kop surat) / agency for the letterhead",
    "exam_title": "Nama ujian / exam", "subject": "Materi / sections taken",
    "site": "Tempat / site", "room": "Ruang / room",
    "start": "Mulai (JJ:MM), dari log / start (HH:MM), from the logs",
    "end": "Selesai (JJ:MM), dari log / end (HH:MM), from the logs",
    "incidents": "Kejadian lain dengan kata-kata pengawas, satu per baris / other "
                 "incidents in the proctor's words, one per line",
    "notes": "Catatan / notes",
}


def _quoted(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def template(report: BeritaAcara) -> str:
    """The form for `report`, ready to fill in and read back with `read_form`."""
    out = [f"# Berita acara sesi {report.session_id} \u2014 {report.exam_title}",
           "# Isi lalu: ujikom proctor berita-acara --dir ... --session ... --from FILE",
           "# Fill in, then read it back with --from. Times and attendance come from the",
           "# logs; the lines marked 'dari log' are shown for reference only.", ""]
    for key in (*TEXT_FIELDS, *LONG_FIELDS):
        out += [f"# {_LABELS[key]}", f"{key} = {_quoted(str(getattr(report, key)))}"]
    out += ["", f"# Dari log / from the record: {report.date.isoformat()}, "
                f"hadir {report.present} dari {report.expected}, tidak hadir {report.absent}",
            f"#   waktu dalam {zone_label(report.timezone)} ({report.timezone}), zona ujian / "
            "times in the exam's zone"]
    out += [f"#   tidak hadir: {p.participant_no} {p.name} ({p.seat})"
            for p in report.absentees]
    for person in report.candidates:
        out.append(f"#   {person.participant_no} {person.name} ({person.seat})"
                   + (f": {person.lost}" if person.lost else ""))
        out += [f"#     - {line}" for line in person.lines]
    out += [f"#   ruang: {line}" for line in report.room_facts]
    if report.logs_digest:
        out.append(f"#   digest log: {report.logs_digest}")
    for key in SIGNERS:
        signer = report.signer(key)
        out += ["", f"[{key}]  # {SIGNER_TITLES[key]}: nama dan NIP (18 digit)",
                f"name = {_quoted(signer.name)}", f"nip = {_quoted(signer.nip)}"]
    return "\n".join(out) + "\n"


def read_form(path: Path, base: BeritaAcara, today: dt.date | None = None) -> BeritaAcara:
    """`base` with what `path` says; InputError naming the line and field of every
    problem (unknown or mistyped settings, and everything `BeritaAcara.problems` finds)."""
    doc = read_toml(path)
    where = str(path)
    problems: list[Problem] = []

    def bad(key: str, message: str, table: str | None = None) -> None:
        start = doc.text.find(f"[{table}]") if table else -1
        first = doc.text[:start].count("\n") + 1 if start >= 0 else 1
        line = doc.key_line(key.split(".")[-1], first) or _table_line(doc.text, key)
        problems.append(Problem(where, f"{key}: {message}", line=line, field=key))

    values: dict[str, Any] = {}
    for key, value in doc.data.items():
        if key in SIGNERS:
            values[key] = _signer(value, key, bad)
        elif key not in (*TEXT_FIELDS, *LONG_FIELDS):
            bad(key, "unknown setting (known: "
                f"{', '.join((*TEXT_FIELDS, *LONG_FIELDS, *SIGNERS))})")
        elif not isinstance(value, str):
            bad(key, "must be text in quotes")
        else:
            values[key] = value if key in LONG_FIELDS else value.strip()
    if not problems:
        report = replace(base, **values)
        for name, message in report.problems(today):
            table = name.split(".")[0] if "." in name else None
            bad(name, message, table)
    if problems:
        raise InputError(problems)
    return report


def _table_line(text: str, key: str) -> int | None:
    """The line of `[key]`: a mistyped signer's table has a header, not a `key =` line
    (without it the problem had no line and printed its name twice)."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(f"[{key}]"):
            return n
    return None


def _signer(value: object, key: str, bad: Any) -> Signer:
    if not isinstance(value, Mapping):
        bad(key, f"must be a table [{key}] with name and nip")
        return Signer()
    for name in value:
        if name not in ("name", "nip"):
            bad(f"{key}.{name}", "unknown setting (known: name, nip)", key)
    fields = {}
    for name in ("name", "nip"):
        text = value.get(name, "")
        if not isinstance(text, str):
            bad(f"{key}.{name}", "must be text in quotes", key)
            text = ""
        fields[name] = text.strip()
    return Signer(fields["name"], fields["nip"])
