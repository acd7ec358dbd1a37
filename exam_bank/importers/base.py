"""What every item importer returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from exam_bank.importers.qti_test import Draft
from exam_bank.items.model import Item
from exam_bank.problems import Problem


@dataclass
class ImportResult:
    """Items read from one source file, ready to be checked against the bank and stored.

    `media` maps each media name used by the items (their `media` field and the `src`
    of `<img>` in their text) to its bytes. `warnings` are things that were simplified
    but not lost (e.g. a colour that the text subset cannot hold); anything that would
    lose content is an error, not a warning. `skipped` names each item left out because
    Ujikom does not deliver its question type (only with ``--skip-unsupported``).
    `examples` names each template example row left out (`exam_bank.importers.examples`).
    """

    source: str
    items: list[Item]
    media: dict[str, bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    draft: Draft | None = None  # a QTI package's test as a blueprint draft
    examples: list[Problem] = field(default_factory=list)


# Appended to every refusal of a question type Ujikom does not deliver.
SKIP_HINT = "pass --skip-unsupported to leave such items out and import the rest"


def report_lines(results: list[ImportResult]) -> list[str]:
    """The import report: what was left out and what was dropped or changed, per file,
    so nothing an item bank held disappears without a note."""
    examples = [p for r in results for p in r.examples]
    skipped = [p for r in results for p in r.skipped]
    dropped = [p for r in results for p in r.warnings]
    lines: list[str] = []
    if examples:
        lines.append(f"baris contoh templat dilewati, tidak diimpor / template example rows "
                     f"skipped, not imported ({len(examples)}):")
        lines += [f"  {p}" for p in examples]
    if skipped:
        lines.append(f"skipped, not a question type Ujikom delivers ({len(skipped)}):")
        lines += [f"  {p}" for p in skipped]
    if dropped:
        lines.append(f"dropped or changed ({len(dropped)}):")
        lines += [f"  {p}" for p in dropped]
    return lines
