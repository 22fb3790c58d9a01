"""Small, dependency-free iCalendar helpers for the client tests: sample objects (single, recurring with
TZID, overridden with RECURRENCE-ID, all-day) and a line-level reader to compare what a client and the
server hold. Deliberately not a validator: the real parsers (libical in the server, ical.js, the
clients' own) do that; this only extracts what a test asserts on."""

BERLIN = (
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
    "END:VTIMEZONE\r\n")


def vcalendar(*components, prodid="-//bookdav client tests//EN"):
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + prodid + "\r\n" + "".join(components)
            + "END:VCALENDAR\r\n")


def vevent(uid, start="DTSTART:20261201T100000Z", end="DTEND:20261201T110000Z", summary="Event", extra=""):
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n{start}\r\n{end}\r\n"
            f"SUMMARY:{summary}\r\n{extra}END:VEVENT\r\n")


def single(uid, summary="Single", day="20261201"):
    return vcalendar(vevent(uid, f"DTSTART:{day}T100000Z", f"DTEND:{day}T110000Z", summary))


def recurring(uid, summary="Weekly", count=10):
    """Every Monday 20:00 Europe/Berlin from 2026-12-07, COUNT instances."""
    return vcalendar(BERLIN, vevent(uid, "DTSTART;TZID=Europe/Berlin:20261207T200000",
                                    "DTEND;TZID=Europe/Berlin:20261207T213000", summary,
                                    f"RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT={count}\r\n"))


def overridden(uid, summary="Daily", override_summary="Moved"):
    """Daily 09:00 UTC for 5 days from 2026-12-14; the 2026-12-15 instance moved to 15:00."""
    master = vevent(uid, "DTSTART:20261214T090000Z", "DTEND:20261214T100000Z", summary,
                    "RRULE:FREQ=DAILY;COUNT=5\r\n")
    override = vevent(uid, "DTSTART:20261215T150000Z", "DTEND:20261215T160000Z", override_summary,
                      "RECURRENCE-ID:20261215T090000Z\r\n")
    return vcalendar(master, override)


def allday(uid, summary="All day", day="20261224"):
    nxt = str(int(day) + 1)
    return vcalendar(vevent(uid, f"DTSTART;VALUE=DATE:{day}", f"DTEND;VALUE=DATE:{nxt}", summary))


def fold(line):
    """One content line folded at 75 octets (RFC 5545 3.1) without splitting a UTF-8 sequence, CRLF-terminated."""
    out, cur, limit = [], b"", 75
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > limit:
            out.append(cur)
            cur, limit = b" ", 75
        cur += b
    out.append(cur)
    return b"\r\n".join(out).decode("utf-8") + "\r\n"


def escape(value):
    """A TEXT value escaped (RFC 5545 3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


# -- reading --
def unfold(text):
    """Content lines of an iCalendar text, unfolded (RFC 5545 3.1), accepting CRLF or LF."""
    out = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and out:
            out[-1] += raw[1:]
        elif raw:
            out.append(raw)
    return out


def split_line(line):
    """('NAME', 'PARAMS', 'value') of one content line (quoted parameter values may hold ':')."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head, value = line[:i], line[i + 1:]
            name, _, params = head.partition(";")
            return name.upper(), params, value
    return line.upper(), "", ""


def components(text, name):
    """Every component called `name` as {PROPNAME: [(params, value), ...]} (nested components excluded)."""
    found, stack = [], []
    for line in unfold(text):
        pname, params, value = split_line(line)
        if pname == "BEGIN":
            stack.append((value.upper(), {}))
        elif pname == "END":
            comp, props = stack.pop()
            if comp == name:
                found.append(props)
        elif stack:
            stack[-1][1].setdefault(pname, []).append((params, value))
    return found


def first(props, name):
    v = props.get(name)
    return v[0][1] if v else None


def unescape(value):
    """A TEXT value unescaped (RFC 5545 3.3.11)."""
    if value is None:
        return None
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def rrule(value):
    """An RRULE value with its parts in a canonical order (RFC 5545 3.3.10 lets them come in any order)."""
    if value is None:
        return None
    parts = sorted(value.upper().split(";"), key=lambda p: (not p.startswith("FREQ="), p))
    return ";".join(parts)


def event_summary(text):
    """What a sync must preserve: sorted (UID, RECURRENCE-ID, SUMMARY, DTSTART, RRULE) of each VEVENT,
    with parameters kept on DTSTART/RECURRENCE-ID (TZID, VALUE=DATE) and RRULE parts in canonical order."""
    rows = []
    for ev in components(text, "VEVENT"):
        def full(name):
            v = ev.get(name)
            return (v[0][0] + ":" + v[0][1]) if v else None
        rows.append((first(ev, "UID"), full("RECURRENCE-ID"), unescape(first(ev, "SUMMARY")), full("DTSTART"),
                     rrule(first(ev, "RRULE"))))
    return sorted(rows, key=lambda r: tuple(x or "" for x in r))
