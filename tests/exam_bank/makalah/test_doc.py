"""The stored form: what the editor writes reads back to the same text, and means it."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from exam_bank.makalah.doc import (
    Document,
    Heading,
    ListItem,
    Paragraph,
    Span,
    Table,
    canonical,
    normalize_spans,
    parse,
    serialize,
)
from tests.exam_bank.makalah.strategies import DOCUMENTS

SAMPLE = ("# Latar belakang\n\n"
          "Layanan **belum terhubung**, *miring* dan <u>garis bawah</u>.\n\n"
          "1. Satu\n    - sub\n2. Dua\n\n"
          "| Indikator | 2025 |\n|---|---|\n| SKM | 78,1<br>naik |\n\n"
          "Akhir.")


def _normal(doc: Document) -> Document:
    """The document as the stored form keeps it: spans merged, bullets unnumbered."""
    out: list = []
    for block in canonical(doc):
        if isinstance(block, Table):
            out.append(Table(tuple(tuple(tuple(normalize_spans(s) for s in cell) for cell in row)
                                   for row in block.rows)))
        elif isinstance(block, ListItem):
            out.append(ListItem(block.ordered, block.depth,
                                block.number if block.ordered else 1,
                                normalize_spans(block.spans)))
        else:
            out.append(type(block)(*([block.level] if isinstance(block, Heading) else []),
                                   normalize_spans(block.spans)))
    return tuple(out) or (Paragraph(),)


@given(DOCUMENTS)
def test_any_document_reads_back_as_written(doc: Document) -> None:
    text = serialize(doc)
    assert parse(text) == _normal(doc)
    assert serialize(parse(text)) == text


@given(st.text(max_size=60))
def test_any_text_parses_and_its_rewrite_is_stable(text: str) -> None:
    once = serialize(parse(text))
    assert serialize(parse(once)) == once


def test_sample_means_what_it_says() -> None:
    doc = parse(SAMPLE)
    assert doc[0] == Heading(1, (Span("Latar belakang"),))
    assert doc[1].spans == (Span("Layanan "), Span("belum terhubung", bold=True),
                            Span(", "), Span("miring", italic=True), Span(" dan "),
                            Span("garis bawah", underline=True), Span("."))
    assert doc[2:5] == (ListItem(True, 1, 1, (Span("Satu"),)),
                        ListItem(False, 2, 1, (Span("sub"),)),
                        ListItem(True, 1, 2, (Span("Dua"),)))
    assert doc[5] == Table((((( Span("Indikator"),),), ((Span("2025"),),)),
                            (((Span("SKM"),),), ((Span("78,1"),), (Span("naik"),)))))
    assert serialize(doc) == SAMPLE


def test_literal_markup_characters_stay_text() -> None:
    doc = (Paragraph((Span("2026. Tahun *bintang* <u> \\ a|b"),)),
           Paragraph((Span("- bukan daftar"),)), Paragraph((Span("# bukan judul"),)))
    text = serialize(doc)
    assert text == ("2026\\. Tahun \\*bintang\\* \\<u> \\\\ a|b\n\n"
                    "\\- bukan daftar\n\n\\# bukan judul")
    assert parse(text) == doc


def test_empty_paper_is_the_empty_string() -> None:
    assert serialize((Paragraph(),)) == ""
    assert parse("") == (Paragraph(),)


def test_one_keystroke_changes_the_text_in_one_place() -> None:
    # small splices per keystroke: bold text grows inside its markers, nothing else moves
    before = serialize((Paragraph((Span("Kata "), Span("teba", bold=True))),))
    after = serialize((Paragraph((Span("Kata "), Span("tebal", bold=True))),))
    assert (before, after) == ("Kata **teba**", "Kata **tebal**")


def test_empty_paragraphs_beside_tables_are_not_written() -> None:
    table = Table((((( Span("a"),),),),))
    assert serialize((Paragraph(), table, Paragraph())) == "| a |\n|---|"


@given(DOCUMENTS, st.data())
def test_typing_a_letter_changes_the_stored_text_in_one_small_place(doc: Document,
                                                                    data: st.DataObject) -> None:
    """The log stores each save as one splice: a keystroke must not rewrite markup
    elsewhere (at most the escape of a paragraph's first character changes with it)."""
    from exam_bank.events.makalah import splice

    spots = [(n, k) for n, block in enumerate(doc) if not isinstance(block, Table)
             for k, span in enumerate(block.spans) if span.text]
    assume(spots)
    n, k = data.draw(st.sampled_from(spots))
    block = doc[n]
    span = block.spans[k]
    at = data.draw(st.integers(0, len(span.text)))
    typed = Span(span.text[:at] + "a" + span.text[at:], *span.style)
    spans = (*block.spans[:k], typed, *block.spans[k + 1:])
    changed = (Heading(block.level, spans) if isinstance(block, Heading) else
               ListItem(block.ordered, block.depth, block.number, spans)
               if isinstance(block, ListItem) else Paragraph(spans))
    patch = splice(serialize(doc), serialize((*doc[:n], changed, *doc[n + 1:])))
    # "1\. x" -> "a1. x": the letter and the escape it makes unneeded, one splice of 4.
    assert patch["del"] + len(patch["ins"]) <= 4, patch
