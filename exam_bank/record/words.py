"""The candidate's record in the words of an Indonesian official document.

One place for every sentence the berita acara and the candidate report print about what
happened: each fact and each incident code has its sentence here, an unknown code a
neutral one (never the code itself, never system text). `lines` turns a record into one
line per fact, with a run of the same fact counted ("... 20 kali, 22.55–22.56").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from exam_bank.record.actions import ActionKind
from exam_bank.record.facts import EXIT_KIND, CandidateRecord, Fact, RecordEntry, wall_instant

# Incident codes: the kiosk's lockdown, the candidate's own actions, the proctor's server.
INCIDENT_WORDS: dict[str, str] = {
    # on the candidate's PC (kiosk.lockdown)
    "forbidden_process": "program terlarang terdeteksi berjalan di PC peserta",
    "extra_screen": "layar tambahan terpasang pada PC peserta",
    "new_network_interface": "sambungan jaringan baru terdeteksi pada PC peserta",
    "removable_drive": "media penyimpanan lepasan (flashdisk) terpasang pada PC peserta",
    "virtual_machine": "aplikasi ujian dijalankan di mesin virtual",
    "blocked_key": "peserta menekan tombol pintas yang diblokir",
    "unlock_refused": "kode pembuka kunci yang salah dimasukkan",
    "close_refused": "upaya menutup aplikasi ujian (ditolak)",
    "quit_code_refused": "kode keluar pengawas yang salah dimasukkan di PC peserta",
    "quit_code_lockout": ("dialog kode keluar pengawas dikunci sementara karena terlalu "
                          "banyak kode yang salah"),
    "kiosk_exit": "aplikasi ujian ditutup dengan kode keluar pengawas; jawaban tersimpan",
    "focus_lost": "peserta meninggalkan jendela ujian",
    "paste_refused": "peserta mencoba menempelkan teks (ditolak)",
    # seen by the proctor's server
    "unknown_participant": "data masuk dari peserta yang tidak terdaftar pada sesi ini",
    "chain_fork": "data log ditolak karena berbeda dengan yang sudah tersimpan",
    "chain_gap": "data log ditolak karena ada catatan yang hilang",
    "chain_edited": "data log ditolak karena ada catatan yang diubah",
    "chain_broken_link": "data log ditolak karena rangkaian catatannya terputus",
    "wrong_kiosk": "data peserta dikirim dari PC yang bukan PC peserta",
    "move_refused": "permintaan pindah PC ditolak karena belum disetujui pengawas",
    "unknown_command": "PC peserta menjawab perintah yang tidak pernah dikirim",
    "forged_command": ("data log ditolak karena mencatat keputusan pengawas yang tidak "
                       "pernah diberikan"),
    "protocol_error": "PC peserta mengirim pesan yang rusak",
    "tls_refused": "PC tanpa sertifikat laboratorium mencoba terhubung",
    "no_hello": "PC terhubung tanpa memperkenalkan diri",
    "enroll_refused": "pendaftaran PC peserta ditolak",
    "version": "PC dengan versi aplikasi yang berbeda dari PC pengawas ditolak",
    "identity": "PC yang namanya tidak sesuai dengan sertifikatnya ditolak",
    "replay": "sambungan ulangan (replay) ke PC pengawas ditolak",
    "too_many_connections": "terlalu banyak PC tersambung sekaligus; sambungan ditolak",
    "preflight_override": "sesi dibuka walaupun pemeriksaan awal PC gagal",
    "internal": "terjadi galat pada PC pengawas",
    "bad_first_event": "log pertama dari PC peserta ditolak karena bukan login peserta yang sah",
    "login_held": "login peserta di kursi atau PC lain menunggu keputusan pengawas",
    "login_approved": "pengawas menyetujui login peserta di kursi atau PC lain",
    "login_refused": "pengawas menolak login peserta di kursi atau PC lain",
    "log_accepted": "pengawas menerima log peserta yang dipertanyakan",
    "log_rejected": "pengawas menolak log peserta yang dipertanyakan; peserta dicatat tidak hadir",
    # reported by a kiosk (ErrorCode values, prefixed "kiosk_")
    "kiosk_bad_message": "PC peserta menerima pesan yang rusak",
    "kiosk_version": "versi aplikasi PC peserta tidak sesuai",
    "kiosk_identity": "nama PC peserta tidak sesuai dengan sertifikatnya",
    "kiosk_replay": "PC peserta menolak perintah yang dianggap ulangan",
    "kiosk_not_authorized": "PC peserta menolak perintah yang tidak sah",
    "kiosk_session_closed": "PC peserta mencoba masuk saat sesi ditutup",
    "kiosk_internal": "terjadi galat pada PC peserta",
}
OTHER_INCIDENT = "kejadian teknis lain yang tercatat pada log"


def incident_words(kind: str) -> str:
    """The sentence for an incident code; a neutral one for a code not known here."""
    return INCIDENT_WORDS.get(kind, OTHER_INCIDENT)


def _by(e: RecordEntry) -> str:
    return f" oleh {e.by}" if e.by else ""


def _why(e: RecordEntry) -> str:
    return f"; alasan: {e.reason}" if e.reason.strip() else ""


Sections = Mapping[str, str]  # section id -> title


def _extended(e: RecordEntry, sections: Sections) -> str:
    where = sections.get(e.section, e.section)
    return f"Waktu bagian {where} ditambah {e.minutes} menit{_by(e)}{_why(e)}"


def _moved(e: RecordEntry, sections: Sections) -> str:
    start = f" dari {e.from_pc}" if e.from_pc else ""
    if e.by:  # the proctor's authorization, carried into the chain by the spare PC
        return f"Peserta dipindahkan{start} ke {e.pc or 'PC lain'}{_by(e)}{_why(e)}"
    return f"Pindah{start} ke {e.pc or 'PC lain'} dan melanjutkan ujian{_why(e)}"


def _restarted(e: RecordEntry, sections: Sections) -> str:
    where = f" di {e.pc}" if e.pc else ""
    return f"Melanjutkan ujian{where} setelah aplikasi atau PC dimulai ulang{_why(e)}"


def _incident(e: RecordEntry, sections: Sections) -> str:
    if e.kind == EXIT_KIND:  # where it happened is part of the fact
        return ("Aplikasi ujian ditutup dengan kode keluar pengawas"
                f"{_at_seat(e)}; jawaban tersimpan")
    text = incident_words(e.kind)
    sentence = text[0].upper() + text[1:]
    # A proctor's own note is their words; a PC's evidence is system text, left in the log.
    return sentence + (f"; dicatat{_by(e)}: {e.reason}" if e.by and e.reason.strip() else "")


def _pc(name: str) -> str:
    """A PC as a document names it: "PC 07", but "PC05" or "pc-07" as they are, not
    "PC PC05"."""
    return name if name.lower().startswith("pc") else f"PC {name}"


def _at_seat(e: RecordEntry) -> str:
    """" di kursi A07 (pc-07)", " di kursi A07", " di PC 07" or ""."""
    where = f"kursi {e.seat}" if e.seat else ""
    pc = _pc(e.pc) if e.pc else ""
    return f" di {where} ({pc})" if where and pc else f" di {where or pc}" if where or pc \
        else ""


def _move(e: RecordEntry) -> str:
    start = f" dari kursi {e.seat}" if e.seat else ""
    spare = f" ke {_pc(e.pc)}" if e.pc else " ke PC lain"
    there = f" (kursi {e.to_seat})" if e.to_seat else ""
    return f"Pemindahan peserta{start}{spare}{there} disetujui{_by(e)}{_why(e)}"


# The proctor's actions outside the candidate's chain (`exam_bank.record.actions`).
ACTION_WORDS: dict[str, Callable[[RecordEntry], str]] = {
    ActionKind.SESSION_OPENED: lambda e: f"Sesi ujian dibuka{_by(e)}{_why(e)}",
    ActionKind.PREFLIGHT_OVERRIDE: lambda e: (
        "Sesi ujian dibuka walaupun pemeriksaan PC gagal"
        f"{f' di {e.seat}' if e.seat else ''}{_by(e)}{_why(e)}"),
    ActionKind.SESSION_CLOSED: lambda e: f"Sesi ujian ditutup{_by(e)}{_why(e)}",
    ActionKind.TOKEN_RENEWED: lambda e: f"Token sesi diganti{_by(e)}{_why(e)}",
    ActionKind.ENROLL_CODE: lambda e: (
        f"Kode pendaftaran PC peserta baru dibuat{_by(e)}{_why(e)}"),
    ActionKind.QUIT_CODE_SHOWN: lambda e: (
        f"Kode keluar aplikasi ujian diberikan{_by(e)}"
        f"{' untuk PC peserta' + _at_seat(e) if _at_seat(e) else ''}{_why(e)}"),
    ActionKind.MOVE_AUTHORIZED: _move,
    ActionKind.LOGIN_APPROVED: lambda e: (
        f"Login peserta{_at_seat(e)} yang menunggu keputusan pengawas disetujui{_by(e)}"
        f"{_why(e)}"),
    ActionKind.LOGIN_REFUSED: lambda e: (
        f"Login peserta{_at_seat(e)} yang menunggu keputusan pengawas ditolak{_by(e)}"
        f"{_why(e)}"),
    ActionKind.LOG_ACCEPTED: lambda e: (
        f"Log ujian peserta yang dipertanyakan diterima{_by(e)}{_why(e)}"),
    ActionKind.LOG_REJECTED: lambda e: (
        f"Log ujian peserta yang dipertanyakan ditolak{_by(e)}{_why(e)}; peserta dicatat "
        "tidak hadir"),
}


def _action(e: RecordEntry, sections: Sections) -> str:
    words = ACTION_WORDS.get(e.kind)
    return words(e) if words is not None else f"Tindakan pengawas{_by(e)}{_why(e)}"


_SENTENCES: dict[Fact, Callable[[RecordEntry, Sections], str]] = {
    Fact.PAUSED: lambda e, s: f"Ujian dijeda{_by(e)}{_why(e)}",
    Fact.RESUMED: lambda e, s: f"Ujian dilanjutkan{_by(e)}{_why(e)}",
    Fact.LOCKED: lambda e, s: f"Layar ujian dikunci{_by(e)}{_why(e)}",
    Fact.UNLOCKED: lambda e, s: f"Kunci layar ujian dibuka{_by(e)}{_why(e)}",
    Fact.EXTENDED: _extended,
    Fact.MESSAGE: lambda e, s: f"Pesan{_by(e).replace(' oleh', ' dari')}: “{e.reason}”",
    Fact.READ_ALOUD: lambda e, s: f"Dibacakan (text-to-speech) diaktifkan{_by(e)}{_why(e)}",
    Fact.HAND_RAISED: lambda e, s: "Peserta meminta bantuan pengawas",
    Fact.HAND_ANSWERED: lambda e, s: f"Permintaan bantuan ditanggapi{_by(e)}",
    Fact.MOVED: _moved,
    Fact.RESTARTED: _restarted,
    Fact.FORCE_SUBMITTED: lambda e, s: f"Jawaban dikumpulkan paksa{_by(e)}{_why(e)}",
    Fact.SECTION_FORCE_SUBMITTED: lambda e, s: (
        f"Bagian {s.get(e.section, e.section)} diakhiri{_by(e)}{_why(e)}"),
    Fact.INCIDENT: _incident,
    Fact.FOCUS_LOST: lambda e, s: "Peserta meninggalkan jendela ujian",
    Fact.PASTE_REFUSED: lambda e, s: "Peserta mencoba menempelkan teks (ditolak)",
    Fact.ACTION: _action,
}


def sentence(entry: RecordEntry, sections: Sections | None = None) -> str:
    """One fact as an Indonesian sentence (no time)."""
    return _SENTENCES[entry.fact](entry, sections or {})


def jam(wall: str, tz: dt.tzinfo | None = None) -> str:
    """An event's wall time as the lab's clock shows it, Indonesian style: "22.55"."""
    moment = wall_instant(wall)
    return moment.astimezone(tz).strftime("%H.%M")


@dataclass(frozen=True)
class Line:
    """One printed line: a fact, how many times in a row, and when."""

    first: str  # "22.55"
    last: str
    count: int
    text: str
    by_proctor: bool

    @property
    def when(self) -> str:
        return self.first if self.first == self.last else f"{self.first}–{self.last}"

    def __str__(self) -> str:
        times = f", {self.count} kali" if self.count > 1 else ""
        return f"{self.when} {self.text}{times}"


def lines(entries: Sequence[RecordEntry], sections: Sections | None = None,
          tz: dt.tzinfo | None = None) -> list[Line]:
    """One line per fact, a run of the same fact (same words) in a row counted once."""
    out: list[Line] = []
    for e in entries:
        text, at = sentence(e, sections), jam(e.wall, tz)
        if out and out[-1].text == text:
            prev = out[-1]
            out[-1] = Line(prev.first, at, prev.count + 1, text, prev.by_proctor)
        else:
            out.append(Line(at, at, 1, text, e.by_proctor))
    return out


def duration(ms: int) -> str:
    """"1 jam 5 menit", "12 menit", "kurang dari 1 menit"."""
    minutes = round(ms / 60_000)
    if minutes < 1:
        return "kurang dari 1 menit" if ms > 0 else "0 menit"
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} jam"] if hours else []) + ([f"{rest} menit"] if rest else [])
    return " ".join(parts)


def lost_time(record: CandidateRecord) -> str:
    """The candidate's lost time in one phrase; "" when none was lost."""
    if not record.lost_ms:
        return ""
    parts = [(label, ms) for label, ms in (("dijeda atau dikunci", record.stopped_ms),
                                           ("PC mati, dimulai ulang atau pindah",
                                            record.down_ms)) if ms]
    why = (parts[0][0] if len(parts) == 1
           else ", ".join(f"{label} {duration(ms)}" for label, ms in parts))
    extra = (f"; tambahan waktu yang diberikan {record.extra_minutes} menit"
             if record.extra_minutes else "")
    return (f"Waktu terhenti {duration(record.lost_ms)} ({why}), tidak dihitung sebagai "
            f"waktu ujian{extra}")
