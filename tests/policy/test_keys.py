"""Action keys: built in one place, and every id in them can be remapped (export/import)."""

from __future__ import annotations

from followup.policy import calendar_for, evaluate_all, keys

from .factories import CHECKS_TWO, app, facts, utc


def test_builders() -> None:
    assert keys.prepare(12) == "prepare.i12"
    assert keys.notes(12) == "notes.i12"
    assert keys.thank_you(12, 7) == "thank_you.i12.c7"
    assert keys.status_check(4, 2, keys.interview_anchor(12)) == "status_check.a4.n2.i12"
    assert keys.status_check(4, 1, keys.reply_anchor(30)) == "status_check.a4.n1.r30"
    assert keys.status_check(4, 1, keys.APPLIED_ANCHOR) == "status_check.a4.n1.applied"
    assert keys.move_on(4, "i12") == "move_on.a4.i12"
    assert keys.post_decision(4, 7, "hired") == "post_decision.a4.c7.hired"
    assert keys.collect_contact(7, "email") == "contact.c7.email"
    assert keys.answer_offer(4) == "offer.a4"


def test_remap_replaces_every_id_and_refuses_unknown_ones() -> None:
    ids = {"a": {4: 40}, "c": {7: 70}, "i": {12: 120}, "r": {30: 300}}
    assert keys.remap("thank_you.i12.c7", ids) == "thank_you.i120.c70"
    assert keys.remap("status_check.a4.n2.r30", ids) == "status_check.a40.n2.r300"
    assert keys.remap("post_decision.a4.c7.rejected", ids) == "post_decision.a40.c70.rejected"
    assert keys.remap("status_check.a4.n1.applied", ids) == "status_check.a40.n1.applied"
    assert keys.remap("contact.c7.email", ids) == "contact.c70.email"
    assert keys.remap("thank_you.i12.c8", ids) is None  # names a row the file does not hold


def test_every_key_the_engine_makes_survives_a_remap() -> None:
    cal = calendar_for("America/New_York", "US")
    actions = evaluate_all(
        facts(app(touchpoints=CHECKS_TWO)), now=utc(2026, 12, 8, 15), calendar=cal
    )
    shifted = {prefix: {n: n + 1000 for n in range(1000)} for prefix in keys.ID_PREFIXES}
    back = {prefix: {n + 1000: n for n in range(1000)} for prefix in keys.ID_PREFIXES}
    for action in actions:
        moved = keys.remap(action.key, shifted)
        assert moved is not None
        assert moved != action.key
        assert keys.remap(moved, back) == action.key
