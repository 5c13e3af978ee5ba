"""The pure insight computation on hand-built rows: edges of the answer window and buckets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from followup.policy.insights import (
    ActionRow,
    ApplicationRow,
    Insights,
    InterviewRow,
    MessageRow,
    Period,
    compute,
)

NOW = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
APP = ApplicationRow(1, "Acme", "Engineer", "interviewing", date(2026, 3, 1), None, T0)


def out(at: datetime, kind: str = "status_check") -> MessageRow:
    return MessageRow(1, None, kind, "email", "outbound", at)


def reply(at: datetime) -> MessageRow:
    return MessageRow(1, None, "reply", "email", "inbound", at)


def run(
    messages: list[MessageRow],
    interviews: list[InterviewRow] | None = None,
    actions: list[ActionRow] | None = None,
) -> Insights:
    return compute(
        period=Period(None, None, "UTC", NOW),
        applications=[APP],
        interviews=interviews or [],
        messages=messages,
        actions=actions or [],
    )


def test_one_reply_answers_every_message_in_the_window_before_it() -> None:
    messages = [out(T0), out(T0 + timedelta(days=3)), reply(T0 + timedelta(days=14))]
    assert run(messages).response_rates.overall.answered == 2


def test_a_reply_one_second_past_fourteen_days_answers_nothing() -> None:
    messages = [out(T0), reply(T0 + timedelta(days=14, seconds=1))]
    overall = run(messages).response_rates.overall
    assert (overall.answered, overall.sent, overall.rate) == (0, 1, 0.0)


def test_a_reply_before_the_message_does_not_answer_it() -> None:
    overall = run([reply(T0), out(T0)]).response_rates.overall
    assert overall.answered == 0


def test_delay_buckets_count_local_calendar_days() -> None:
    interview = InterviewRow(7, 1, T0, T0 + timedelta(hours=1))
    sent = [out(T0 + timedelta(days=d), "thank_you") for d in (0, 1, 3, 4, 14, 15)]
    result = run(sent, interviews=[interview])
    by_delay = result.response_rates.by_delay
    assert [(b.bucket, b.sent) for b in by_delay] == [
        ("same_day", 1),
        ("1_day", 1),
        ("2_3_days", 1),
        ("4_7_days", 1),
        ("8_14_days", 1),
        ("later", 1),
    ]


def test_follow_ups_on_time_late_and_not_at_all() -> None:
    due = T0
    actions = [
        ActionRow("send_thank_you", "done", due, due - timedelta(hours=1)),
        ActionRow("send_thank_you", "done", due, due + timedelta(hours=1)),
        ActionRow("send_thank_you", "dismissed", due, due),
        ActionRow("send_status_check", "overdue", due),
    ]
    rows = run([], actions=actions).follow_ups
    assert [(r.kind, r.on_time, r.late, r.not_at_all) for r in rows] == [
        ("send_status_check", 0, 0, 1),
        ("send_thank_you", 1, 1, 1),
    ]


def test_messages_logged_ahead_of_now_have_not_happened() -> None:
    overall = run([out(NOW + timedelta(days=1))]).response_rates.overall
    assert overall.sent == 0


def test_a_record_created_after_the_fact_does_not_restart_the_wait() -> None:
    """Entered today without applied_on, for an interview and a message weeks ago."""
    backfilled = ApplicationRow(2, "Globex", "Analyst", "interviewing", None, None, NOW)
    interview = InterviewRow(9, 2, T0 - timedelta(hours=1), T0)
    result = compute(
        period=Period(None, None, "UTC", NOW),
        applications=[backfilled],
        interviews=[interview],
        messages=[MessageRow(2, None, "thank_you", "email", "outbound", T0 + timedelta(days=1))],
        actions=[],
    )
    (waiting,) = result.pipeline.items
    assert waiting.waiting_since == date(2026, 3, 3)
    assert waiting.days_waiting == 29
