"""What lupdate sees: the `self.tr("literal")` calls in a folder of Qt screens, so each
app's translation test checks the shipped .qm against the code with one reader."""

from __future__ import annotations

import ast
from pathlib import Path


def tr_calls(folder: Path) -> set[tuple[str, str, str]]:
    """(class name, source, disambiguation or "") for every tr("literal") in the
    folder's modules (not its subfolders)."""
    found: set[tuple[str, str, str]] = set()
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
                func, args = call.func, call.args
                if (isinstance(func, ast.Attribute) and func.attr == "tr" and args
                        and isinstance(args[0], ast.Constant)):
                    extra = args[1].value if len(args) > 1 and isinstance(
                        args[1], ast.Constant) else ""
                    found.add((cls.name, args[0].value, extra or ""))
    return found


def tr_strings(folder: Path) -> set[tuple[str, str]]:
    """(class name, source) for every tr("literal") in the folder."""
    return {(cls, source) for cls, source, _ in tr_calls(folder)}
