"""Selection reports from plain data: candidate reports, rankings per position, the
9-box grid, as PDF (reportlab), CSV and XLSX. No Qt, no results store: the caller
builds `ReportExam` and `ReportCandidate`s (see `model`) and calls `write_reports`."""

from __future__ import annotations

from exam_bank.reports.model import (
    Incident,
    MakalahGrade,
    ReportCandidate,
    ReportExam,
    report_from_package,
    with_performance,
)
from exam_bank.reports.performance import (
    PREDICATE_SCORES,
    import_performance,
    parse_skp,
    read_performance,
)
from exam_bank.reports.write import write_reports

__all__ = ["PREDICATE_SCORES", "Incident", "MakalahGrade", "ReportCandidate", "ReportExam",
           "import_performance", "parse_skp", "read_performance", "report_from_package",
           "with_performance", "write_reports"]
