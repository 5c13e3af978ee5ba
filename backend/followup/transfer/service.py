"""Export the user's data and import it into the current account, all or nothing, in bulk."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from pydantic import BaseModel, ValidationError
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from followup.applications.schemas import ApplicationIn, ApplicationOut
from followup.applications.service import decision_date, offer_date, require_sane_values
from followup.contacts.schemas import ContactOut
from followup.db import transaction
from followup.errors import BadRequest, Invalid
from followup.interviews.schemas import InterviewerOut, InterviewIn, InterviewOut
from followup.interviews.service import next_round
from followup.models import (
    ActionInput,
    ActionState,
    Application,
    Contact,
    Interview,
    Interviewer,
    Touchpoint,
    User,
)
from followup.policy import iso_utc, keys
from followup.policy.vocabulary import DEFAULT_INTERVIEW_LENGTH, default_direction
from followup.repository import Repo
from followup.touchpoints.schemas import TouchpointOut
from followup.transfer import spreadsheet
from followup.transfer.schemas import (
    ActionInputDoc,
    ActionStateDoc,
    ExportIn,
    ImportOut,
    SettingsOut,
)

#: Rows are read and written this many at a time, so an export of any size streams in
#: small steps (each one a short turn in a worker thread) and memory stays flat.
CHUNK = 200
_SECTIONS: tuple[tuple[str, Any, type[BaseModel]], ...] = (
    ("applications", Application, ApplicationOut),
    ("contacts", Contact, ContactOut),
    ("interviews", Interview, InterviewOut),
    ("touchpoints", Touchpoint, TouchpointOut),
    ("action_states", ActionState, ActionStateDoc),
    ("action_inputs", ActionInput, ActionInputDoc),
)


def export_document(
    factory: sessionmaker[Session], *, user_id: int, now: datetime
) -> Iterator[bytes]:
    """Everything the user has, linked by the current ids, as the JSON of ExportOut.

    It reads in a transaction of its own, one snapshot of the data for the whole stream.
    """
    with transaction(factory) as session:
        if session.get_bind().dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        repo = Repo(session=session, user_id=user_id)
        settings = SettingsOut.model_validate(session.get_one(User, user_id))
        yield (
            b'{"format":"followup.export","version":1,"exported_at":'
            + orjson.dumps(iso_utc(now))
            + b',"settings":'
            + settings.model_dump_json().encode()
        )
        for name, model, schema in _SECTIONS:
            yield b',"' + name.encode() + b'":['
            separator = b""
            for rows in _chunks(repo, model, schema.model_fields):
                yield separator + b",".join(orjson.dumps(r, option=orjson.OPT_UTC_Z) for r in rows)
                separator = b","
            yield b"]"
        yield b"}"


def _chunks(repo: Repo, model: Any, fields: Iterable[str]) -> Iterator[list[dict[str, Any]]]:
    """The user's rows of a model in id order, CHUNK at a time, as dicts of these columns."""
    columns = [model.__table__.c[name] for name in fields if name in model.__table__.c]
    after = 0
    while True:
        found = repo.session.execute(
            repo.select(model)
            .with_only_columns(model.id.label("_position"), *columns)
            .where(model.id > after)
            .order_by(model.id)
            .limit(CHUNK)
        ).mappings()
        rows = [dict(row) for row in found]
        if not rows:
            return
        after = rows[-1]["_position"]
        for row in rows:
            del row["_position"]  # the export's own shape has no id for some rows (action states)
        if model is Interview:
            _attach_interviewers(repo, rows)
        yield rows


def _attach_interviewers(repo: Repo, interviews: list[dict[str, Any]]) -> None:
    fields = [name for name in InterviewerOut.model_fields if name in Interviewer.__table__.c]
    people: dict[int, list[dict[str, Any]]] = {row["id"]: [] for row in interviews}
    for person in repo.session.execute(
        select(Interviewer.interview_id, *(Interviewer.__table__.c[f] for f in fields))
        .where(Interviewer.interview_id.in_(people))
        .order_by(Interviewer.interview_id, Interviewer.position)
    ).mappings():
        entry = {name: person[name] for name in fields}
        if "topics" in entry and entry["topics"] is None:
            entry["topics"] = []  # a person recorded before topics existed
        people[person["interview_id"]].append(entry)
    for interview in interviews:
        interview["interviewers"] = people[interview["id"]]


def export_csv(factory: sessionmaker[Session], *, user_id: int) -> Iterator[bytes]:
    """The applications as a spreadsheet, streamed as the JSON export is."""
    with transaction(factory) as session:
        repo = Repo(session=session, user_id=user_id)
        columns = spreadsheet.EXPORT_COLUMNS
        chunks = (
            [[spreadsheet.cell(row[name]) for name in columns] for row in rows]
            for rows in _chunks(repo, Application, columns)
        )
        yield from spreadsheet.write(chunks)


def import_csv(repo: Repo, *, body: bytes, today: date, now: datetime) -> ImportOut:
    """Applications from a spreadsheet; any bad row refuses the whole file."""
    applications = spreadsheet.read(body, today=today)
    rows = [_application_row(a, today=today, now=now) for a in applications]
    repo.insert_many(Application, rows)
    return ImportOut(applications=len(rows))


def _application_row(data: ApplicationIn, *, today: date, now: datetime) -> dict[str, Any]:
    row = data.model_dump()
    row["decided_on"] = decision_date(row["status"], row["decided_on"], today=today)
    row["offered_on"] = offer_date(row["status"], row["offered_on"], today=today)
    row["created_at"] = row["updated_at"] = now
    return row


def parse_document(body: bytes) -> ExportIn:
    try:
        return ExportIn.model_validate_json(body)
    except ValidationError as exc:
        errors = []
        for error in exc.errors():
            if error["type"] == "json_invalid":
                raise BadRequest("The file is not valid JSON.") from exc
            loc = list(error["loc"])
            row = loc[1] + 1 if len(loc) > 1 and isinstance(loc[1], int) else None
            field = ".".join(str(p) for p in loc if not isinstance(p, int)) or None
            errors.append({"row": row, "field": field, "msg": error["msg"], "loc": loc})
        raise Invalid("Nothing was imported: the file has errors.", errors=errors) from exc


def import_document(repo: Repo, user: User, *, doc: ExportIn, now: datetime) -> ImportOut:
    """A JSON export restored into this account: new ids, the same links, the same settings."""
    _check_links(doc)
    timezone = doc.settings.timezone if doc.settings is not None else user.timezone
    _check_values(doc, today=now.astimezone(ZoneInfo(timezone)).date())
    if doc.settings is not None:
        for name, value in doc.settings.model_dump().items():
            setattr(user, name, value)
        repo.session.flush()
    rows = _Rows(repo, {"created_at": now, "updated_at": now})
    # Decision dates are taken as the file has them, so the next actions come out the same.
    # When an application or interview was entered stays as the file has it: the engine counts
    # from it (an interview entered after the fact asks for no notes and gets a late thank-you).
    apps = rows.insert(Application, doc.applications, lambda a: {"created_at": a.created_at or now})
    contacts = rows.insert(
        Contact, doc.contacts, lambda c: {"application_id": apps[c.application_id]}
    )
    interviews = rows.insert(Interview, doc.interviews, _interview_links(apps, contacts, now))
    _insert_interviewers(repo, doc, interviews, contacts)
    touchpoints = rows.insert(
        Touchpoint,
        doc.touchpoints,
        lambda t: {
            "application_id": apps[t.application_id],
            "contact_id": contacts.get(t.contact_id or 0),
            "interview_id": interviews.get(t.interview_id or 0),
            "direction": t.direction or default_direction(t.kind),
        },
    )
    maps = {"a": apps, "c": contacts, "i": interviews, "r": touchpoints}
    states = _action_state_rows(doc, maps, rows.stamps)
    repo.insert_many(ActionState, states)
    inputs = _action_input_rows(doc, maps, rows.stamps)
    repo.insert_many(ActionInput, inputs)
    return ImportOut(
        applications=len(apps),
        contacts=len(contacts),
        interviews=len(interviews),
        touchpoints=len(touchpoints),
        action_states=len(states),
        skipped_action_states=len(doc.action_states) - len(states),
        action_inputs=len(inputs),
        ids={
            "applications": _as_json(apps),
            "contacts": _as_json(contacts),
            "interviews": _as_json(interviews),
            "touchpoints": _as_json(touchpoints),
        },
    )


@dataclass(frozen=True, slots=True)
class _Rows:
    """Bulk inserts of one section of the file, answering the map from its ids to the new ones."""

    repo: Repo
    stamps: dict[str, datetime]

    def insert(
        self, model: Any, docs: Sequence[Any], links: Callable[[Any], dict[str, Any]]
    ) -> dict[int, int]:
        rows = [
            {**doc.model_dump(exclude=_NOT_COPIED), **self.stamps, **links(doc)} for doc in docs
        ]
        new_ids = self.repo.insert_many(model, rows, returning_ids=True)
        return {doc.id: new for doc, new in zip(docs, new_ids, strict=True)}


# Ids are new, timestamps are the import's (unless a section's links keep the file's), and the
# interviewers go to their own table.
_NOT_COPIED = frozenset({"id", "created_at", "updated_at", "interviewers"})


def _interview_links(
    apps: dict[int, int], contacts: dict[int, int], now: datetime
) -> Callable[[InterviewIn], dict[str, Any]]:
    """The new links of each interview, with the defaults the interviews service applies."""
    latest_round: Counter[int] = Counter()

    def links(interview: InterviewIn) -> dict[str, Any]:
        app = interview.application_id
        round_ = interview.round or next_round(latest_round[app])
        latest_round[app] = max(latest_round[app], round_)
        return {
            "application_id": apps[app],
            "arranged_by_id": contacts.get(interview.arranged_by_id or 0),
            "ends_at": interview.ends_at or interview.starts_at + DEFAULT_INTERVIEW_LENGTH,
            "round": round_,
            "created_at": getattr(interview, "created_at", None) or now,
        }

    return links


def _insert_interviewers(
    repo: Repo, doc: ExportIn, interviews: dict[int, int], contacts: dict[int, int]
) -> None:
    people = [
        {
            "interview_id": interviews[i.id],
            "contact_id": contacts[p.contact_id],
            "position": position,
            "notes": p.notes,
            "topics": p.topics,
            "concerns": p.concerns,
        }
        for i in doc.interviews
        for position, p in enumerate(i.interviewers)
    ]
    if people:
        repo.session.execute(insert(Interviewer), people)


def _action_state_rows(
    doc: ExportIn, maps: dict[str, dict[int, int]], stamps: dict[str, datetime]
) -> list[dict[str, Any]]:
    """The file's action states under their new keys; those naming rows not in it are dropped."""
    states = []
    seen: set[str] = set()
    for s in doc.action_states:
        key = keys.remap(s.key, maps)
        if key is None or key in seen:
            continue  # it names rows the file does not hold: no action can have this key
        seen.add(key)
        states.append(
            {
                **s.model_dump(exclude={"key", "application_id", "touchpoint_id"}),
                "key": key,
                "application_id": maps["a"][s.application_id],
                "touchpoint_id": maps["r"].get(s.touchpoint_id or 0),
                **stamps,
            }
        )
    return states


def _action_input_rows(
    doc: ExportIn, maps: dict[str, dict[int, int]], stamps: dict[str, datetime]
) -> list[dict[str, Any]]:
    """What the user gave for next actions, under the new keys; as for states, those naming
    rows the file does not hold are dropped."""
    rows: dict[str, dict[str, Any]] = {}
    for given in doc.action_inputs:
        key = keys.remap(given.key, maps)
        if key is not None and given.application_id in maps["a"]:
            rows[key] = {
                "key": key,
                "application_id": maps["a"][given.application_id],
                "value_add": given.value_add,
                **stamps,
            }
    return list(rows.values())


def _as_json(mapping: dict[int, int]) -> dict[str, int]:
    return {str(old): new for old, new in mapping.items()}


def _check_values(doc: ExportIn, *, today: date) -> None:
    """The rules a typed-in application keeps (no year 2030, no decision before applying)."""
    errors: list[dict[str, Any]] = []
    for index, application in enumerate(doc.applications):
        try:
            require_sane_values(application, today=today, given=application.model_fields_set)
        except Invalid as refused:
            for error in refused.errors or ():
                field = error["loc"][-1]
                errors.append(
                    {
                        "row": index + 1,
                        "field": f"applications.{field}",
                        "msg": error["msg"],
                        "loc": ["applications", index, field],
                    }
                )
    if errors:
        raise Invalid("Nothing was imported: some values cannot be right.", errors=errors)


def _check_links(doc: ExportIn) -> None:
    """Every id a row refers to must be in the file, in the same application."""
    errors: list[dict[str, Any]] = []

    def bad(section: str, index: int, field: str, msg: str) -> None:
        errors.append(
            {
                "row": index + 1,
                "field": f"{section}.{field}",
                "msg": msg,
                "loc": [section, index, field],
            }
        )

    def unique(section: str, items: Any) -> set[int]:
        ids: set[int] = set()
        for index, item in enumerate(items):
            if item.id in ids:
                bad(section, index, "id", "listed twice")
            ids.add(item.id)
        return ids

    apps = unique("applications", doc.applications)
    contact_app = {c.id: c.application_id for c in doc.contacts}
    interview_app = {i.id: i.application_id for i in doc.interviews}
    for section in ("contacts", "interviews", "touchpoints"):
        unique(section, getattr(doc, section))
    missing = "not an application in the file"
    elsewhere = "not part of the same application in the file"
    for index, c in enumerate(doc.contacts):
        if c.application_id not in apps:
            bad("contacts", index, "application_id", missing)
    for index, i in enumerate(doc.interviews):
        if i.application_id not in apps:
            bad("interviews", index, "application_id", missing)
        if i.arranged_by_id is not None and contact_app.get(i.arranged_by_id) != i.application_id:
            bad("interviews", index, "arranged_by_id", elsewhere)
        listed: set[int] = set()
        for person in i.interviewers:
            if contact_app.get(person.contact_id) != i.application_id:
                bad("interviews", index, "interviewers", elsewhere)
            elif person.contact_id in listed:
                bad("interviews", index, "interviewers", "a contact listed twice")
            listed.add(person.contact_id)
    for index, t in enumerate(doc.touchpoints):
        if t.application_id not in apps:
            bad("touchpoints", index, "application_id", missing)
        if t.contact_id is not None and contact_app.get(t.contact_id) != t.application_id:
            bad("touchpoints", index, "contact_id", elsewhere)
        if t.interview_id is not None and interview_app.get(t.interview_id) != t.application_id:
            bad("touchpoints", index, "interview_id", elsewhere)
    for index, s in enumerate(doc.action_states):
        if s.application_id not in apps:
            bad("action_states", index, "application_id", missing)
    if errors:
        raise Invalid(
            "Nothing was imported: some rows refer to rows the file does not hold.", errors=errors
        )
