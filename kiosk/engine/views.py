"""What each journey screen shows, computed from the folded state: pure, no Qt.

Screens render these views and emit signals; the rules (what is reachable in a
forward-only section, which items are unanswered, how an answer is encoded for the
event) live here so they are tested without a window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exam_bank.blueprint.model import Blueprint
from exam_bank.events import Phase, SessionState
from exam_bank.ids import ParticipantNo
from exam_bank.items.kinds import Input, kind_of
from exam_bank.items.media import stem_shown
from exam_bank.items.model import Item, ItemType
from exam_bank.makalah.text import RangeStatus, range_status, word_count
from exam_bank.scoring.responses import Response

FORWARD_ONLY = "forward_only"
RECEIPT_SCHEME = "UJIKOM-RECEIPT-1"


@dataclass(frozen=True)
class SectionSummary:
    title: str
    minutes: int
    items: int
    forward_only: bool
    makalah: bool


@dataclass(frozen=True)
class RulesView:
    exam_title: str
    sections: tuple[SectionSummary, ...]


@dataclass(frozen=True)
class SectionIntroView:
    number: int  # 1-based
    count: int  # sections on the form
    section: SectionSummary


@dataclass(frozen=True)
class OptionView:
    key: str  # option id, or the likert point as text
    text: str


@dataclass(frozen=True)
class PaletteEntry:
    number: int  # 1-based
    answered: bool
    flagged: bool
    current: bool
    reachable: bool  # the palette may jump there (never in a forward-only section)


@dataclass(frozen=True)
class ItemView:
    section_title: str
    item_id: str
    kind: str  # the item's type: "mc", "mr", "sjt" or "likert"
    number: int  # 1-based
    total: int
    stem: str
    options: tuple[OptionView, ...]
    selected: tuple[str, ...]
    flagged: bool
    can_prev: bool
    can_next: bool
    forward_only: bool
    palette: tuple[PaletteEntry, ...]
    answered: bool = False  # the current item has an answer

    @property
    def input(self) -> Input:
        """How the screen takes the answer, as the item's type says."""
        return kind_of(self.kind).input


@dataclass(frozen=True)
class ReviewView:
    section_title: str
    total: int
    answered: int
    unanswered: tuple[PaletteEntry, ...]
    flagged: tuple[PaletteEntry, ...]
    last_section: bool  # submitting it ends the exam


@dataclass(frozen=True)
class Overlay:
    """A pause or lock by the proctor, and the proctor's latest message."""

    paused: bool
    locked: bool
    message: str | None
    hand_raised: bool


def summaries(blueprint: Blueprint, state: SessionState) -> tuple[SectionSummary, ...]:
    specs = {s.id: s for s in blueprint.sections}
    out = []
    for section in state.context.form.sections:
        spec = specs[section.section_id]
        out.append(SectionSummary(spec.title, spec.time_limit_min, len(section.item_ids),
                                  spec.navigation == FORWARD_ONLY, spec.kind == "makalah"))
    return tuple(out)


def rules_view(blueprint: Blueprint, state: SessionState) -> RulesView:
    return RulesView(blueprint.exam.title, summaries(blueprint, state))


def next_section_index(state: SessionState) -> int | None:
    """The section the candidate starts next, or None when every one was taken."""
    index = state.section_index + 1
    return index if index < len(state.context.form.sections) else None


def intro_view(blueprint: Blueprint, state: SessionState) -> SectionIntroView | None:
    index = next_section_index(state)
    if index is None:
        return None
    all_ = summaries(blueprint, state)
    return SectionIntroView(index + 1, len(all_), all_[index])


def is_makalah_section(state: SessionState) -> bool:
    section = state.section
    return section is not None and any(
        state.context.items[i].type == ItemType.MAKALAH for i in section.item_ids)


def forward_only(state: SessionState) -> bool:
    section = state.section
    return section is not None and \
        state.context.navigation.get(section.section_id, "free") == FORWARD_ONLY


def may_go(forward: bool, here: int, there: int, count: int) -> bool:
    """May the candidate go from item `here` to item `there` of a section of `count`?
    Anywhere in a free section; in a forward-only one only on to the next item, so no
    click on a later number skips the questions in between for good."""
    if not 0 <= there < count:
        return False
    return not forward or there in (here, here + 1)


def reachable(state: SessionState, index: int) -> bool:
    """Whether the candidate may go to item `index` of the open section now."""
    section = state.section
    if section is None:
        return False
    return may_go(forward_only(state), state.item_index, index, len(section.item_ids))


def jumpable(state: SessionState, index: int) -> bool:
    """Whether the palette may jump to item `index`: in a forward-only section it only
    shows where the candidate is; moving on is "Next", which asks about a blank answer."""
    return reachable(state, index) and (not forward_only(state) or index == state.item_index)


def leaving_unanswered(state: SessionState, index: int) -> bool:
    """Going to `index` leaves the current item blank for good (forward-only), so the
    candidate is asked once before it happens."""
    section = state.section
    if section is None or not forward_only(state) or index <= state.item_index:
        return False
    return not _answered(state, section.item_ids[state.item_index])


def palette(state: SessionState) -> tuple[PaletteEntry, ...]:
    section = state.section
    if section is None:
        return ()
    return tuple(PaletteEntry(i + 1, _answered(state, item_id), item_id in state.flags,
                              i == state.item_index, jumpable(state, i))
                 for i, item_id in enumerate(section.item_ids))


def _answered(state: SessionState, item_id: str) -> bool:
    if item_id in state.answers:
        return True
    return bool(state.makalah.get(item_id, "").strip())


def options_of(item: Item, order: Sequence[str] | None) -> tuple[OptionView, ...]:
    """What the item screen offers, as the item's type says: choices in the form's order,
    likert points with the item's own labels, nothing for a makalah."""
    return tuple(OptionView(key, text) for key, text in kind_of(item.type).choices(item, order))


def selected_keys(response: Response) -> tuple[str, ...]:
    if response is None:
        return ()
    if isinstance(response, frozenset):
        return tuple(sorted(response))
    return (str(response),)


def answer_value(kind: str, keys: Sequence[str]) -> str | int | list[str] | None:
    """What `Session.answer` takes for the keys a screen reports; None means clear."""
    if not keys:
        return None
    return kind_of(kind).answer_value(keys)


def item_view(blueprint: Blueprint, state: SessionState) -> ItemView:
    section = state.section
    if section is None:
        raise ValueError("no section is open")
    item_id = section.item_ids[state.item_index]
    item = state.context.items[item_id]
    title = {s.id: s.title for s in blueprint.sections}[section.section_id]
    index, total = state.item_index, len(section.item_ids)
    return ItemView(
        section_title=title, item_id=item_id, kind=str(item.type), number=index + 1,
        total=total, stem=stem_shown(item),
        options=options_of(item, section.option_orders.get(item_id)),
        selected=selected_keys(state.answers.get(item_id)),
        flagged=item_id in state.flags,
        can_prev=index > 0 and not forward_only(state), can_next=index + 1 < total,
        forward_only=forward_only(state),
        palette=palette(state), answered=_answered(state, item_id))


def review_view(blueprint: Blueprint, state: SessionState) -> ReviewView:
    section = state.section
    if section is None:
        raise ValueError("no section is open")
    title = {s.id: s.title for s in blueprint.sections}[section.section_id]
    entries = palette(state)
    return ReviewView(title, len(entries), sum(e.answered for e in entries),
                      tuple(e for e in entries if not e.answered),
                      tuple(e for e in entries if e.flagged),
                      state.section_index == len(state.context.form.sections) - 1)


@dataclass(frozen=True)
class MakalahCheckView:
    """What the candidate checks before the paper goes in (its own screen, not the
    multiple-choice review): words against the range, the paper, what happens next."""

    section_title: str
    item_id: str
    text: str  # the stored form, shown read-only as it will be printed
    words: int
    min_words: int | None
    max_words: int | None
    status: RangeStatus
    last_section: bool  # submitting it ends the exam
    next_section: str | None  # the title of the section that comes next

    @property
    def off_range(self) -> bool:
        """Below the minimum or above the maximum: accepted, scored lower, so the
        candidate confirms it a second time."""
        return self.status in (RangeStatus.UNDER, RangeStatus.OVER)


def makalah_check_view(blueprint: Blueprint, state: SessionState) -> MakalahCheckView:
    section = state.section
    if section is None:
        raise ValueError("no section is open")
    item_id = section.item_ids[state.item_index]
    spec = state.context.items[item_id].makalah
    low = (spec.word_min or None) if spec else None
    high = (spec.word_max or None) if spec else None
    text = state.makalah.get(item_id, "")
    words = word_count(text)
    titles = {s.id: s.title for s in blueprint.sections}
    upcoming = next_section_index(state)
    return MakalahCheckView(
        titles[section.section_id], item_id, text, words, low, high,
        range_status(words, low, high), upcoming is None,
        titles[state.context.form.sections[upcoming].section_id]
        if upcoming is not None else None)


def overlay(state: SessionState) -> Overlay:
    return Overlay(state.paused, state.locked,
                   state.messages[-1] if state.messages else None, state.hand_raised)


def receipt_payload(exam_id: str, participant_no: ParticipantNo, final_hash: str) -> str:
    """What the QR code holds: enough to find and check the submitted log later."""
    return f"{RECEIPT_SCHEME}|{exam_id}|{participant_no}|{final_hash}"


LAST_MINUTES_MS = 5 * 60_000  # from here the clock says so in words, not colour alone


def last_minutes(ms: int) -> bool:
    """The final minutes of a section: the clock changes look and adds words."""
    return 0 < ms <= LAST_MINUTES_MS


def format_clock(ms: int) -> str:
    """H:MM:SS for an hour or more, else MM:SS; rounded up so 0:00 means time is up."""
    seconds = (max(0, ms) + 999) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def resume_target(state: SessionState) -> str:
    """The screen a (re)logged-in candidate lands on, by phase."""
    if state.phase == Phase.IN_SECTION:
        return "makalah" if is_makalah_section(state) else "item"
    if state.phase == Phase.BETWEEN_SECTIONS:
        return "intro" if next_section_index(state) is not None else "finish"
    return {Phase.IDENTITY: "identity", Phase.RULES: "rules",
            Phase.SUBMITTED: "receipt"}.get(state.phase, "login")
