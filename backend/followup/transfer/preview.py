"""An import tried out and rolled back: what it would create, repeat and replace."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from followup.models import Application, User
from followup.repository import Repo
from followup.transfer.schemas import (
    ImportOut,
    ImportPreviewOut,
    LikelyDuplicate,
    SettingChange,
    SettingsIn,
)


def preview(
    repo: Repo,
    user: User,
    run: Callable[[], ImportOut],
    *,
    settings: SettingsIn | None,
    first_row: int,
) -> ImportPreviewOut:
    """Runs the import in a savepoint and rolls it back, so its checks and counts are the real
    ones; `first_row` is the number the file's first application has in error reports."""
    changes = _setting_changes(user, settings)
    existing = _applications(repo)
    known = {_same_job(company, role): id_ for id_, company, role in existing}
    savepoint = repo.session.begin_nested()
    try:
        report = run()
        newest = max((id_ for id_, _, _ in existing), default=0)
        added = [row for row in _applications(repo) if row[0] > newest]
    finally:
        savepoint.rollback()
    duplicates = [
        LikelyDuplicate(
            row=first_row + position,
            company=company,
            role_title=role,
            existing_id=known[_same_job(company, role)],
        )
        for position, (_, company, role) in enumerate(added)
        if _same_job(company, role) in known
    ]
    counts = report.model_dump(exclude={"ids"})
    return ImportPreviewOut(**counts, duplicates=duplicates, settings_changes=changes)


def _applications(repo: Repo) -> list[tuple[int, str, str]]:
    statement = (
        select(Application.id, Application.company, Application.role_title)
        .where(repo.owns(Application))
        .order_by(Application.id)
    )
    return [(id_, company, role) for id_, company, role in repo.session.execute(statement)]


def _same_job(company: str, role: str) -> tuple[str, str]:
    """Company and role as a person compares them: case and spacing aside."""
    return " ".join(company.casefold().split()), " ".join(role.casefold().split())


def _setting_changes(user: User, settings: SettingsIn | None) -> list[SettingChange]:
    if settings is None:
        return []
    return [
        SettingChange(field=name, current=getattr(user, name), imported=value)
        for name, value in settings.model_dump().items()
        if getattr(user, name) != value
    ]
