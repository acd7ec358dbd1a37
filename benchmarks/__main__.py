"""`python -m benchmarks` lists the benchmarks; `python -m benchmarks NAME` runs one."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys

import benchmarks


def available() -> dict[str, str]:
    found = {}
    for mod in pkgutil.iter_modules(benchmarks.__path__):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"benchmarks.{mod.name}")
        if hasattr(module, "run"):
            found[mod.name] = getattr(module, "DESCRIPTION", "")
    return found


def main(argv: list[str]) -> int:
    names = available()
    if not argv:
        for name, description in sorted(names.items()):
            print(f"{name:<20} {description}")
        return 0
    name = argv[0]
    if name not in names:
        print(f"unknown benchmark {name!r}; available: {', '.join(sorted(names))}",
              file=sys.stderr)
        return 2
    report = importlib.import_module(f"benchmarks.{name}").run()
    print(json.dumps(report.to_dict(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
