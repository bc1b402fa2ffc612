"""Files the help desk hands out: the calendar entry (.ics, RFC 5545), the QR code (SVG) and CSV exports."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import segno

from civic.helpdesk.models import Booking

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _ics_escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
            .replace("\n", "\\n"))


def _ics_fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545 3.1), never splitting a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _ics_time(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def booking_ics(booking: Booking, *, summary: str, location: str, description: str, url: str,
                now: datetime) -> bytes:
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//civic//helpdesk//JA", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:helpdesk-{booking.code}-{booking.id}@civic",
        f"DTSTAMP:{_ics_time(now)}",
        f"DTSTART:{_ics_time(booking.slot.starts_at)}",
        f"DTEND:{_ics_time(booking.slot.ends_at)}",
        f"SUMMARY:{_ics_escape(summary)}",
        f"LOCATION:{_ics_escape(location)}",
        f"DESCRIPTION:{_ics_escape(description)}",
        f"URL:{url}",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return ("\r\n".join(_ics_fold(line) for line in lines) + "\r\n").encode()


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (the CSP allows data: images; no inline SVG styles needed)."""
    return segno.make(text, error="m").svg_data_uri(scale=6, border=4, dark="#000", light="#fff")


def safe_cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: list[str], rows) -> bytes:
    """UTF-8 with a BOM, so Excel opens Japanese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
