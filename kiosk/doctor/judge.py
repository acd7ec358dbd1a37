"""The preflight's rules: pure functions from `Facts` to `Check`s, each saying in
Indonesian and English what was found and what to do.

Thresholds and why:
- Disk: a 4-hour makalah's full history stays under 10 MB (DESIGN.md); SQLCipher's WAL
  can double that while it checkpoints, a PC may hold several candidates (moves), and
  the OS's own logs must not fill it during the day. Under 200 MB fails, under 1 GB warns.
  (A full disk stopped Finland's matriculation exam in many schools in 2025.)
- Commits: an answer must be durable before the screen confirms it, p99 under 20 ms; a
  median small fsync above 20 ms warns, above 200 ms fails. Bulk writes under 5 MB/s warn,
  under 1 MB/s fail (a dying disk or a full-to-the-brim SSD).
- Clock: time left is computed from monotonic time, but attendance (late or not) and the
  berita acara use wall time; 5 s off warns, 60 s fails.
"""

from __future__ import annotations

from collections.abc import Callable

from exam_bank.preflight import Check, Status
from kiosk.doctor.facts import Facts
from kiosk.doctor.remote import process_index
from kiosk.lockdown.detectors import program_names, removable_drives, virtual_machine

MB = 1_000_000
DISK_FAIL = 200 * MB
DISK_WARN = 1000 * MB
COMMIT_WARN_MS = 20.0
COMMIT_FAIL_MS = 200.0
BULK_WARN = 5.0
BULK_FAIL = 1.0
CLOCK_WARN_MS = 5_000
CLOCK_FAIL_MS = 60_000
MIN_SIZE = (1024, 768)
GOOD_SIZE = (1280, 720)
CERT_WARN_DAYS = 7


def _c(name: str, status: Status, idn: str, en: str) -> Check:
    return Check(name, status, idn[:300], en[:300])


def disk(f: Facts) -> Check:
    if f.free_bytes is None:
        return _c("disk", Status.WARN, f"Ruang kosong di {f.data_dir} tidak dapat dibaca.",
                  f"Could not read the free space at {f.data_dir}.")
    free = f"{f.free_bytes / MB:,.0f}"
    status = (Status.FAIL if f.free_bytes < DISK_FAIL else
              Status.WARN if f.free_bytes < DISK_WARN else Status.PASS)
    return _c("disk", status,
              f"Ruang kosong {free.replace(',', '.')} MB di {f.data_dir}; perlu minimal "
              f"{DISK_FAIL // MB} MB "
              f"(disarankan {DISK_WARN // MB} MB) untuk makalah 4 jam.",
              f"{free} MB free at {f.data_dir}; a 4-hour makalah needs at least "
              f"{DISK_FAIL // MB} MB ({DISK_WARN // MB} MB recommended).")


def write_speed(f: Facts) -> Check:
    if f.write is None:
        return _c("write_speed", Status.FAIL,
                  f"Folder data tidak dapat ditulisi: {(f.write_problem or ('?', ''))[0]}.",
                  f"The data folder cannot be written: {(f.write_problem or ('', '?'))[1]}.")
    w = f.write
    status = (Status.FAIL if w.commit_ms > COMMIT_FAIL_MS or w.mb_per_s < BULK_FAIL else
              Status.WARN if w.commit_ms > COMMIT_WARN_MS or w.mb_per_s < BULK_WARN else
              Status.PASS)
    return _c("write_speed", status,
              f"Simpan jawaban {w.commit_ms:.1f} ms (batas {COMMIT_WARN_MS:.0f} ms), tulis "
              f"{w.mb_per_s:.0f} MB/s.",
              f"Saving an answer takes {w.commit_ms:.1f} ms (limit {COMMIT_WARN_MS:.0f} ms), "
              f"writing {w.mb_per_s:.0f} MB/s.")


def clock(f: Facts) -> Check:
    if f.clock_offset_ms is None:
        why_id, why_en = f.clock_problem or ("tanpa pengawas", "no proctor")
        return _c("clock", Status.WARN,
                  f"Jam belum dibandingkan dengan PC pengawas ({why_id}).",
                  f"The clock was not compared with the proctor's PC ({why_en}).")
    off = abs(f.clock_offset_ms) / 1000
    ahead = f.clock_offset_ms < 0
    status = (Status.FAIL if abs(f.clock_offset_ms) > CLOCK_FAIL_MS else
              Status.WARN if abs(f.clock_offset_ms) > CLOCK_WARN_MS else Status.PASS)
    return _c("clock", status,
              f"Jam PC ini {off:.1f} detik {'lebih cepat' if ahead else 'lebih lambat'} "
              f"dari PC pengawas (batas {CLOCK_WARN_MS // 1000} detik).",
              f"This PC's clock is {off:.1f} s {'ahead of' if ahead else 'behind'} the "
              f"proctor's (limit {CLOCK_WARN_MS // 1000} s).")


def _size(geometry: str) -> tuple[int, int] | None:
    w, _, rest = geometry.partition("x")
    h = rest.split("+", 1)[0]
    return (int(w), int(h)) if w.isdigit() and h.isdigit() else None


def screens(f: Facts) -> Check:
    if f.screens is None:
        return _c("screens", Status.WARN, "Layar tidak dapat diperiksa (tidak ada DRM/Qt).",
                  "Screens could not be checked (no DRM or Qt screen).")
    if not f.screens:
        return _c("screens", Status.FAIL, "Tidak ada layar yang tersambung.",
                  "No screen is connected.")
    listed = ", ".join(f"{s.name} {s.geometry.split('+')[0]}" for s in f.screens)
    if len(f.screens) > 1:
        return _c("screens", Status.FAIL, f"{len(f.screens)} layar tersambung ({listed}); "
                  "cabut layar tambahan.",
                  f"{len(f.screens)} screens connected ({listed}); unplug the extra ones.")
    size = _size(f.screens[0].geometry)
    status = (Status.WARN if size is None or size < GOOD_SIZE else Status.PASS)
    if size is not None and (size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]):
        status = Status.FAIL
    return _c("screens", status,
              f"Satu layar: {listed} (minimal {MIN_SIZE[0]}x{MIN_SIZE[1]}).",
              f"One screen: {listed} (at least {MIN_SIZE[0]}x{MIN_SIZE[1]}).")


def network(f: Facts) -> Check:
    up = sorted(n for n, d in f.interfaces.items() if "state=up" in d)
    wifi = sorted(n for n in up if n in f.wireless)
    listed = ", ".join(up) or "-"
    if wifi:
        return _c("network", Status.FAIL,
                  f"Wi-Fi aktif ({', '.join(wifi)}); matikan: PC ujian hanya memakai kabel LAN.",
                  f"Wi-Fi is up ({', '.join(wifi)}); turn it off: exam PCs use the wired LAN "
                  "only.")
    if not up:
        return _c("network", Status.WARN, "Tidak ada antarmuka jaringan yang aktif.",
                  "No network interface is up.")
    status = Status.WARN if len(up) > 1 else Status.PASS
    return _c("network", status, f"Antarmuka aktif: {listed}"
              + ("; lebih dari satu, periksa tidak ada jalur ke internet." if len(up) > 1
                 else "."),
              f"Interfaces up: {listed}"
              + ("; more than one, check none leads to the internet." if len(up) > 1 else "."))


def removable(f: Facts) -> Check:
    found = removable_drives(f.mounts)
    if found:
        where = ", ".join(x.key for x in found)
        return _c("removable", Status.FAIL, f"Media lepas-pasang terpasang: {where}; cabut.",
                  f"Removable media mounted: {where}; unplug it.")
    return _c("removable", Status.PASS, "Tidak ada flashdisk atau media lepas-pasang.",
              "No flash drive or removable media.")


def vm(f: Facts) -> Check:
    found = virtual_machine(f.dmi, f.detect_virt)
    if found is None:
        return _c("vm", Status.PASS, "Bukan mesin virtual.", "Not a virtual machine.")
    status = Status.PASS if f.allow_vm else Status.FAIL
    note = " (diizinkan di kiosk.toml)" if f.allow_vm else ""
    return _c("vm", status, f"Mesin virtual terdeteksi: {found.key}{note}.",
              f"Virtual machine detected: {found.key}"
              + (" (allowed by kiosk.toml)." if f.allow_vm else "."))


def remote_access(f: Facts) -> Check:
    index = process_index()
    running: dict[str, str] = {}
    for proc in f.processes:
        if proc.pid in f.own_pids:
            continue
        for name in program_names(proc):
            tool = index.get(name)
            if tool is not None:
                running.setdefault(tool.name, f"{proc.name} pid {proc.pid}")
    if running:
        what = "; ".join(f"{tool} ({proc})" for tool, proc in sorted(running.items()))
        return _c("remote_access", Status.FAIL,
                  f"Perangkat lunak akses jarak jauh BERJALAN: {what}. Hentikan dan hapus.",
                  f"Remote-access software is RUNNING: {what}. Stop and uninstall it.")
    if f.installed:
        what = "; ".join(f"{tool} ({path})" for tool, path in f.installed)
        return _c("remote_access", Status.WARN,
                  f"Perangkat lunak akses jarak jauh terpasang: {what}. Hapus sebelum ujian.",
                  f"Remote-access software installed: {what}. Uninstall it before the exam.")
    return _c("remote_access", Status.PASS,
              "Tidak ada perangkat lunak akses jarak jauh (AnyDesk, TeamViewer, RustDesk, VNC…).",
              "No remote-access software (AnyDesk, TeamViewer, RustDesk, VNC…).")


def fonts(f: Facts) -> Check:
    if any("DejaVuSans.ttf" in p for p in f.fonts):
        return _c("fonts", Status.PASS, "Huruf DejaVu Sans tersedia.",
                  "DejaVu Sans fonts are present.")
    return _c("fonts", Status.WARN,
              "Huruf DejaVu Sans tidak ditemukan; pasang fonts-dejavu-core agar soal tampil rapi.",
              "DejaVu Sans not found; install fonts-dejavu-core so items render as designed.")


def opengl(f: Facts) -> Check:
    if f.opengl:
        return _c("opengl", Status.PASS, f"OpenGL/EGL: {', '.join(f.opengl)}.",
                  f"OpenGL/EGL: {', '.join(f.opengl)}.")
    return _c("opengl", Status.WARN,
              "Pustaka OpenGL/EGL tidak ditemukan; tampilan memakai perenderan perangkat lunak.",
              "No OpenGL/EGL library found; the screen falls back to software rendering.")


def enrollment(f: Facts) -> Check:
    e = f.enrollment
    if e is None:
        return _c("enrollment", Status.WARN,
                  "Kiosk belum terdaftar ke pengawas (tidak ada tabel [proctor]).",
                  "The kiosk is not enrolled with a proctor (no [proctor] table).")
    who = f"{e.kiosk_id or '?'} kursi {e.seat or '?'}"
    who_en = f"{e.kiosk_id or '?'} seat {e.seat or '?'}"
    if e.problem:
        # The problem is system text (English): the technician's line carries it.
        return _c("enrollment", Status.FAIL, f"Sertifikat kiosk {who}: berkas sertifikat, "
                  "kunci atau tabel [proctor] tidak dapat dipakai.",
                  f"Kiosk certificate {who_en}: {e.problem}")
    problems: list[tuple[str, str]] = []
    if e.cert_cn != e.kiosk_id:
        problems.append((f"CN sertifikat {e.cert_cn!r} bukan {e.kiosk_id!r}",
                         f"certificate CN {e.cert_cn!r} is not {e.kiosk_id!r}"))
    if not e.issued_by_ca:
        problems.append(("tidak diterbitkan CA lab", "not issued by the lab CA"))
    if not e.key_present:
        problems.append(("kunci kiosk tidak ada", "the kiosk key is missing"))
    if e.not_after is not None and e.not_after <= f.now:
        problems.append(("sertifikat kedaluwarsa", "the certificate has expired"))
    if problems:
        return _c("enrollment", Status.FAIL,
                  f"Sertifikat kiosk {who}: " + "; ".join(p[0] for p in problems) + ".",
                  f"Kiosk certificate {who_en}: " + "; ".join(p[1] for p in problems) + ".")
    days = (e.not_after - f.now).days if e.not_after is not None else None
    status = Status.WARN if days is not None and days < CERT_WARN_DAYS else Status.PASS
    until = e.not_after.date().isoformat() if e.not_after is not None else "?"
    return _c("enrollment", status, f"Terdaftar sebagai {who}; sertifikat berlaku s.d. {until}.",
              f"Enrolled as {who_en}; certificate valid until {until}.")


CHECKS: tuple[Callable[[Facts], Check], ...] = (
    disk, write_speed, clock, screens, network, removable, vm, remote_access, fonts,
    opengl, enrollment)


def judge(f: Facts) -> tuple[Check, ...]:
    return tuple(check(f) for check in CHECKS)
