"""Citations are verbatim guide text; the package imports no DB, web or network code."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import followup.policy
from followup.policy import CITATIONS

REPO = Path(__file__).parents[2]
GUIDES = Path(os.environ.get("FOLLOWUP_GUIDES_DIR") or REPO / ".." / "shared" / "guides")
# CI must check every quote; a developer without the guide texts may skip, and is told why.
GUIDES_REQUIRED = os.environ.get("CI", "").lower() in ("1", "true", "yes")
POLICY_DIR = Path(followup.policy.__file__).parent
FORBIDDEN = ("sqlalchemy", "fastapi", "httpx", "starlette", "psycopg", "pydantic")

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def test_normalise_handles_no_break_spaces_and_typographic_quotes() -> None:
    assert normalise("don’t\u00a0 ask  “this”\n") == 'don\'t ask "this"'


def guides_dir() -> Path:
    """The guide texts; their absence fails under CI and skips (saying why) elsewhere."""
    if not GUIDES.is_dir():
        reason = f"guide texts not found at {GUIDES} (set FOLLOWUP_GUIDES_DIR)"
        if GUIDES_REQUIRED:
            pytest.fail(f"CI=true requires the guides: {reason}")
        pytest.skip(reason)
    return GUIDES


@pytest.mark.parametrize(
    ("entry", "guide", "quote"),
    [(entry, s.guide, s.quote) for entry, found in CITATIONS.items() for s in found],
)
def test_every_quote_is_verbatim(entry: str, guide: str, quote: str) -> None:
    path = guides_dir() / guide
    assert path.is_file(), f"{entry}: no guide {guide}"
    assert len(quote) >= 20, f"{entry}: quote shorter than 20 characters"
    assert normalise(quote) in normalise(path.read_text(encoding="utf-8")), (
        f"{entry}: not verbatim in {guide}: {quote!r}"
    )


def test_every_rule_has_citations() -> None:
    for rule in (
        "prepare_questions",
        "write_notes",
        "collect_contact",
        "send_thank_you",
        "send_status_check",
        "move_on",
        "send_post_decision_thanks.hired",
        "send_post_decision_thanks.rejected",
    ):
        assert CITATIONS[rule], rule


def test_importing_policy_loads_no_db_web_or_network_library() -> None:
    """Every pure module lives in followup.policy: the engine, the message check, the insights."""
    code = (
        "import importlib, pkgutil, sys, followup.policy\n"
        "for m in pkgutil.iter_modules(followup.policy.__path__, 'followup.policy.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('\\n'.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert "followup" in loaded
    assert not loaded & set(FORBIDDEN), sorted(loaded & set(FORBIDDEN))


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _imports_outside_policy(path: Path) -> set[str]:
    """Absolute imports of the rest of the app: the pure package must not point out of itself."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        names.update(
            m for m in modules if m.startswith("followup") and not m.startswith("followup.policy")
        )
    return names


@pytest.mark.parametrize("path", sorted(POLICY_DIR.glob("*.py")), ids=lambda p: p.name)
def test_policy_sources_import_nothing_forbidden_and_read_no_clock(path: Path) -> None:
    assert not _imported_modules(path) & set(FORBIDDEN)
    assert not _imports_outside_policy(path)
    source = path.read_text(encoding="utf-8")
    for clock in ("datetime.now(", "date.today(", ".utcnow(", "time.time(", "perf_counter("):
        assert clock not in source, f"{path.name} reads the clock via {clock}"


@pytest.mark.parametrize(("ci", "outcome"), [("true", "failed"), ("", "skipped")])
def test_missing_guides_fail_under_ci_and_skip_elsewhere(ci: str, outcome: str) -> None:
    quotes = sum(len(found) for found in CITATIONS.values())
    run = subprocess.run(
        [sys.executable, "-m", "pytest", __file__, "-q", "-rs", "-p", "no:cacheprovider"]
        + ["-k", "test_every_quote_is_verbatim"],
        env={**os.environ, "CI": ci, "FOLLOWUP_GUIDES_DIR": "/nonexistent/guides"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert f"{quotes} {outcome}" in run.stdout, run.stdout
    assert "/nonexistent/guides" in run.stdout


def test_every_whole_sentence_is_verbatim_and_holds_its_quote() -> None:
    """The sentences shown around a quote come from the guide it cites, word for word."""
    from followup.policy.guides import SENTENCES, TITLES
    from followup.policy.message_check import CHECK_CITATIONS

    cited = {s.quote: s.guide for found in CITATIONS.values() for s in found} | {
        s.quote: s.guide for found in CHECK_CITATIONS.values() for s in found
    }
    for quote, sentence in SENTENCES.items():
        assert quote in cited, f"not a quote the policy cites: {quote!r}"
        assert normalise(quote) in normalise(sentence)
        text = normalise((guides_dir() / cited[quote]).read_text(encoding="utf-8"))
        assert normalise(sentence) in text, f"not verbatim in {cited[quote]}: {sentence!r}"
    assert set(TITLES) == set(cited.values())
