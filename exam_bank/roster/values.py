"""Parsing one roster cell: dates, times, NIPs, levels, scores as Indonesian staff type them.

Each parser returns the value, or raises `ValueError` whose message says what is wrong
with the cell in words the admin can act on; the caller adds the file, row and column.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum

from exam_bank.cellsafe import looks_like_formula

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2})(?:\.0+)?)?$")
_PARTICIPANT_NO = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")
_SEAT = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,9}$")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")

# The youngest a civil servant is appointed (CPNS at 18; one year of slack for how
# a birth month and an appointment month fall) and the earliest birth year still in service.
_MIN_AGE_AT_APPOINTMENT = 17
_EARLIEST_BIRTH_YEAR = 1940


def parse_date(text: str) -> dt.date:
    """YYYY-MM-DD (also an Excel date cell: 2026-03-02T00:00:00), DD/MM/YYYY, DD-MM-YYYY."""
    if m := _ISO_DATE.match(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _DMY_DATE.match(text):
        d, mo, y = int(m[1]), int(m[3]), int(m[4])
    else:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD or DD/MM/YYYY")
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date (day {d}, month {mo}, year {y})") from None


def parse_time(text: str) -> dt.time:
    """HH:MM, or HH.MM as Indonesians write it (08.00); Excel time cells bring :SS."""
    m = _TIME.match(text)
    if not m or (m[3] is not None and int(m[3]) != 0):
        raise ValueError(f"{text!r} is not a time; write HH:MM or HH.MM, e.g. 08.00")
    h, mi = int(m[1]), int(m[2])
    if h > 23 or mi > 59:
        raise ValueError(f"{text!r} is not a time of day (hour 0-23, minute 0-59)")
    return dt.time(h, mi)


def parse_level(text: str) -> int:
    """A competency standard level, 1-5 (Permenpan 38/2017)."""
    if not re.fullmatch(r"\d+", text) or not 1 <= int(text) <= 5:
        raise ValueError(f"standard level must be a whole number 1-5, not {text!r}")
    return int(text)


def parse_performance(text: str) -> float:
    """An SKP performance score 0-100; a decimal comma (85,5) is accepted."""
    try:
        value = float(text.replace(",", ".")) if re.fullmatch(r"\d+([.,]\d+)?", text) else None
    except ValueError:
        value = None
    if value is None or not 0 <= value <= 100:
        raise ValueError(f"performance (SKP) must be a number 0-100, not {text!r}")
    return value


_GENDERS = {"l": "L", "laki-laki": "L", "laki laki": "L", "pria": "L", "m": "L", "male": "L",
            "p": "P", "perempuan": "P", "wanita": "P", "f": "P", "female": "P"}


def parse_gender(text: str) -> str:
    """L or P (laki-laki / perempuan; English M/F accepted)."""
    found = _GENDERS.get(" ".join(text.lower().split()))
    if found is None:
        raise ValueError(f"jenis_kelamin must be L or P, not {text!r}")
    return found


def parse_group(text: str) -> str:
    """An agency or region name as written (spaces collapsed), up to 80 characters."""
    value = " ".join(text.split())
    if len(value) > 80:
        raise ValueError(f"a group name is at most 80 characters, not {len(value)}")
    return value


GROUP_PARSERS = {"gender": parse_gender, "agency": parse_group, "region": parse_group}


def parse_name(text: str) -> str:
    """A person's or post's name as written; NFC so the same name always compares equal.

    A name starting with = + - @ (or a tab) is refused: no person, post, unit or room is
    called that, and spreadsheet programs run such text as a formula (=HYPERLINK(...)
    leaks data, =cmd|... starts programs). Refusing it at the roster, with the row named,
    keeps it out of every card, minute, report and export, not only the ones that
    neutralise it (`exam_bank.cellsafe`)."""
    value = unicodedata.normalize("NFC", text.strip())
    if looks_like_formula(value):
        raise ValueError(f"{value[:40]!r} starts with {value[0]!r}: a spreadsheet would "
                         "run it as a formula; write the name without it")
    return value


def parse_participant_no(text: str) -> str:
    """A participant number: letters, digits, . _ - ; kept upper-case (typed at login)."""
    value = text.strip().upper()
    if not _PARTICIPANT_NO.match(value):
        raise ValueError(f"participant number {text!r} may hold only letters, digits, "
                         ". _ - (at most 40)")
    return value


def parse_seat(text: str) -> str:
    """A seat such as A3 (row letter + column), kept upper-case."""
    value = text.strip().upper()
    if not _SEAT.match(value):
        raise ValueError(f"seat {text!r} should look like A3 (row letter + column number)")
    return value


def parse_photo(text: str) -> str:
    """A photo's plain file name; a path could reach outside the photo folder."""
    if "/" in text or "\\" in text or text.startswith(".") or ":" in text:
        raise ValueError(f"photo {text!r} must be a plain file name, not a path")
    if not text.lower().endswith(PHOTO_SUFFIXES):
        raise ValueError(f"photo {text!r} must be a .jpg, .jpeg or .png file")
    return text


def nip_spaced(nip: str) -> str:
    """"19800101 200501 2 001": the grouping official documents print (birth date,
    appointment, gender, sequence); anything else as typed."""
    digits = re.sub(r"\s+", "", nip)
    if len(digits) != 18 or not digits.isdigit():
        return nip
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


class NipProblem(StrEnum):
    EXCEL_NUMBER = "excel_number"
    NOT_DIGITS = "not_digits"
    LENGTH = "length"
    BIRTH_DATE = "birth_date"
    BIRTH_YEAR = "birth_year"
    APPOINTMENT_MONTH = "appointment_month"
    APPOINTMENT_YEAR = "appointment_year"
    GENDER = "gender"
    SEQUENCE = "sequence"


class NipError(ValueError):
    """A NIP refused: the English message for files and shells, and a code with its facts
    (digits, years) for a screen that words it in its own language."""

    def __init__(self, code: NipProblem, message: str, **facts: object) -> None:
        super().__init__(message)
        self.code = code
        self.facts = facts


def parse_nip(text: str, today: dt.date | None = None) -> str:
    """An 18-digit NIP (PP 11/2017 layout); spaces as in "19800101 200501 1 001" allowed.

    Digits 1-8 are the birth date yyyymmdd, 9-14 the appointment yyyymm, 15 the gender
    (1 male, 2 female), 16-18 a sequence number from 001.
    """
    today = today or dt.date.today()
    nip = re.sub(r"\s+", "", text)
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", nip):
        raise NipError(NipProblem.EXCEL_NUMBER, f"NIP {text!r} was turned into a number by "
                       "Excel, which kept only 15 digits; format the column as Text and type "
                       "the NIP again")
    if not nip.isdigit():
        raise NipError(NipProblem.NOT_DIGITS,
                       f"NIP {text!r} must be 18 digits (only digits and spaces)")
    if len(nip) != 18:
        raise NipError(NipProblem.LENGTH, f"NIP {text!r} has {len(nip)} digits; a NIP has 18",
                       digits=len(nip))
    born_text, appointed_text, gender, sequence = nip[:8], nip[8:14], nip[14], nip[14 + 1:]
    try:
        born = dt.datetime.strptime(born_text, "%Y%m%d").date()
    except ValueError:
        raise NipError(NipProblem.BIRTH_DATE, f"NIP {nip}: digits 1-8 ({born_text}) should "
                       "be the birth date yyyymmdd, and are not a real date",
                       part=born_text) from None
    if not _EARLIEST_BIRTH_YEAR <= born.year <= today.year - _MIN_AGE_AT_APPOINTMENT:
        raise NipError(NipProblem.BIRTH_YEAR, f"NIP {nip}: digits 1-8 ({born_text}) give a "
                       f"birth year of {born.year}, not plausible for a civil servant",
                       part=born_text, year=born.year)
    year, month = int(appointed_text[:4]), int(appointed_text[4:])
    if not 1 <= month <= 12:
        raise NipError(NipProblem.APPOINTMENT_MONTH, f"NIP {nip}: digits 9-14 "
                       f"({appointed_text}) should be the appointment yyyymm, and month "
                       f"{month:02d} does not exist", part=appointed_text, month=f"{month:02d}")
    if year < born.year + _MIN_AGE_AT_APPOINTMENT or (year, month) > (today.year + 1, 12):
        raise NipError(NipProblem.APPOINTMENT_YEAR, f"NIP {nip}: digits 9-14 "
                       f"({appointed_text}) give an appointment in {year}, not plausible for "
                       f"someone born in {born.year}", part=appointed_text, year=year,
                       born=born.year)
    if gender not in "12":
        raise NipError(NipProblem.GENDER, f"NIP {nip}: digit 15 ({gender}) is the gender and "
                       "must be 1 (male) or 2 (female)", part=gender)
    if sequence == "000":
        raise NipError(NipProblem.SEQUENCE, f"NIP {nip}: digits 16-18 (the sequence number) "
                       "are 000; if the column was a number in Excel it lost its last digits, "
                       "so format it as Text and type the NIP again")
    return nip
