"""The versioned export document (read back by import) and the import report."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from followup.accounts.schemas import Country, Timezone
from followup.applications.schemas import ApplicationIn, ApplicationOut
from followup.contacts.schemas import ContactIn, ContactOut
from followup.interviews.schemas import InterviewIn, InterviewOut
from followup.policy.vocabulary import (
    ActionStateName,
    ApplicationStatus,
    PolicyProfile,
    TouchpointSource,
)
from followup.schemas import ClientDatetime, Id, Input, LongText, Name, UtcDatetime
from followup.touchpoints.schemas import TouchpointIn, TouchpointOut

FORMAT: Final = "followup.export"
VERSION: Final = 1

ActionKey = Annotated[str, Field(max_length=120, pattern=r"^[A-Za-z0-9._-]+$")]


class SettingsOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str | None
    timezone: str
    country: str | None
    policy_profile: PolicyProfile
    signature: str | None


class ActionStateDoc(BaseModel):
    """What the user did with a next action (done, snoozed, dismissed)."""

    model_config = ConfigDict(from_attributes=True)

    key: str
    kind: str
    application_id: int
    state: ActionStateName
    until: UtcDatetime | None
    due_at: UtcDatetime
    acted_at: UtcDatetime
    touchpoint_id: int | None
    replaced_status: ApplicationStatus | None


class ActionInputDoc(BaseModel):
    """What the user gave for a next action's draft (a status check's finding)."""

    model_config = ConfigDict(from_attributes=True)

    key: str
    application_id: int
    value_add: str | None


class ExportOut(BaseModel):
    """The user's whole data. Ids link the sections; import gives every row a new id."""

    format: Literal["followup.export"] = FORMAT
    version: Literal[1] = VERSION
    exported_at: UtcDatetime
    settings: SettingsOut
    applications: list[ApplicationOut]
    contacts: list[ContactOut]
    interviews: list[InterviewOut]
    touchpoints: list[TouchpointOut]
    action_states: list[ActionStateDoc]
    action_inputs: list[ActionInputDoc] = []


class _Exported(Input):
    id: Id
    # Kept for applications and interviews (when they were entered matters to the engine);
    # other rows are stamped anew.
    created_at: ClientDatetime | None = None
    updated_at: ClientDatetime | None = None


class ApplicationDoc(ApplicationIn, _Exported):
    pass


class ContactDoc(ContactIn, _Exported):
    pass


class InterviewDoc(InterviewIn, _Exported):
    pass


class TouchpointDoc(TouchpointIn, _Exported):
    source: TouchpointSource = Field(default="manual", description="`mail`: logged from mail.")


class SettingsIn(Input):
    name: Name | None = None
    timezone: Timezone = "UTC"
    country: Country | None = None
    policy_profile: PolicyProfile = "balanced"
    signature: LongText | None = None


class ActionStateIn(Input):
    key: ActionKey
    kind: Annotated[str, Field(max_length=40, pattern=r"^[a-z_]+$")]
    application_id: Id
    state: ActionStateName
    until: ClientDatetime | None = None
    due_at: ClientDatetime
    acted_at: ClientDatetime
    touchpoint_id: Id | None = None
    replaced_status: ApplicationStatus | None = None


class ActionInputIn(Input):
    key: ActionKey
    application_id: Id
    value_add: LongText | None = None


class ExportIn(Input):
    """An export document as import reads it (the same shape as ExportOut)."""

    format: Literal["followup.export"]
    version: Literal[1]
    exported_at: ClientDatetime | None = None
    settings: SettingsIn | None = None
    applications: list[ApplicationDoc] = []
    contacts: list[ContactDoc] = []
    interviews: list[InterviewDoc] = []
    touchpoints: list[TouchpointDoc] = []
    action_states: list[ActionStateIn] = []
    action_inputs: list[ActionInputIn] = []


class ImportOut(BaseModel):
    """How many rows were created, and the new id of every old id (JSON imports)."""

    applications: int
    contacts: int = 0
    interviews: int = 0
    touchpoints: int = 0
    action_states: int = 0
    skipped_action_states: int = Field(
        default=0, description="States naming a person or interview absent from the file."
    )
    action_inputs: int = 0
    ids: dict[str, dict[str, int]] = Field(
        default_factory=dict,
        description='Old id → new id per section, e.g. `{"applications": {"4": 17}}`.',
    )


class LikelyDuplicate(BaseModel):
    """An application in the file with the company and role of one you already have."""

    row: int = Field(description="Its place in the file, as import errors number rows.")
    company: str
    role_title: str
    existing_id: int = Field(description="Your application it probably repeats.")


class SettingChange(BaseModel):
    """An account setting the import would replace with the file's."""

    field: str
    current: str | None
    imported: str | None


class ImportPreviewOut(BaseModel):
    """What `POST /import` would do with this file (`dry_run=true`); nothing is saved."""

    applications: int
    contacts: int = 0
    interviews: int = 0
    touchpoints: int = 0
    action_states: int = 0
    skipped_action_states: int = 0
    action_inputs: int = 0
    duplicates: list[LikelyDuplicate] = Field(
        description="Applications you probably have already (same company and role)."
    )
    settings_changes: list[SettingChange] = Field(
        description="Settings the import replaces, the time zone among them (JSON files only)."
    )
