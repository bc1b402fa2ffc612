"""Raw responses to spreadsheets: CSV (UTF-8 with BOM, or cp932) and XLSX, with a codebook.

One row per response and the same columns whatever the conditions hid; multiple choice as one 0/1 column per
option; "other" as the choice plus its text; times in Japan time. Rows are produced one at a time from a batched
query, so memory stays flat for any number of responses. Text cells that a spreadsheet would read as a formula
are neutralised with a leading apostrophe.
"""
from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from typing import Any, Callable, Iterator
from zoneinfo import ZoneInfo

from flask_babel import force_locale

from civic.i18n import LANGUAGE_BY_CODE, _
from civic.surveys import queries
from civic.surveys.models import OTHER, Kind, Survey, localized

JST = ZoneInfo("Asia/Tokyo")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CP932_REPLACEMENT = "?"


def neutralise(value: Any) -> Any:
    """A text cell starting like a formula gets a leading apostrophe; numbers are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Column:
    header: str
    question_number: int | None
    question_text: str
    kind: str
    values: str  # for the codebook: what the cells hold
    cell: Callable[[Any], Any]


def columns_for(survey: Survey, language: str, named: bool) -> list[Column]:
    """Every column of the export, with its header and how to fill it, in the chosen language."""
    with force_locale(LANGUAGE_BY_CODE[language].locale):
        columns = [
            Column(_("Response ID"), None, "", "id", "", lambda row: row.id),
            Column(_("Submitted (Japan time)"), None, "", "datetime", "YYYY-MM-DD HH:MM:SS",
                   lambda row: row.submitted_at.astimezone(JST).strftime("%Y-%m-%d %H:%M:%S")),
            Column(_("Channel"), None, "", "channel", "web / paper / phone / interview", lambda row: row.channel),
        ]
        if named:
            columns.append(Column(_("Account ID"), None, "", "id", "", lambda row: row.user_id or ""))
        for number, question in enumerate(survey.ordered_questions(), start=1):
            columns.extend(_question_columns(question, number, language))
    return columns


def _question_columns(question, number: int, language: str) -> list[Column]:
    key = str(question.id)
    text = localized(question.text, language).text
    head = f"Q{number}"
    kind = question.kind
    labels = {option["value"]: localized(option["text"], language).text for option in question.all_options()}
    codes = " / ".join(f"{value}={label}" for value, label in labels.items())

    def answer(row):
        return (row.answers or {}).get(key)

    if kind == Kind.single.value:
        return [Column(head, number, text, kind, codes,
                       lambda row: labels.get(answer(row), "") if answer(row) is not None else "")]
    if kind == Kind.multiple.value:
        return [Column(f"{head}_{option['value']} {labels[option['value']]}", number, text, kind,
                       "1 = " + _("chosen") + ", 0 = " + _("not chosen"),
                       lambda row, value=option["value"]: "" if answer(row) is None else int(value in answer(row)))
                for option in question.options]
    if kind == Kind.choice_other.value:
        return [Column(head, number, text, kind, codes,
                       lambda row: labels.get(answer(row)["choice"], "") if answer(row) else ""),
                Column(f"{head}_{OTHER}", number, text, "text", _("text written for \"other\""),
                       lambda row: answer(row).get("text", "") if answer(row) else "")]
    if kind == Kind.matrix.value:
        scale = f"1-{question.scale_max or 5}"
        return [Column(f"{head}_{item['value']} {localized(item['text'], language)}", number, text, kind, scale,
                       lambda row, item=item["value"]: (answer(row) or {}).get(item, ""))
                for item in question.items]
    values = {Kind.rating.value: f"1-{question.scale_max or 5}", Kind.date.value: "YYYY-MM-DD"}.get(kind, "")
    return [Column(head, number, text, kind, values, lambda row: "" if answer(row) is None else answer(row))]


def _is_named(survey: Survey) -> bool:
    return not survey.anonymous


def header_row(columns: list[Column]) -> list[str]:
    return [column.header for column in columns]


def iter_rows(survey: Survey, columns: list[Column], channel: str | None = None) -> Iterator[list]:
    for row in queries.iter_responses(survey, channel):
        yield [neutralise(column.cell(row)) for column in columns]


def codebook_rows(columns: list[Column], language: str) -> list[list]:
    with force_locale(LANGUAGE_BY_CODE[language].locale):
        head = [_("Column"), _("Question"), _("Question text"), _("Type"), _("Values")]
    return [head] + [[neutralise(c.header), c.question_number or "", neutralise(c.question_text), c.kind,
                      neutralise(c.values)] for c in columns]


def _csv_chunks(rows: Iterator[list], batch: int = 500) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for count, row in enumerate(rows, start=1):
        writer.writerow(row)
        if count % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def _encode(chunks: Iterator[str], encoding: str) -> Iterator[bytes]:
    if encoding == "cp932":
        for chunk in chunks:
            yield chunk.encode("cp932", errors="replace")
    else:
        yield b"\xef\xbb\xbf"  # the BOM that tells Excel the file is UTF-8
        for chunk in chunks:
            yield chunk.encode("utf-8")


def stream_csv(survey: Survey, language: str, encoding: str = "utf-8", channel: str | None = None):
    """The responses as CSV bytes, chunk by chunk."""
    columns = columns_for(survey, language, _is_named(survey))
    rows = iter_rows(survey, columns, channel)

    def all_rows():
        yield header_row(columns)
        yield from rows

    return _encode(_csv_chunks(all_rows()), encoding)


def stream_codebook_csv(survey: Survey, language: str, encoding: str = "utf-8"):
    columns = columns_for(survey, language, _is_named(survey))
    return _encode(_csv_chunks(iter(codebook_rows(columns, language))), encoding)


def cp932_unencodable(survey: Survey, language: str, channel: str | None = None) -> list[str]:
    """The characters cp932 (Shift_JIS) cannot hold in this export, each once, in order of first appearance."""
    columns = columns_for(survey, language, _is_named(survey))
    found: dict[str, None] = {}

    def check(cells):
        for cell in cells:
            if isinstance(cell, str):
                try:
                    cell.encode("cp932")
                except UnicodeEncodeError:
                    for character in cell:
                        try:
                            character.encode("cp932")
                        except UnicodeEncodeError:
                            found.setdefault(character)

    check(header_row(columns))
    for row in codebook_rows(columns, language):
        check(row)
    for row in iter_rows(survey, columns, channel):
        check(row)
    return list(found)


def write_xlsx(survey: Survey, language: str, channel: str | None = None):
    """The responses and the codebook as an XLSX in a temporary file (write-only mode: rows are not kept in
    memory). Returns the open file, positioned at the start; it disappears when closed."""
    from openpyxl import Workbook

    columns = columns_for(survey, language, _is_named(survey))
    with force_locale(LANGUAGE_BY_CODE[language].locale):
        sheet_names = (_("Responses"), _("Codebook"))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_names[0])
    sheet.append(header_row(columns))
    for row in iter_rows(survey, columns, channel):
        sheet.append(row)
    codebook = workbook.create_sheet(sheet_names[1])
    for row in codebook_rows(columns, language):
        codebook.append(row)
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle


def export_filename(survey: Survey, extension: str, suffix: str = "") -> str:
    return f"survey-{survey.id}{suffix}.{extension}"

