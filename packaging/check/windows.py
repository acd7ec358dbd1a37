"""What can be checked of the Windows files on Linux (part of `make package-check`):
the PowerShell scripts parse (tree-sitter's PowerShell grammar, from PyPI: PowerShell
itself comes only from Microsoft's repository), and shell-launcher.xml validates against
Microsoft's Shell Launcher XSD when UJIKOM_SHELL_LAUNCHER_XSD names a copy of it (the
project does not ship Microsoft's schema), else against the structural rules in
tests/packaging/test_windows.py. Nothing here runs anything on Windows.

    python packaging/check/windows.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "packaging" / "windows"


def parse_errors(path: Path) -> list[str]:
    import tree_sitter_powershell
    from tree_sitter import Language, Parser

    parser = Parser(Language(tree_sitter_powershell.language()))
    tree = parser.parse(path.read_bytes())
    errors: list[str] = []

    def walk(node: object) -> None:
        if node.type == "ERROR" or node.is_missing:  # type: ignore[attr-defined]
            row, col = node.start_point  # type: ignore[attr-defined]
            errors.append(f"{path}:{row + 1}:{col + 1}: cannot parse here")
        for child in node.children:  # type: ignore[attr-defined]
            walk(child)

    walk(tree.root_node)
    return errors


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from shell_launcher_rules import filled_xml

    problems: list[str] = []
    for script in sorted(WINDOWS.glob("*.ps1")):
        problems += parse_errors(script)
    xsd = os.environ.get("UJIKOM_SHELL_LAUNCHER_XSD")
    if xsd:
        from lxml import etree

        schema = etree.XMLSchema(etree.parse(xsd))
        if not schema.validate(etree.fromstring(filled_xml())):
            problems += [f"shell-launcher.xml: {e}" for e in schema.error_log]
        print(f"shell-launcher.xml validated against {xsd}")
    else:
        from shell_launcher_rules import shell_launcher_problems

        problems += shell_launcher_problems(filled_xml())
        print("shell-launcher.xml checked against the XSD's rules "
              "(set UJIKOM_SHELL_LAUNCHER_XSD to validate against Microsoft's file)")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"windows: {len(list(WINDOWS.glob('*.ps1')))} PowerShell scripts parsed, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
