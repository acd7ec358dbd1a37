"""The journey screens' views, computed from a real session's folded state."""

from __future__ import annotations

from dataclasses import replace

from exam_bank.blueprint.forms import FormSection
from exam_bank.items.model import ItemType
from kiosk.engine import FakeClock, MemorySink, Session
from kiosk.engine.views import (
    answer_value,
    format_clock,
    intro_view,
    item_view,
    leaving_unanswered,
    may_go,
    palette,
    receipt_payload,
    resume_target,
    review_view,
    rules_view,
)
from tests.kiosk.engine.kit import BLUEPRINT, PACKAGE, into_first_section, login


def test_rules_list_every_section_with_time_size_and_navigation(session: Session) -> None:
    login(session)
    view = rules_view(BLUEPRINT, session.state)
    assert view.exam_title == "Seleksi Kompetensi"
    assert [(s.title, s.minutes, s.items, s.forward_only, s.makalah) for s in view.sections] \
        == [("Karakteristik Pribadi", 20, 3, False, False), ("Maju Saja", 10, 3, True, False),
            ("Makalah", 30, 1, False, True)]


def test_intro_names_the_next_section(session: Session) -> None:
    login(session)
    session.confirm_identity()
    session.acknowledge_rules()
    view = intro_view(BLUEPRINT, session.state)
    assert view is not None and (view.number, view.count) == (1, 3)
    assert view.section.title == "Karakteristik Pribadi"


def test_item_view_follows_the_form_and_the_answers(session: Session) -> None:
    into_first_section(session)
    view = item_view(BLUEPRINT, session.state)
    assert (view.item_id, view.kind, view.number, view.total) == ("mc1", "mc", 1, 3)
    assert [o.key for o in view.options] == ["A", "B", "C", "D"]
    assert not view.can_prev and view.can_next and not view.forward_only
    session.answer("mc1", "C")
    session.toggle_flag("mc1")
    view = item_view(BLUEPRINT, session.state)
    assert view.selected == ("C",) and view.flagged
    assert [(e.answered, e.flagged, e.current) for e in view.palette] == [
        (True, True, True), (False, False, False), (False, False, False)]


def test_likert_points_carry_the_items_labels(session: Session) -> None:
    into_first_section(session)
    session.go_to(2)
    view = item_view(BLUEPRINT, session.state)
    assert view.kind == "likert"
    assert [o.key for o in view.options] == ["1", "2", "3", "4"]
    assert view.options[0].text == "Sangat tidak setuju"


def test_forward_only_section_cannot_go_back(session: Session, clock: FakeClock) -> None:
    into_first_section(session)
    session.submit_section()
    session.start_section()
    session.go_to(1)
    view = item_view(BLUEPRINT, session.state)
    assert view.forward_only and not view.can_prev
    # the palette only shows where the candidate is: no jump back, none ahead
    assert [e.reachable for e in palette(session.state)] == [False, True, False]
    assert [e.current for e in palette(session.state)] == [False, True, False]


def test_navigation_rule_is_one_pure_function() -> None:
    assert may_go(False, 0, 2, 3) and may_go(False, 2, 0, 3)
    assert may_go(True, 0, 1, 3) and may_go(True, 1, 1, 3)
    assert not may_go(True, 0, 2, 3)  # skipping ahead loses item 2 for good
    assert not may_go(True, 1, 0, 3)  # no way back
    assert not may_go(False, 0, 3, 3)  # past the end


def test_leaving_a_blank_forward_only_item_needs_a_word(session: Session) -> None:
    into_first_section(session)
    assert not leaving_unanswered(session.state, 1)  # a free section: come back later
    session.submit_section()
    session.start_section()
    assert leaving_unanswered(session.state, 1)
    assert not item_view(BLUEPRINT, session.state).answered
    session.answer("q1", "B")
    assert not leaving_unanswered(session.state, 1)
    assert item_view(BLUEPRINT, session.state).answered


def test_review_lists_unanswered_and_flagged(session: Session) -> None:
    into_first_section(session)
    session.answer("mr1", ["B", "A"])
    session.toggle_flag("lk1")
    view = review_view(BLUEPRINT, session.state)
    assert (view.answered, view.total, view.last_section) == (1, 3, False)
    assert [e.number for e in view.unanswered] == [1, 3]
    assert [e.number for e in view.flagged] == [3]


def test_answer_values_match_what_the_engine_takes() -> None:
    assert answer_value(ItemType.MC, ["B"]) == "B"
    assert answer_value(ItemType.MR, ["C", "A"]) == ["A", "C"]
    assert answer_value(ItemType.LIKERT, ["4"]) == 4
    assert answer_value(ItemType.SJT, []) is None


def test_clock_rounds_up_and_shows_hours() -> None:
    assert format_clock(0) == "00:00"
    assert format_clock(1) == "00:01"
    assert format_clock(61_000) == "01:01"
    assert format_clock(4 * 3600_000) == "4:00:00"


def test_resume_target_follows_the_phase(session: Session) -> None:
    login(session)
    assert resume_target(session.state) == "identity"
    session.confirm_identity()
    assert resume_target(session.state) == "rules"
    session.acknowledge_rules()
    assert resume_target(session.state) == "intro"
    session.start_section()
    assert resume_target(session.state) == "item"


def test_receipt_payload_names_exam_candidate_and_hash() -> None:
    assert receipt_payload("E", "P-1", "ab") == "UJIKOM-RECEIPT-1|E|P-1|ab"
    assert PACKAGE.blueprint is BLUEPRINT


def test_options_come_in_the_forms_order_not_the_banks() -> None:
    form = PACKAGE.forms["P-0001"]
    first = form.sections[0]
    shuffled = FormSection(first.section_id, first.item_ids,
                           {**first.option_orders, "mc1": ("C", "A", "D", "B")})
    package = replace(PACKAGE, forms={**PACKAGE.forms, "P-0001": replace(
        form, sections=(shuffled, *form.sections[1:]))})
    session = Session(package, MemorySink(), FakeClock())
    into_first_section(session)
    view = item_view(BLUEPRINT, session.state)
    assert [o.key for o in view.options] == ["C", "A", "D", "B"]
    assert [o.text for o in view.options] == ["opsi C", "opsi A", "opsi D", "opsi B"]


def test_makalah_check_counts_words_against_the_range(session: Session) -> None:
    from exam_bank.makalah.text import RangeStatus
    from kiosk.engine.views import makalah_check_view

    into_first_section(session)
    for _ in range(2):
        session.submit_section()
        session.start_section()
    session.makalah_changed("m1", "Satu dua tiga")
    view = makalah_check_view(BLUEPRINT, session.state)
    assert (view.words, view.last_section, view.next_section) == (3, True, None)
    assert view.text == "Satu dua tiga" and view.section_title == "Makalah"
    # the kit's makalah has no range; the package's real ones do (min 1,500 ...)
    assert view.status is RangeStatus.NONE and not view.off_range
