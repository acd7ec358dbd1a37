"""Finds an exception's own text put into a screen's words: inside an `except … as exc`
block, or a function taking an exception, an `f"…{exc}"`, `str(exc)`, `repr(exc)` or
`"…".format(error=exc)`. The log, a tooltip and `show_failure` (which words the failure and
keeps the detail for the technician) may have it; a label's text may not."""

from __future__ import annotations

import ast
from pathlib import Path

# Calls whose arguments may carry the system's text: they do not reach the main text.
ALLOWED = {"debug", "info", "warning", "error", "exception", "critical", "log",
           "setToolTip", "setAccessibleDescription", "show_failure", "detail", "tip"}
NOT_ON_SCREEN = "# not on screen"
EXCEPTION_TYPES = ("Exception", "Error", "BaseException", "Refused", "Fault")


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


# An exception's attributes that hold its system text (a refusal's data, such as the PC
# it names, is not system text).
TEXT_ATTRIBUTES = {"args", "message", "strerror", "reason", "verify_message", "en"}


def _is(node: ast.AST, names: set[str]) -> bool:
    """`node` is one of the exception names, or its text (`exc.args`, `exc.strerror`)."""
    if isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Attribute) and node.attr in TEXT_ATTRIBUTES:
        node = node.value
    return isinstance(node, ast.Name) and node.id in names


def _leaks(body: list[ast.stmt], names: set[str]) -> list[tuple[int, int, int]]:
    """(line of the leak, first and last line of the statement holding it)."""
    found: list[tuple[int, int, int]] = []

    def visit(node: ast.AST, statement: ast.stmt) -> None:
        if isinstance(node, ast.stmt):
            statement = node
        if isinstance(node, ast.Call) and _name(node.func) in ALLOWED:
            return  # the log or the technician's detail: allowed
        if isinstance(node, ast.Compare):
            return  # looking into the text ("key" in str(exc)) shows nothing
        where = (getattr(node, "lineno", 0), statement.lineno,
                 statement.end_lineno or statement.lineno)
        if isinstance(node, ast.FormattedValue) and _is(node.value, names):
            found.append(where)
        if isinstance(node, ast.Call):
            args = [*node.args, *(k.value for k in node.keywords)]
            if _name(node.func) in ("str", "repr") and any(_is(a, names) for a in args):
                found.append(where)
            if _name(node.func) == "format" and any(_is(a, names) for a in args):
                found.append(where)
        for child in ast.iter_child_nodes(node):
            visit(child, statement)

    for statement in body:
        visit(statement, statement)
    return found


def exception_text_leaks(source: str, where: str = "<source>") -> list[str]:
    """`where:line` of every place an exception's text is put into words, unless the
    statement holding it says `# not on screen` (the technician's shell or English line)."""
    tree = ast.parse(source)
    found: list[tuple[int, int, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.name:
            found += _leaks(node.body, {node.name})
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names = {a.arg for a in (*node.args.args, *node.args.kwonlyargs)
                     if a.annotation is not None
                     and ast.unparse(a.annotation).endswith(EXCEPTION_TYPES)}
            if names:
                found += _leaks(node.body, names)
    lines = source.splitlines()
    return [f"{where}:{line}" for line in sorted({line for line, first, last in found
                                                  if not any(NOT_ON_SCREEN in text for text in
                                                             lines[first - 1:last])})]


def leaks_in(paths: list[Path]) -> list[str]:
    return [leak for path in paths
            for leak in exception_text_leaks(path.read_text("utf-8"), str(path))]
