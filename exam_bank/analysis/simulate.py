"""Generated exams with known properties, for the analysis' tests and its benchmark.

Candidates answer mc items by a two-parameter logistic model, P(right) =
1 / (1 + exp(−a·(θ − b))), so an item's discrimination `a` and difficulty `b` are known;
a = 0 makes an item that does not discriminate at all, and `dif` shifts an item's
difficulty for one group (a planted DIF item).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from exam_bank.items.model import Item, ItemId, ItemType, LikertSpec, Option, OptionId
from exam_bank.scoring import Response


@dataclass(frozen=True)
class McSpec:
    id: str
    a: float = 1.5
    b: float = 0.0
    dif: float = 0.0  # added to b for the focal group (gender P)
    competency: str = "integritas"


@dataclass(frozen=True)
class Simulated:
    items: dict[str, Item]
    forms: dict[str, list[str]]
    responses: dict[str, dict[str, Response]]
    groups: dict[str, dict[str, str]] = field(default_factory=dict)
    theta: Sequence[float] = ()


def mc_item(spec: McSpec) -> Item:
    return Item(ItemId(spec.id), ItemType.MC, f"Soal {spec.id}", spec.competency,
                options=(Option(OptionId("a"), "benar", 1.0, True),
                         Option(OptionId("b"), "pengecoh", 0.0),
                         Option(OptionId("c"), "pengecoh", 0.0),
                         Option(OptionId("d"), "pengecoh", 0.0)))


def simulate_mc(specs: Sequence[McSpec], candidates: int, seed: int = 7,
                focal_share: float = 0.5) -> Simulated:
    """`candidates` answering every item of `specs` (one form for all); half of them
    (by default) are in the focal group P, the rest in L, with the same ability."""
    rng = np.random.default_rng(seed)
    theta = rng.normal(size=candidates)
    focal = rng.random(candidates) < focal_share
    a = np.array([s.a for s in specs])
    b = np.array([s.b for s in specs])[None, :] + np.outer(focal, [s.dif for s in specs])
    right = rng.random((candidates, len(specs))) < 1 / (1 + np.exp(-a * (theta[:, None] - b)))
    wrong = rng.integers(1, 4, size=(candidates, len(specs)))
    letters = np.array(["a", "b", "c", "d"])
    picks = np.where(right, "a", letters[wrong])
    people = [f"P{i:05d}" for i in range(candidates)]
    ids = [s.id for s in specs]
    return Simulated(
        items={s.id: mc_item(s) for s in specs},
        forms={p: ids for p in people},
        responses={p: dict(zip(ids, (str(x) for x in picks[i]), strict=True))
                   for i, p in enumerate(people)},
        groups={p: {"gender": "P" if focal[i] else "L"} for i, p in enumerate(people)},
        theta=theta.tolist())


def likert_item(item_id: str, scale: str, reverse: bool = False) -> Item:
    return Item(ItemId(item_id), ItemType.LIKERT, f"Pernyataan {item_id}", "potensi",
                likert=LikertSpec(scale, reverse=reverse))


def simulate_likert(keys: Mapping[str, tuple[bool, bool]], candidates: int,
                    noise: float = 1.0, seed: int = 11) -> Simulated:
    """Parallel Likert items of one scale: point = round(3 + θ + e), clipped to 1..5,
    e ~ N(0, noise²). `keys`: item id → (marked reverse-keyed, written reversed); an item
    written reversed is answered 6 − point, so marking it reverse-keyed is right."""
    rng = np.random.default_rng(seed)
    theta = rng.normal(size=candidates)
    people = [f"L{i:05d}" for i in range(candidates)]
    responses: dict[str, dict[str, Response]] = {p: {} for p in people}
    for item_id, (_, written_reversed) in keys.items():
        points = np.clip(np.rint(3 + theta + rng.normal(0, noise, candidates)), 1, 5)
        if written_reversed:
            points = 6 - points
        for p, point in zip(people, points, strict=True):
            responses[p][item_id] = int(point)
    return Simulated(
        items={i: likert_item(i, "skala", marked) for i, (marked, _) in keys.items()},
        forms={p: list(keys) for p in people}, responses=responses, theta=theta.tolist())
