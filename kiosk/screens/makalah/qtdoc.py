"""The editor's QTextDocument read into, and built from, the stored makalah model.

Only what the stored form keeps is read (bold, italic, underline, heading level, lists,
tables), so whatever else a QTextDocument carries can never leak into a revision.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
)

from exam_bank.makalah.doc import (
    MAX_HEADING,
    Block,
    Document,
    Heading,
    ListItem,
    Paragraph,
    Span,
    Spans,
    Table,
    normalize_spans,
)

ORDERED_STYLES = frozenset({
    QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
})
_DROPPED = str.maketrans({"\ufffc": None, "\u2028": " ", "\u2029": " ", "\n": " "})


# -- safe look-ups ---------------------------------------------------------------------------
# PySide6 6.12 releases a reference to None each time QTextBlock.textList(),
# QTextCursor.currentList()/currentTable() or QTextFrame.parentFrame() return nothing,
# which crashes the interpreter after a few thousand calls (pyproject.toml now excludes
# 6.12). These ask in ways that always return an object, so a bad binding cannot bite here.

def block_list(block: QTextBlock) -> QTextList | None:
    index = block.blockFormat().objectIndex()
    if index < 0:
        return None
    found = block.document().object(index)
    return found if isinstance(found, QTextList) else None


def cursor_list(cursor: QTextCursor) -> QTextList | None:
    return block_list(cursor.block())


def cursor_table(cursor: QTextCursor) -> QTextTable | None:
    frame = cursor.currentFrame()
    return frame if isinstance(frame, QTextTable) else None


# -- reading -------------------------------------------------------------------------------

_BOLD = QFont.Weight.DemiBold.value


def block_spans(block: QTextBlock) -> Spans:
    spans: list[Span] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            spans.append(Span(fragment.text().translate(_DROPPED), fmt.fontWeight() >= _BOLD,
                              fmt.fontItalic(), fmt.fontUnderline()))
        it += 1
    return normalize_spans(spans)


SpanReader = Callable[[QTextBlock], Spans]


def _read_block(block: QTextBlock, spans_of: SpanReader) -> Block:
    spans = spans_of(block)
    text_list = block_list(block)
    if text_list is not None:
        fmt = text_list.format()
        ordered = fmt.style() in ORDERED_STYLES
        return ListItem(ordered, max(1, fmt.indent()),
                        text_list.itemNumber(block) + fmt.start() if ordered else 1, spans)
    level = block.blockFormat().headingLevel()
    if level > 0:
        return Heading(min(level, MAX_HEADING), spans)
    return Paragraph(spans)


def _read_table(table: QTextTable, spans_of: SpanReader) -> Table:
    rows = []
    for r in range(table.rows()):
        cells = []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            block = cell.firstCursorPosition().block()
            last = cell.lastCursorPosition().block()
            lines = []
            while block.isValid():
                lines.append(spans_of(block))
                if block == last:
                    break
                block = block.next()
            cells.append(tuple(lines))
        rows.append(tuple(cells))
    return Table(tuple(rows))


def read_document(doc: QTextDocument, spans_of: SpanReader = block_spans) -> Document:
    """The model of what the editor shows."""
    blocks: list[Block] = []
    # the top-level tables, by position: asking each block for its frame costs more
    tables = sorted(((t.firstPosition(), t) for t in doc.rootFrame().childFrames()
                     if isinstance(t, QTextTable)), key=lambda pair: pair[0])
    block = doc.begin()
    while block.isValid():
        if tables and block.position() >= tables[0][0]:
            table = tables.pop(0)[1]
            blocks.append(_read_table(table, spans_of))
            block = doc.findBlock(table.lastPosition() + 1)
            continue
        blocks.append(_read_block(block, spans_of))
        block = block.next()
    return tuple(blocks) or (Paragraph(),)


class DocumentReader:
    """Reads a document's model again and again while it is edited, re-reading only the
    blocks changed since (a whole read of a 3000-word paper takes tens of milliseconds
    in Python, too long to repeat every second while the candidate types)."""

    def __init__(self, doc: QTextDocument) -> None:
        self.doc = doc
        self._spans: dict[int, tuple[str, Spans]] = {}  # block fragment index: text, spans
        doc.contentsChange.connect(self._changed)

    def _changed(self, position: int, _removed: int, added: int) -> None:
        block = self.doc.findBlock(position)
        end = position + added
        while block.isValid() and block.position() <= end:
            self._spans.pop(block.fragmentIndex(), None)
            block = block.next()

    def forget(self) -> None:
        """After the document was replaced with its signals blocked."""
        self._spans.clear()

    def _spans_of(self, block: QTextBlock) -> Spans:
        key, text = block.fragmentIndex(), block.text()
        known = self._spans.get(key)
        if known is not None and known[0] == text:  # the text check: never trust blindly
            return known[1]
        spans = block_spans(block)
        self._spans[key] = (text, spans)
        return spans

    def read(self) -> Document:
        return read_document(self.doc, self._spans_of)


# -- building ------------------------------------------------------------------------------

def block_format(heading: int = 0) -> QTextBlockFormat:
    """A paragraph's look in the editor: spacing below, so paragraphs read apart."""
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(8 if heading == 0 else 6)
    fmt.setTopMargin(0 if heading == 0 else 8)
    fmt.setHeadingLevel(heading)
    return fmt


def char_format(span: Span) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if span.bold else QFont.Weight.Normal)
    fmt.setFontItalic(span.italic)
    fmt.setFontUnderline(span.underline)
    return fmt


def _insert_spans(cursor: QTextCursor, spans: Spans) -> None:
    for span in spans:
        cursor.insertText(span.text, char_format(span))
    cursor.setCharFormat(QTextCharFormat())


def table_format() -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    return fmt


def list_format(ordered: bool, depth: int, start: int = 1) -> QTextListFormat:
    fmt = QTextListFormat()
    fmt.setStyle(QTextListFormat.Style.ListDecimal if ordered else
                 QTextListFormat.Style.ListDisc)
    fmt.setIndent(depth)
    fmt.setStart(start)
    return fmt


def load_document(doc: QTextDocument, model: Document) -> None:
    """Replace `doc`'s content with `model`, as one step that cannot be undone."""
    undo = doc.isUndoRedoEnabled()
    doc.setUndoRedoEnabled(False)
    doc.clear()
    cursor = QTextCursor(doc)
    fresh = True  # the cursor sits in an empty block the next block can use
    open_lists: dict[int, tuple[QTextList, bool, int]] = {}  # depth: list, ordered, next
    for block in model:
        if not fresh:
            cursor.insertBlock(block_format(), QTextCharFormat())
        fresh = False
        if not isinstance(block, ListItem):
            open_lists.clear()
        if isinstance(block, Table):
            _insert_table(cursor, block)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            fresh = True
            continue
        cursor.setBlockFormat(block_format(block.level if isinstance(block, Heading) else 0))
        if isinstance(block, ListItem):
            for depth in [d for d in open_lists if d > block.depth]:
                del open_lists[depth]
            current = open_lists.get(block.depth)
            if (current is not None and current[1] == block.ordered
                    and (not block.ordered or current[2] == block.number)):
                current[0].add(cursor.block())
                open_lists[block.depth] = (current[0], block.ordered, block.number + 1)
            else:
                made = cursor.createList(list_format(block.ordered, block.depth, block.number))
                open_lists[block.depth] = (made, block.ordered, block.number + 1)
        _insert_spans(cursor, block.spans)
    doc.setUndoRedoEnabled(undo)
    doc.setModified(False)


def _insert_table(cursor: QTextCursor, block: Table) -> None:
    rows = len(block.rows)
    cols = max((len(r) for r in block.rows), default=1)
    table = cursor.insertTable(max(rows, 1), max(cols, 1), table_format())
    for r, row in enumerate(block.rows):
        for c, lines in enumerate(row):
            cell_cursor = table.cellAt(r, c).firstCursorPosition()
            for n, spans in enumerate(lines):
                if n:
                    cell_cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
                _insert_spans(cell_cursor, spans)
