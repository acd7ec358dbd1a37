"""QTI response processing as items write it out, evaluated to one score per response.

Real exporters rarely point at the standard templates: they write the rules out
(``responseCondition`` with ``match``/``correct``, ``mapResponse``, ``MAXSCORE``, a
feedback assignment next to the score...). `Processing.score` runs those rules the way a
QTI delivery engine does for one response, so the importer can evaluate every possible
response of a choice interaction and read each option's score off the results
(`mc_weights`, `mr_scoring`). Both QTI 2.x names (``responseCondition``) and QTI 3 names
(``qti-response-condition``) are read.

What cannot reduce to one value per response — randomness, time, attempts, template
variables, operators this module does not know — raises `Unsupported` naming the element
and its line. Outcomes other than ``SCORE`` (feedback, ...) never decide a score: their
assignments are evaluated when they can be and otherwise ignored; `Processing.ignored`
names them so the import can list them.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from xml.etree.ElementTree import Element

from exam_bank.xmlsafe import local_name, parse_xml

SCORE = "SCORE"
CUSTOM = "custom"  # the "template" name of processing written out as rules
MAX_RESPONSES = 4096  # responses evaluated per item: 12 options, any subset
# Rules and expressions evaluated per item, over all its responses: a real item's rules are
# a few dozen elements (4,096 responses x 100 = 409,600 steps, ~1 s); a hostile one with
# thousands of conditions took minutes per item, hours per package, before this bound.
MAX_STEPS = 500_000
# Rules and expressions nested in one another: real processing nests a handful deep; each
# level is a few Python frames, so 250 levels (which the XML parser allows) would be a
# RecursionError.
MAX_DEPTH = 64
_TOLERANCE = 1e-9

# A value of a QTI variable: NULL, boolean, number, identifier/string, or a container.
Value = None | bool | float | str | frozenset[str]

_RANDOM = frozenset({"randomInteger", "randomFloat", "random"})
_TIME = frozenset({"durationLT", "durationGTE"})
_TEMPLATE = frozenset({"templateDefault", "setTemplateValue", "setCorrectResponse",
                       "setDefaultValue", "templateConstraint"})
_BUILTIN_TIME = frozenset({"duration", "numAttempts", "completionStatus"})
_NUMERIC = frozenset({"float", "integer"})


class Unsupported(Exception):
    """Processing that does not reduce to one score per response; says why and where."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class TooLarge(Unsupported):
    """Processing past `MAX_STEPS`: never swallowed where an unsupported part is."""


class _Exit(Exception):
    """``exitResponse``: processing stops here."""


class _Unknown:
    """An ignored outcome whose value could not be worked out."""


_UNKNOWN = _Unknown()


def qti_name(el: Element) -> str:
    """The QTI 2 name of an element: ``qti-simple-choice`` (QTI 3) → ``simpleChoice``."""
    if not isinstance(el.tag, str):
        return ""
    local = local_name(el.tag)
    if local.startswith("qti-"):
        head, *rest = local[4:].split("-")
        return head + "".join(p[:1].upper() + p[1:] for p in rest)
    return local


def qti_attr(el: Element, camel: str, default: str | None = None) -> str | None:
    """An attribute by its QTI 2 name, also found under its QTI 3 kebab-case name."""
    value = el.get(camel)
    if value is None:
        value = el.get(re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), camel))
    return default if value is None else value


def line_of(el: Element) -> int | None:
    return getattr(el, "sourceline", None) or None


def _shown(el: Element) -> str:
    return f"<{local_name(el.tag)}>" if isinstance(el.tag, str) else "element"


@dataclass(frozen=True)
class _Response:
    cardinality: str
    correct: Value
    mapping: dict[str, float] | None
    default: float = 0.0
    lower: float | None = None
    upper: float | None = None


@dataclass
class Processing:
    """One item's response processing, ready to score responses."""

    rules: tuple[Element, ...]
    defaults: dict[str, Value]
    responses: dict[str, _Response]
    ignored: tuple[str, ...] = field(default=())
    steps: int = field(default=0, compare=False)  # rules and expressions evaluated so far
    _scoring: dict[int, bool] = field(default_factory=dict, compare=False, repr=False)

    def step(self, el: Element) -> None:
        """Count one rule or expression evaluated; `Unsupported` past `MAX_STEPS`."""
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TooLarge(f"more than {MAX_STEPS} rules and expressions evaluated "
                              "over the item's possible responses: the processing is too "
                              "large to evaluate (refused, not imported)",
                              line_of(el))

    def sets_score(self, el: Element) -> bool:
        """Whether rule `el` may set SCORE (remembered: nested conditions ask again)."""
        found = self._scoring.get(id(el))
        if found is None:
            found = self._scoring[id(el)] = _sets_score(el)
        return found

    def score(self, response_id: str, value: Value) -> float:
        """SCORE after processing `value` given to `response_id` (NULL SCORE is 0)."""
        state: dict[str, Value | _Unknown] = dict(self.defaults)
        for rid in self.responses:
            state[rid] = None
        state[response_id] = value
        run = _Run(self, state)
        with contextlib.suppress(_Exit):  # exitResponse ends processing, keeping SCORE
            run.rules(self.rules)
        result = state.get(SCORE)
        if isinstance(result, _Unknown) or result is None:
            return 0.0
        if isinstance(result, bool) or not isinstance(result, float):
            raise Unsupported(f"SCORE is set to {result!r}, not a number")
        return result


def read_processing(item: Element) -> Processing:
    """The response processing of `item` (an assessmentItem element): its rules as
    written out, or the rules of the standard template it names."""
    defaults: dict[str, Value] = {}
    responses: dict[str, _Response] = {}
    rules: list[Element] = []
    for child in item:
        name = qti_name(child)
        if name == "outcomeDeclaration":
            defaults[child.get("identifier", "")] = _outcome_default(child)
        elif name == "responseDeclaration":
            responses[child.get("identifier", "")] = _response(child)
        elif name == "responseProcessing":
            written = [c for c in child if isinstance(c.tag, str)]
            rules.extend(written or template_rules(child))
    if SCORE not in defaults:
        raise Unsupported("no SCORE outcome is declared, so the processing gives no score")
    for rule in rules:
        if (deep := _too_deep(rule, MAX_DEPTH)) is not None:
            raise TooLarge(f"rules and expressions nested more than {MAX_DEPTH} deep: too "
                           "deep to evaluate (refused, not imported)", line_of(deep))
    ignored = sorted({qti_attr(el, "identifier", "") or "" for r in rules for el in r.iter()
                      if qti_name(el) == "setOutcomeValue"} - {SCORE})
    return Processing(tuple(rules), defaults, responses, tuple(ignored))


# The standard templates' rules (QTI 2.1 section 5.4, the same in QTI 3), as a QTI
# engine runs them for an item that names the template instead of writing rules out.
_TEMPLATES = {
    "match_correct": """<responseCondition><responseIf><match>
        <variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></match>
        <setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue>
        </setOutcomeValue></responseIf><responseElse>
        <setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue>
        </setOutcomeValue></responseElse></responseCondition>""",
    "map_response": """<responseCondition><responseIf><isNull>
        <variable identifier="RESPONSE"/></isNull>
        <setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue>
        </setOutcomeValue></responseIf><responseElse>
        <setOutcomeValue identifier="SCORE"><mapResponse identifier="RESPONSE"/>
        </setOutcomeValue></responseElse></responseCondition>""",
}


def template_name(rp: Element) -> str:
    """The standard template a ``responseProcessing`` names (``match_correct``...), or
    "" when it names none."""
    uri = rp.get("template") or qti_attr(rp, "templateLocation") or ""
    return re.sub(r"\.xml$", "", uri.rstrip("/").rsplit("/", 1)[-1])


def template_rules(rp: Element) -> list[Element]:
    """The rules of the standard template `rp` names (none when it names none)."""
    name = template_name(rp)
    if not name:
        return []
    if name not in _TEMPLATES:
        raise Unsupported(f"response processing template {name!r} is not a standard "
                          "template this evaluator knows", line_of(rp))
    return [parse_xml(_TEMPLATES[name].encode(), f"the {name} template")]


def _values(block: Element | None, base_type: str, cardinality: str) -> Value:
    if block is None:
        return 0.0 if base_type in _NUMERIC and cardinality == "single" else None
    texts = [(v.text or "").strip() for v in block if qti_name(v) == "value"]
    if cardinality != "single":
        return frozenset(texts) or None
    if not texts:
        return None
    return _typed(texts[0], base_type, block)


def _typed(text: str, base_type: str, el: Element) -> Value:
    if base_type in _NUMERIC:
        try:
            return float(text)
        except ValueError:
            raise Unsupported(f"{text!r} in {_shown(el)} is not a number", line_of(el)) \
                from None
    if base_type == "boolean":
        return text.strip() in ("true", "1")
    if base_type in ("identifier", "string", ""):
        return text
    raise Unsupported(f"{_shown(el)} of base type {base_type!r} cannot score a choice",
                      line_of(el))


def _outcome_default(decl: Element) -> Value:
    block = next((c for c in decl if qti_name(c) == "defaultValue"), None)
    return _values(block, qti_attr(decl, "baseType", "") or "",
                   decl.get("cardinality") or "single")


def _response(decl: Element) -> _Response:
    cardinality = decl.get("cardinality") or "single"
    correct_block = next((c for c in decl if qti_name(c) == "correctResponse"), None)
    correct = _values(correct_block, "identifier", cardinality) if correct_block is not None \
        else None
    block = next((c for c in decl if qti_name(c) == "mapping"), None)
    if block is None:
        return _Response(cardinality, correct, None)
    mapping = {qti_attr(e, "mapKey", "") or "": _float(qti_attr(e, "mappedValue", "0"), e)
               for e in block if qti_name(e) == "mapEntry"}
    lower, upper = qti_attr(block, "lowerBound"), qti_attr(block, "upperBound")
    return _Response(cardinality, correct, mapping,
                     _float(qti_attr(block, "defaultValue", "0"), block),
                     None if lower is None else _float(lower, block),
                     None if upper is None else _float(upper, block))


def _float(text: str | None, el: Element) -> float:
    try:
        return float(text or "0")
    except ValueError:
        raise Unsupported(f"{text!r} in {_shown(el)} is not a number", line_of(el)) from None


class _Run:
    """One evaluation: the variables' values while the rules run."""

    def __init__(self, proc: Processing, state: dict[str, Value | _Unknown]):
        self.proc = proc
        self.state = state

    # -- rules

    def rules(self, rules: Iterable[Element]) -> None:
        for rule in rules:
            self.rule(rule)

    def rule(self, el: Element) -> None:
        self.proc.step(el)
        name = qti_name(el)
        if name == "responseCondition":
            if self.proc.sets_score(el):
                self.condition(el)
            else:
                self.ignoring(lambda: self.condition(el))
        elif name == "setOutcomeValue":
            ident = qti_attr(el, "identifier", "") or ""
            if ident == SCORE:
                self.state[ident] = self.expr(_only_child(el))
            else:
                self.ignoring(lambda: self.state.__setitem__(ident, self.expr(_only_child(el))),
                              ident)
        elif name == "exitResponse":
            raise _Exit
        elif name == "responseProcessingFragment":
            self.rules(c for c in el if isinstance(c.tag, str))
        else:
            raise self.unsupported(el)

    def ignoring(self, action: Callable[[], object], ident: str | None = None) -> None:
        """Run an assignment that cannot change SCORE; if it cannot run, forget it."""
        try:
            action()
        except TooLarge:
            raise
        except Unsupported:
            if ident is not None:
                self.state[ident] = _UNKNOWN

    def condition(self, el: Element) -> None:
        for branch in el:
            kind = qti_name(branch)
            if kind == "responseElse":
                self.rules(c for c in branch if isinstance(c.tag, str))
                return
            if kind not in ("responseIf", "responseElseIf"):
                raise self.unsupported(branch)
            parts = [c for c in branch if isinstance(c.tag, str)]
            if not parts:
                raise Unsupported(f"{_shown(branch)} has no condition", line_of(branch))
            if self.expr(parts[0]) is True:
                self.rules(parts[1:])
                return

    # -- expressions

    def expr(self, el: Element) -> Value:
        self.proc.step(el)
        name = qti_name(el)
        method = getattr(self, f"e_{name}", None)
        if method is None:
            raise self.unsupported(el)
        result: Value = method(el)
        return result

    def args(self, el: Element) -> list[Value]:
        return [self.expr(c) for c in el if isinstance(c.tag, str)]

    def unsupported(self, el: Element) -> Unsupported:
        name = qti_name(el)
        if name in _RANDOM:
            why = "uses randomness, so a response has no single score"
        elif name in _TIME:
            why = "depends on time, so a response has no single score"
        elif name in _TEMPLATE or name.startswith("template"):
            why = "uses template variables, which Ujikom does not support"
        else:
            why = "is not supported in response processing"
        return Unsupported(f"{_shown(el)} {why}", line_of(el))

    def e_baseValue(self, el: Element) -> Value:
        return _typed((el.text or "").strip(), qti_attr(el, "baseType", "") or "", el)

    def e_null(self, el: Element) -> Value:
        return None

    def e_variable(self, el: Element) -> Value:
        ident = el.get("identifier", "")
        if ident in _BUILTIN_TIME:
            raise Unsupported(f"{_shown(el)} reads {ident!r}, which depends on time or "
                              "attempts, so a response has no single score", line_of(el))
        if ident not in self.state:
            raise Unsupported(f"{_shown(el)} reads {ident!r}, which is not declared",
                              line_of(el))
        value = self.state[ident]
        if isinstance(value, _Unknown):
            raise Unsupported(f"{_shown(el)} reads {ident!r}, whose value could not be "
                              "worked out", line_of(el))
        return value

    def e_default(self, el: Element) -> Value:
        return self.proc.defaults.get(el.get("identifier", ""))

    def _declared(self, el: Element) -> _Response:
        ident = el.get("identifier", "")
        if ident not in self.proc.responses:
            raise Unsupported(f"{_shown(el)} names {ident!r}, which is no response",
                              line_of(el))
        return self.proc.responses[ident]

    def e_correct(self, el: Element) -> Value:
        return self._declared(el).correct

    def e_mapResponse(self, el: Element) -> Value:
        decl = self._declared(el)
        if decl.mapping is None:
            raise Unsupported(f"{_shown(el)} names a response with no mapping", line_of(el))
        value = self.state.get(el.get("identifier", ""))
        keys: Iterable[str] = value if isinstance(value, frozenset) else (
            [value] if isinstance(value, str) else [])
        # QTI: each distinct value is mapped once; unmapped values take the default.
        total = math.fsum(decl.mapping.get(k, decl.default) for k in set(keys))
        if decl.lower is not None:
            total = max(total, decl.lower)
        if decl.upper is not None:
            total = min(total, decl.upper)
        return total

    def e_multiple(self, el: Element) -> Value:
        items: set[str] = set()
        for v in self.args(el):
            if isinstance(v, frozenset):
                items |= v
            elif isinstance(v, str):
                items.add(v)
            elif v is not None:
                raise Unsupported(f"{_shown(el)} holds {v!r}, not an identifier", line_of(el))
        return frozenset(items) or None

    def e_ordered(self, el: Element) -> Value:
        raise self.unsupported(el)

    def e_containerSize(self, el: Element) -> Value:
        (v,) = self.exactly(el, 1)
        return float(len(v)) if isinstance(v, frozenset) else 0.0

    def e_isNull(self, el: Element) -> Value:
        (v,) = self.exactly(el, 1)
        return v is None or v == "" or v == frozenset()

    def e_match(self, el: Element) -> Value:
        a, b = self.exactly(el, 2)
        if a is None or b is None:
            return None
        return a == b

    def e_stringMatch(self, el: Element) -> Value:
        a, b = self.exactly(el, 2)
        if a is None or b is None:
            return None
        if qti_attr(el, "caseSensitive", "true") == "false":
            return str(a).lower() == str(b).lower()
        return a == b

    def e_member(self, el: Element) -> Value:
        a, b = self.exactly(el, 2)
        if a is None or b is None:
            return None
        return isinstance(b, frozenset) and a in b

    def e_contains(self, el: Element) -> Value:
        a, b = self.exactly(el, 2)
        if a is None or b is None:
            return None
        return isinstance(a, frozenset) and isinstance(b, frozenset) and b <= a

    def e_delete(self, el: Element) -> Value:
        a, b = self.exactly(el, 2)
        if a is None or b is None:
            return None
        return frozenset(x for x in b if x != a) if isinstance(b, frozenset) else None

    def e_not(self, el: Element) -> Value:
        (v,) = self.exactly(el, 1)
        return None if v is None else not self.boolean(v, el)

    def e_and(self, el: Element) -> Value:
        values = [None if v is None else self.boolean(v, el) for v in self.args(el)]
        if False in values:
            return False
        return None if None in values else True

    def e_or(self, el: Element) -> Value:
        values = [None if v is None else self.boolean(v, el) for v in self.args(el)]
        if True in values:
            return True
        return None if None in values else False

    def e_sum(self, el: Element) -> Value:
        nums = self.numbers(el)
        return None if nums is None else math.fsum(nums)

    def e_product(self, el: Element) -> Value:
        nums = self.numbers(el)
        return None if nums is None else math.prod(nums)

    def e_subtract(self, el: Element) -> Value:
        nums = self.numbers(el, 2)
        return None if nums is None else nums[0] - nums[1]

    def e_divide(self, el: Element) -> Value:
        nums = self.numbers(el, 2)
        return None if nums is None or nums[1] == 0 else nums[0] / nums[1]

    def e_min(self, el: Element) -> Value:
        nums = self.numbers(el)
        return None if not nums else min(nums)

    def e_max(self, el: Element) -> Value:
        nums = self.numbers(el)
        return None if not nums else max(nums)

    def _compare(self, el: Element, op: str) -> Value:
        nums = self.numbers(el, 2)
        if nums is None:
            return None
        a, b = nums
        return {"gt": a > b, "gte": a >= b - _TOLERANCE, "lt": a < b,
                "lte": a <= b + _TOLERANCE, "equal": math.isclose(a, b, abs_tol=_TOLERANCE)}[op]

    def e_gt(self, el: Element) -> Value:
        return self._compare(el, "gt")

    def e_gte(self, el: Element) -> Value:
        return self._compare(el, "gte")

    def e_lt(self, el: Element) -> Value:
        return self._compare(el, "lt")

    def e_lte(self, el: Element) -> Value:
        return self._compare(el, "lte")

    def e_equal(self, el: Element) -> Value:
        if (qti_attr(el, "toleranceMode", "exact") or "exact") != "exact":
            raise Unsupported(f"{_shown(el)} with a tolerance is not supported", line_of(el))
        return self._compare(el, "equal")

    # -- helpers

    def exactly(self, el: Element, n: int) -> list[Value]:
        values = self.args(el)
        if len(values) != n:
            raise Unsupported(f"{_shown(el)} takes {n} expression(s), not {len(values)}",
                              line_of(el))
        return values

    def numbers(self, el: Element, n: int | None = None) -> list[float] | None:
        values = self.exactly(el, n) if n is not None else self.args(el)
        if any(v is None for v in values):
            return None
        out: list[float] = []
        for v in values:
            if isinstance(v, bool) or not isinstance(v, float):
                raise Unsupported(f"{_shown(el)} is given {v!r}, not a number", line_of(el))
            out.append(v)
        return out

    def boolean(self, v: Value, el: Element) -> bool:
        if not isinstance(v, bool):
            raise Unsupported(f"{_shown(el)} is given {v!r}, not true/false", line_of(el))
        return v


def _only_child(el: Element) -> Element:
    kids = [c for c in el if isinstance(c.tag, str)]
    if len(kids) != 1:
        raise Unsupported(f"{_shown(el)} needs exactly one expression", line_of(el))
    return kids[0]


def _too_deep(root: Element, limit: int) -> Element | None:
    """The first element more than `limit` levels below `root` (itself level 1), or None;
    found without recursion."""
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > limit:
            return el
        stack.extend((child, depth + 1) for child in el)
    return None


def _sets_score(el: Element) -> bool:
    return any(qti_name(e) == "setOutcomeValue" and qti_attr(e, "identifier") == SCORE
               for e in el.iter())


# --------------------------------------------------------------------------- choice items


def responses(ids: Sequence[str], max_choices: int) -> list[frozenset[str]]:
    """Every non-empty response of a multiple-choice interaction, smallest first."""
    top = len(ids) if max_choices <= 0 else min(max_choices, len(ids))
    count = sum(math.comb(len(ids), k) for k in range(1, top + 1))
    if count > MAX_RESPONSES:
        raise Unsupported(f"{count} possible responses are too many to evaluate "
                          f"(at most {MAX_RESPONSES})")
    return [frozenset(c) for k in range(1, top + 1) for c in itertools.combinations(ids, k)]


def mc_weights(proc: Processing, response_id: str, ids: Sequence[str]) -> dict[str, float]:
    """Each option's score when it alone is chosen: a single-choice item's weights."""
    return {cid: proc.score(response_id, cid) for cid in ids}


class MrModel(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"
    PARTIAL = "partial"


@dataclass(frozen=True)
class MrScoring:
    """How Ujikom scores what the processing scores: the model, weights, key, points."""

    model: MrModel
    weights: dict[str, float]
    keyed: frozenset[str]
    points: float


def mr_scoring(proc: Processing, response_id: str, ids: Sequence[str],
               max_choices: int) -> MrScoring:
    """Ujikom's scoring of a multiple-response item that gives every response the score
    its processing gives; `Unsupported`, naming a response, when neither model does."""
    scores = {r: proc.score(response_id, r) for r in responses(ids, max_choices)}
    earning = [r for r, s in scores.items() if s > _TOLERANCE]
    if not earning:
        raise Unsupported("no response earns points under the item's response processing")
    if len(earning) == 1 and all(abs(s) <= _TOLERANCE for r, s in scores.items()
                                 if r != earning[0]):
        key = earning[0]
        return MrScoring(MrModel.ALL_OR_NOTHING,
                         {c: 1.0 if c in key else 0.0 for c in ids}, key, scores[key])
    weights = _additive_weights(scores, ids)
    top = math.fsum(w for w in weights.values() if w > 0)
    for r, s in scores.items():
        ujikom = min(max(math.fsum(weights[c] for c in r), 0.0), top)
        if not math.isclose(ujikom, s, abs_tol=1e-6):
            raise Unsupported(
                f"the processing scores {{{', '.join(sorted(r))}}} {s:g}, but neither "
                f"all-or-nothing nor per-option (additive) scoring gives that (additive "
                f"would give {ujikom:g})")
    keyed = frozenset(c for c in ids if weights[c] > 0)
    return MrScoring(MrModel.PARTIAL, weights, keyed, top)


def _additive_weights(scores: dict[frozenset[str], float],
                      ids: Sequence[str]) -> dict[str, float]:
    """Each option's contribution: its own score, or, when a floor at 0 hides a
    penalty, what adding it to the positive options takes away."""
    weights = {c: scores.get(frozenset([c]), 0.0) for c in ids}
    positive = frozenset(c for c in ids if weights[c] > 0)
    for c in ids:
        if weights[c] == 0 and positive and (positive | {c}) in scores \
                and positive in scores:
            weights[c] = scores[positive | {c}] - scores[positive]
    return weights
