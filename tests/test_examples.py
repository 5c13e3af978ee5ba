"""docs/drafts.md is what the engine writes today, and shows every kind of draft."""

from __future__ import annotations

from pathlib import Path

from followup.examples import STAGES, document, stage_actions

DOC = Path(__file__).parents[1] / "docs" / "drafts.md"


def test_the_committed_examples_match_the_engine() -> None:
    assert DOC.read_text(encoding="utf-8") == document(), "run `make docs` and commit the result"


def test_the_examples_show_every_draft_the_issue_names() -> None:
    keys = [a.key for stage in STAGES for a in stage_actions(stage)]
    assert keys == [
        "thank_you.i10.c1",  # the hiring manager
        "thank_you.i10.c2",  # the other interviewer
        "thank_you.i10.c3",  # the recruiter who arranged it
        "status_check.a1.n1.i10",
        "status_check.a1.n2.i10",
        "post_decision.a1.c1.rejected",
        "post_decision.a1.c1.hired",
        "post_decision.a1.c4.hired",
        "offer.a1",
    ]
    text = DOC.read_text(encoding="utf-8")
    assert "cut consumer lag by batching commits" in text  # the status check's finding
    assert "pager" not in text.split("## After the interview", 1)[1]  # a concern, never quoted
    assert "lost two people" not in text.split("## After the interview", 1)[1]  # private
