"""Test designs (blueprints) and each candidate's form drawn from one.

- `model`: the blueprint dataclasses and their dict form (inside packages);
- `read`: `read_blueprint` for the hand-written `blueprints/<exam>.toml`;
- `forms`: `check_blueprint` against a bank, `assemble_form` per candidate.
"""
