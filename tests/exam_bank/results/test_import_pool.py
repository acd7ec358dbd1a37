"""Candidates checked, folded and scored on a process pool: the very same submissions as
one process, and a refusal inside a worker still names the bundle, the candidate's file
and the field, with nothing stored."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from exam_bank.bundle.sealed import CandidateResult, unseal_bundle
from exam_bank.events.chain import encode_event, make_event
from exam_bank.events.makalah import text_at
from exam_bank.events.model import Event, EventType
from exam_bank.items.model import ItemType
from exam_bank.problems import InputError
from exam_bank.results.candidate_scoring import CandidateScorer
from exam_bank.results.importer import Keys, import_bundles
from exam_bank.results.store import open_store
from exam_bank.results.synthetic import candidate_events
from tests.conftest import STORE_PASS
from tests.exam_bank.results.conftest import Central


def _keys(central: Central) -> Keys:
    return Keys(central.pki.admin.cert, central.pki.admin.key, [central.pki.ca.cert])


def _makalah_item(central: Central, participant_no: str) -> str:
    form = central.package.forms[participant_no]
    return next(i for s in form.sections for i in s.item_ids
                if central.package.items[i].type == ItemType.MAKALAH)


def test_the_pool_gives_the_same_submissions_in_the_same_order(central: Central) -> None:
    results = central.results("S1")
    item = _makalah_item(central, results.candidates[0].participant_no)
    first = dataclasses.replace(results.candidates[0], makalah_pdf={item: b"%PDF paper"})
    results = dataclasses.replace(results, candidates=[first, *results.candidates[1:]])
    keys = _keys(central)
    sealed = unseal_bundle(central.seal(results), keys.admin_cert, keys.admin_key,
                           keys.lab_cas, where="s1.p7m")
    assert len(sealed.candidates) > 2
    serial = CandidateScorer(central.package, workers=1).score(
        sealed.exam_id, sealed.candidates, "s1.p7m")
    with CandidateScorer(central.package, workers=2) as scorer:
        pooled = scorer.score(sealed.exam_id, sealed.candidates, "s1.p7m")
        again = scorer.score(sealed.exam_id, sealed.candidates, "s1.p7m")  # same pool
    assert pooled == serial and again == serial
    assert [s.participant_no for s in pooled] == [c.participant_no for c in sealed.candidates]
    by_no = {s.participant_no: s for s in pooled}
    assert by_no[first.participant_no].makalah[item][2] == b"%PDF paper"  # kept back, stored
    assert all(s.score is not None and s.state["phase"] == "submitted" for s in pooled)


def _broken_revision(events: list[Event], rev: int) -> tuple[list[Event], int]:
    """`events` re-chained with revision `rev` recording a wrong text hash: a history the
    real proctor could seal (its chain and final paper are consistent) that does not
    replay. Returns the events and the broken event's seq."""
    out: list[Event] = []
    broken = 0
    for e in events:
        data = dict(e.data)
        if e.type == EventType.MAKALAH_REVISION and data["rev"] == rev:
            data["text_hash"] = "0" * 16
            broken = e.seq
        prev = out[-1].hash if out else e.prev_hash
        out.append(make_event(e.seq, e.type, e.wall, e.mono_ms, e.run, data, prev))
    return out, broken


@pytest.mark.parametrize("workers", [1, 2])
def test_a_revision_that_does_not_replay_is_refused_by_file_and_seq_nothing_stored(
        central: Central, tmp_path: Path, workers: int) -> None:
    """The broken revision is followed by a full checkpoint (every 200th), so the last
    text and its hash are right: only replaying every revision finds it, once, in the
    worker that folds the log."""
    good = tmp_path / "s2.p7m"
    good.write_bytes(central.seal(central.results("S2")))
    results = central.results("S1")
    victim = results.candidates[1]
    p = victim.participant_no
    events = candidate_events(central.package.header.exam_id, central.package.forms[p],
                              central.package.items, makalah_revisions=230)
    events, seq = _broken_revision(events, rev=150)
    log = b"".join(encode_event(e) + b"\n" for e in events)
    item = _makalah_item(central, p)
    forged = CandidateResult(p, log=log, makalah={item: text_at(events, item)})
    bad = tmp_path / "s1.p7m"
    bad.write_bytes(central.seal(dataclasses.replace(
        results, candidates=[results.candidates[0], forged, *results.candidates[2:]])))
    target = str(tmp_path / "results.sqlite")
    with open_store(target, STORE_PASS) as store, pytest.raises(InputError) as err:
        import_bundles(store, [good, bad], _keys(central), central.package, central.digest,
                       workers=workers)
    assert [(pr.where, pr.field) for pr in err.value.problems] == [
        (f"{bad}: logs/{p}.jsonl", f"seq {seq}")]
    assert "hash differs" in err.value.problems[0].message
    with open_store(target, STORE_PASS) as store:
        assert store.counts()["submissions"] == 0 and store.counts()["bundles"] == 0
