"""An iCalendar (RFC 5545) feed of one user's deadlines, written by hand: a handful of
properties does not need a dependency. Each deadline is an event at its due time, with an alarm
for each lead time of its kind."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from . import kinds

CRLF = "\r\n"


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 3.1), never inside a UTF-8 character."""
    out, current = [], ""
    for ch in line:
        limit = 75 if not out else 74  # continuation lines start with a space
        if len((current + ch).encode()) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return (CRLF + " ").join(out)


def utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def duration(td: dt.timedelta) -> str:
    if td % dt.timedelta(days=1) == dt.timedelta(0):
        return f"-P{td.days}D"
    return f"-PT{int(td.total_seconds() // 60)}M"


def calendar(deadlines, *, name: str, url_for, host: str) -> str:
    now = utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//qc-admin//deadlines//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for d in deadlines:
        description = "；".join(
            x
            for x in (
                d.kind_label,
                d.article and f"依据 {d.article}",
                d.ruleset_code and f"规则集 {d.ruleset_code}",
                f"状态 {d.get_state_display()}",
            )
            if x
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:deadline-{d.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{utc(d.due_at)}",
            f"DTEND:{utc(d.due_at)}",
            f"SUMMARY:{escape(('【已逾期】' if d.state == 'overdue' else '') + d.title)}",
            f"DESCRIPTION:{escape(description)}",
            f"URL:{url_for(d)}",
            "STATUS:CONFIRMED" if d.is_pending else "STATUS:CANCELLED",
            "TRANSP:TRANSPARENT",
        ]
        try:
            leads = kinds.get(d.kind).remind_before
        except kinds.UnknownKind:
            leads = ()
        for lead in leads if d.is_pending else ():
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{escape(d.title)}",
                f"TRIGGER:{duration(lead)}",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF
