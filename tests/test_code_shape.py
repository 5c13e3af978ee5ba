"""The shape the codebase keeps: small functions (the migrations, generated, aside)."""

from __future__ import annotations

import ast
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[1] / "backend" / "followup"
MAX_LINES = 60


def test_no_function_is_longer_than_sixty_lines() -> None:
    long: list[str] = []
    for path in sorted(BACKEND.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_LINES:
                    long.append(f"{path.relative_to(BACKEND)}:{node.lineno} {node.name} {length}")
    assert not long, long
