"""Text from users becomes clean English or is not used: one row per way it arrives."""

from __future__ import annotations

import pytest

from followup.policy import text

TOPICS = [
    # (as typed, what a draft may quote, or None: not quoted)
    ("the billing pipeline redesign", "the billing pipeline redesign"),
    ("The billing pipeline redesign.", "the billing pipeline redesign"),
    ("Kafka consumer lag!", "Kafka consumer lag"),
    ("- Kafka lag", "Kafka lag"),
    ("1. on-call rotation;", "on-call rotation"),
    ("<b>SQL window functions</b>", "SQL window functions"),
    ("**dbt** models &amp; tests", "dbt models & tests"),
    ("[the roadmap](https://example.com/roadmap)", "the roadmap"),
    ("data contracts 🚀✨", "data contracts"),
    ("the pipeline (v2)", "the pipeline (v2)"),
    ("we whiteboarded a dbt model for churn cohorts", "a dbt model for churn cohorts"),
    ("asked about the billing migration to Kafka", "the billing migration to Kafka"),
    ("They asked about the billing migration", "the billing migration"),
    ("We went over the roadmap.", "the roadmap"),
    ("asked how I would test the pipeline", "how I would test the pipeline"),
    ("discussion of observability", "observability"),
    ("distributed tracing", "distributed tracing"),
    # Not a topic: a question, a clause about themselves or the user, a worry, another language
    ("what is the on-call like?", None),
    ("We discussed", None),
    ("She was worried I have no Kubernetes experience", None),
    ("his worry about the on-call rotation", None),
    ("she asked how I'd test the ingestion", None),
    ("my lack of Kubernetes experience", None),
    ("concerns about my notice period", None),
    ("I have no Kubernetes experience", None),
    ("Sie war besorgt, dass ich keine Kubernetes-Erfahrung habe", None),
    ("die Migration und das Monitoring", None),
    ("ストリーム処理", None),
    ("the pipeline. Also the team structure", None),
    ("a very long note about everything we covered in the interview and much more", None),
    ("x" * 80, None),
    ("the", None),
    ("🚀", None),
    ("whether I am still in the running", None),
    ("https://example.com/article", None),
]


@pytest.mark.parametrize(("typed", "quoted"), TOPICS, ids=[t[:30] for t, _ in TOPICS])
def test_a_topic_is_a_clean_noun_phrase_or_nothing(typed: str, quoted: str | None) -> None:
    assert text.topic(typed) == quoted


def test_a_bulleted_entry_becomes_several_topics_without_repeats() -> None:
    """Found in a walkthrough: "our discussion of of - Kafka lag\n- on-call…"."""
    assert text.topics(("of - Kafka lag\n- on-call…", "On-call")) == ("on-call",)
    assert text.topics(("- Kafka lag\n- on-call…\n- Kafka lag", "On-call")) == (
        "Kafka lag",
        "on-call",
    )


def test_a_topic_naming_another_application_s_company_is_not_quoted() -> None:
    """001: "ensure you don't mix up details between companies"."""
    assert text.topics(("the Globex migration", "data quality"), ("Globex",)) == ("data quality",)


PHRASES = [
    ("five years of building streaming data pipelines", "five years of building streaming data"
     " pipelines"),
    ("I bring ten years of SQL.", "ten years of SQL"),
    ("I have a knack for untangling legacy ETL", "a knack for untangling legacy ETL"),
    ("my experience with Kafka", "my experience with Kafka"),
    ("I love their open-source work", "their open-source work"),
    ("because of the mission", "the mission"),
    ("because they build great tools", None),
    ("she says I am good at SQL", None),
    ("I am good at SQL", None),
    ("- SQL\n- Python", None),
    ("word " * 20, None),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "used"), PHRASES, ids=[t[:30] for t, _ in PHRASES])
def test_a_strength_or_motivation_is_one_clean_phrase(typed: str, used: str | None) -> None:
    assert text.phrase(typed) == used


VALUES = [
    (
        "An article on exactly-once delivery: https://example.com/eo",
        "An article on exactly-once delivery: https://example.com/eo",
    ),
    ("- a **sketch** of the backfill job.", "a sketch of the backfill job"),
    ("I found how she did it", None),
    ("- one\n- two", None),
    ("Ich habe einen Artikel gefunden", None),
    ("y" * 400, None),
]


@pytest.mark.parametrize(("typed", "used"), VALUES, ids=[t[:30] for t, _ in VALUES])
def test_something_of_value_is_one_clean_line(typed: str, used: str | None) -> None:
    assert text.value_add(typed) == used


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Dana Reyes", "Dana"),
        ("Dana", "Dana"),
        ("Dr. Dana Reyes", "Dr. Reyes"),
        ("Prof Reyes", "Prof Reyes"),
        ("Dana Reyes, PhD", "Dana"),
        ("María José García", "María"),
    ],
)
def test_first_name(name: str, greeting: str) -> None:
    assert text.first_name(name) == greeting


@pytest.mark.parametrize(
    ("typed", "used"),
    [("Dr. Reyes", "Dr. Reyes"), ("Dear Ms Okafor,", "Ms Okafor"), ("", None), (None, None)],
)
def test_salutation(typed: str | None, used: str | None) -> None:
    assert text.salutation(typed) == used


def test_join_phrases() -> None:
    assert text.join_phrases(()) == ""
    assert text.join_phrases(("a",)) == "a"
    assert text.join_phrases(("a", "b", "c")) == "a, b and c"
