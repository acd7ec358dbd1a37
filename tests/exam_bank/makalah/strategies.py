"""Hypothesis strategies for makalah documents, shared by the pure and the Qt round trips."""

from __future__ import annotations

from hypothesis import strategies as st

from exam_bank.makalah.doc import Heading, ListItem, Paragraph, Span, Table

# Letters plus every character the stored form gives a meaning to, and a few that
# editors like to mangle (tab, no-break space, a character outside the BMP).
ALPHABET = st.sampled_from([*"ab Zé9. ", "*", "**", "_", "\\", "<", "<u>", "</u>",
                                               "|", "#", "- ", "1. ", "<br>", "`", "\t",
                                               "\u00a0", "😀", "    ", "---"])
TEXT = st.lists(ALPHABET, max_size=8).map("".join)
SPAN = st.builds(Span, TEXT, st.booleans(), st.booleans(), st.booleans())
SPANS = st.lists(SPAN, max_size=4).map(tuple)
PARAGRAPH = st.builds(Paragraph, SPANS)
HEADING = st.builds(Heading, st.integers(1, 3), SPANS)
ITEM = st.one_of(
    st.builds(ListItem, st.just(True), st.integers(1, 4), st.integers(1, 999), SPANS),
    st.builds(ListItem, st.just(False), st.integers(1, 4), st.just(1), SPANS))


@st.composite
def tables(draw: st.DrawFn) -> Table:
    width = draw(st.integers(1, 3))
    rows = draw(st.lists(st.tuples(*[st.lists(SPANS, min_size=1, max_size=2).map(tuple)
                                     for _ in range(width)]), min_size=1, max_size=3))
    return Table(tuple(rows))


BLOCK = st.one_of(PARAGRAPH, HEADING, ITEM, tables())
DOCUMENTS = st.lists(BLOCK, min_size=1, max_size=8).map(tuple)
