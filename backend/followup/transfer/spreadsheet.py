"""Applications as CSV for spreadsheets: UTF-8 with a BOM, formulas defused both ways."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from followup.applications.schemas import ApplicationIn
from followup.applications.service import require_sane_values
from followup.errors import Invalid

BOM = "\ufeff"
# A spreadsheet runs a cell that starts with one of these (or trims a tab, a carriage return
# or a space and then runs it); a leading quote keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", " ")
FIELDS = tuple(ApplicationIn.model_fields)
EXPORT_COLUMNS = ("id", *FIELDS, "created_at", "updated_at")
IGNORED = frozenset({"id", "created_at", "updated_at"})
REQUIRED = tuple(name for name, field in ApplicationIn.model_fields.items() if field.is_required())
ROWS = TypeAdapter(list[ApplicationIn])
#: A list (tags) is one cell, its items separated by this.
LIST_FIELDS = frozenset({"tags"})
LIST_SEPARATOR = ";"


def defuse(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def restore(value: str) -> str:
    """Undo `defuse`, so an exported file imports back to the same values."""
    if value[:1] == "'" and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def write(chunks: Iterable[Iterable[Sequence[Any]]]) -> Iterator[bytes]:
    """The file, a chunk of rows at a time: the BOM and header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(EXPORT_COLUMNS)
    for rows in chunks:
        for row in rows:
            writer.writerow(["" if v is None else defuse(str(v)) for v in row])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def read(body: bytes, *, today: date) -> list[ApplicationIn]:
    """Valid applications, one per data row; Invalid lists every bad row by its line number."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise Invalid(
            "The file is not UTF-8 text.", errors=[_error(line, None, "not UTF-8 text")]
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise Invalid("The file is empty.", errors=[_error(1, None, "the file is empty")])
        columns = [cell.strip() for cell in header]
        _check_header(columns)
        records, lines = _records(reader, columns)
    except csv.Error as exc:
        raise Invalid(
            "The file is not valid CSV.",
            errors=[_error(reader.line_num, None, "not valid CSV (an unclosed quote?)")],
        ) from exc
    if not records:
        raise Invalid("The file has a header but no rows.", errors=[_error(2, None, "no rows")])
    try:
        applications = ROWS.validate_python(records)
    except ValidationError as exc:
        errors = []
        for error in exc.errors():
            index, *rest = error["loc"]
            field = str(rest[0]) if rest else None
            errors.append(_error(lines[int(index)], field, error["msg"]))
        raise _refusal(errors) from exc
    # The rules a typed-in application keeps hold for a spreadsheet's rows too (a year of 2030).
    errors = []
    for line, application in zip(lines, applications, strict=True):
        try:
            require_sane_values(application, today=today, given=application.model_fields_set)
        except Invalid as refused:
            errors += [_error(line, e["loc"][-1], e["msg"]) for e in refused.errors or ()]
    if errors:
        raise _refusal(errors)
    return applications


def _refusal(errors: list[dict[str, Any]]) -> Invalid:
    errors.sort(key=lambda e: e["row"])
    rows = sorted({e["row"] for e in errors})
    listed = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
    return Invalid(f"Nothing was imported: fix line(s) {listed}.", errors=errors)


def _check_header(columns: list[str]) -> None:
    errors = []
    seen: set[str] = set()
    for name in columns:
        if name in seen and name:
            errors.append(_error(1, name, "column named twice"))
        elif name and name not in FIELDS and name not in IGNORED:
            errors.append(_error(1, name, f"unknown column; use: {', '.join(FIELDS)}"))
        seen.add(name)
    for name in REQUIRED:
        if name not in seen:
            errors.append(_error(1, name, "required column is missing"))
    if errors:
        raise Invalid("The header row is not right.", errors=errors)


def _records(reader: Any, columns: list[str]) -> tuple[list[dict[str, str | list[str]]], list[int]]:
    """Rows as field → cell (empty cells left out), with the line each row starts on."""
    wanted = [(i, name) for i, name in enumerate(columns) if name in FIELDS]
    width = len(columns)
    records: list[dict[str, str | list[str]]] = []
    lines: list[int] = []
    errors = []
    start = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):  # blank lines are skipped
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                errors.append(_error(start, None, f"{len(cells)} cells but {width} columns"))
            records.append(
                {
                    name: _value(name, restore(cells[i]))
                    for i, name in wanted
                    if i < len(cells) and cells[i].strip()
                }
            )
            lines.append(start)
        start = reader.line_num + 1
    if errors:
        raise Invalid("Some rows have more cells than the header.", errors=errors)
    return records, lines


def _value(name: str, cell: str) -> str | list[str]:
    if name in LIST_FIELDS:
        return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]
    return cell


def cell(value: Any) -> Any:
    """A value as the export writes it: dates in ISO 8601, a list as `a; b`."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list):
        return f"{LIST_SEPARATOR} ".join(str(item) for item in value)
    return value


def _error(row: int, field: str | None, msg: str) -> dict[str, Any]:
    return {"row": row, "field": field, "msg": msg}
