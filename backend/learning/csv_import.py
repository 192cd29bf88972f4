"""Read a provider's catalogue from CSV: the columns, and each row turned into offer fields.

Pure: no database. The service checks each row's values like an API request (ranges,
skills, occupations, postcode) and imports all rows or none. The format is documented in
docs/learning.md; `COLUMNS` is its source.

- UTF-8 (a byte-order mark is fine); the first line names the columns, in any order.
- Comma or semicolon separated (a spreadsheet in Dutch saves with semicolons).
- Lists (skills, occupations, start dates) are separated by `|`.
- An empty cell is "not given".
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

# Column → what it holds. The required ones must be in the header and filled in every row.
COLUMNS: dict[str, str] = {
    "title": "required; 2 to 120 characters",
    "description": "up to 5,000 characters",
    "kind": "required; opleiding, training, cursus, e-learning, boek or werkplekleren",
    "skill_ids": "required; ESCO skill ids separated by |",
    "occupation_ids": "ESCO occupation ids separated by |",
    "entry_level": "NLQF level 1 to 8 needed to start",
    "result_level": "NLQF level 1 to 8 reached at the end",
    "online": "ja or nee (also true/false, yes/no, 1/0); default nee",
    "postcode": "PC4 or PC6; required unless online is ja",
    "duration_weeks": "required; 1 to 520",
    "hours_per_week": "1 to 60",
    "cost": "required; gratis, vergoed or eigen_kosten",
    "cost_eur": "the price with eigen_kosten, e.g. 49.95 or 49,95",
    "start_dates": "dates YYYY-MM-DD separated by |",
    "places": "1 to 10,000",
    "url": "a link starting with https:// or http://",
    "contact": "a phone number, an e-mail address or a name; url or contact is required",
}
REQUIRED_COLUMNS = ("title", "kind", "skill_ids", "duration_weeks", "cost")
LIST_COLUMNS = ("skill_ids", "occupation_ids", "start_dates")
INT_COLUMNS = ("entry_level", "result_level", "duration_weeks", "hours_per_week", "places")
TRUE = {"ja", "j", "true", "yes", "y", "1", "waar"}
FALSE = {"nee", "n", "false", "no", "0", "onwaar"}
MONEY_RE = re.compile(r"^\d{1,6}([.,]\d{1,2})?$")
# C0 control characters other than tab, newline and carriage return (as everywhere).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_control_characters(text: str) -> bool:
    """Tell whether a text holds control characters that are never meant."""
    return CONTROL_RE.search(text) is not None


class FileProblem(Exception):
    """The file as a whole cannot be read (not a row's problem)."""


@dataclass
class Row:
    """One data row: its line number in the file, its values, and its problems by column."""

    line: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def fail(self, column: str, problem: str) -> None:
        self.errors.setdefault(column, []).append(problem)


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem("Save the file as UTF-8 (CSV UTF-8 in a spreadsheet).") from exc


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_rows(content: bytes, *, max_rows: int) -> list[Row]:
    """Parse the file into rows of offer values; raise FileProblem when it cannot be read."""
    text = _decode(content)
    if "\x00" in text:
        raise FileProblem("This is not a text file.")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise FileProblem("The first line must name the columns.")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0]), strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise FileProblem(f"The file is not valid CSV: {exc}.") from exc
    header = [name.strip().lower() for name in records[0]]
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise FileProblem(f"Unknown columns: {', '.join(unknown)}. Use: {', '.join(COLUMNS)}.")
    if len(set(header)) != len(header):
        raise FileProblem("A column is named twice.")
    absent = [name for name in REQUIRED_COLUMNS if name not in header]
    if absent:
        raise FileProblem(f"Required columns are missing: {', '.join(absent)}.")
    rows: list[Row] = []
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # an empty line
        if len(rows) >= max_rows:
            raise FileProblem(f"Import at most {max_rows} rows at a time.")
        rows.append(convert(index, header, record))
    if not rows:
        raise FileProblem("The file has no rows with offers.")
    return rows


def convert(line: int, header: list[str], record: list[str]) -> Row:
    """Turn one record into offer values (types only; the service checks the rest)."""
    row = Row(line)
    if len(record) != len(header):
        row.fail("row", f"This row has {len(record)} cells; the header has {len(header)}.")
        return row
    for column, raw in zip(header, record, strict=True):
        cell = raw.strip()
        if not cell:
            continue
        if column in LIST_COLUMNS:
            items = [part.strip() for part in cell.split("|") if part.strip()]
            if column == "start_dates":
                row.values[column] = _dates(row, column, items)
            else:
                row.values[column] = items
        elif column in INT_COLUMNS:
            if re.fullmatch(r"\d{1,6}", cell):
                row.values[column] = int(cell)
            else:
                row.fail(column, "Use a whole number.")
        elif column == "online":
            if cell.lower() in TRUE:
                row.values[column] = True
            elif cell.lower() in FALSE:
                row.values[column] = False
            else:
                row.fail(column, "Use ja or nee.")
        elif column == "cost_eur":
            row.values[column] = _money(row, column, cell)
        else:
            row.values[column] = cell
    for column in REQUIRED_COLUMNS:
        if column not in row.values and column not in row.errors:
            row.fail(column, "Fill this in.")
    return row


def _dates(row: Row, column: str, items: list[str]) -> list[date]:
    found = []
    for item in items:
        try:
            found.append(date.fromisoformat(item))
        except ValueError:
            row.fail(column, f"{item} is not a date; use YYYY-MM-DD.")
    return found


def _money(row: Row, column: str, cell: str) -> Decimal | None:
    if not MONEY_RE.match(cell):
        row.fail(column, "Use an amount in euros, e.g. 49.95.")
        return None
    return Decimal(cell.replace(",", "."))
