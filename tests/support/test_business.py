"""A small business for booking tests, with dates relative to now (UTC), loaded with `bookdav load`.

Resources sam (staff, login sam) and chair work around the clock; tara and hall teach classes.
Services: cut (30-minute appointment, 1 hour notice, 20-day horizon, 1-day cancel/reschedule
deadline), spin (daily 18:00 class: 10 places, waitlist 5, up to 2 places a booking), pilates (daily
07:00 class with 1 place, no waitlist), french (a 4-session weekly course at 19:00, manual approval).
"""
import datetime as dt
import json
import os
import tempfile

UTC = dt.timezone.utc


def ical_time(t):
    return t.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


class TestBusiness:
    def __init__(self, now=None):
        self.now = (now or dt.datetime.now(UTC)).replace(microsecond=0)
        self.day1 = (self.now + dt.timedelta(days=2)).date()  # the first class day, well past any notice
        at = lambda d, h, m=0: dt.datetime(d.year, d.month, d.day, h, m, tzinfo=UTC)  # noqa: E731
        self.spin_start = at(self.day1, 18)           # first spin session
        self.pilates_start = at(self.day1, 7)
        self.french_start = at(self.day1, 19)
        self.cut_slot = at(self.day1, 10)              # a free haircut slot
        # The next grid time (30 minutes) at least 3 hours ahead: inside the cancel/reschedule deadline.
        soon = self.now + dt.timedelta(hours=3)
        self.cut_soon = soon.replace(minute=0 if soon.minute < 30 else 30, second=0) + dt.timedelta(minutes=30)

    def document(self):
        always = {"weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "start": "00:00", "end": "24:00"}]}
        day1 = self.day1.isoformat()
        return {
            "name": "Test Gym",
            "timezone": "UTC",
            "resources": [
                {"id": "sam", "kind": "staff", "name": "Sam", "userName": "sam", "workingHours": always},
                {"id": "chair", "kind": "equipment", "name": "Chair", "workingHours": always},
                {"id": "tara", "kind": "staff", "name": "Tara", "workingHours": always},
                {"id": "hall", "kind": "room", "name": "Hall", "workingHours": always},
            ],
            "services": [
                {"id": "cut", "kind": "appointment", "name": "Cut", "duration": "PT30M",
                 "price": {"amount": "20.00", "currency": "EUR"},
                 "resources": [{"anyOf": ["sam"]}, {"anyOf": ["chair"]}],
                 "policy": {"minimumNotice": "PT1H", "maximumHorizon": "P20D", "cancellationDeadline": "P1D",
                            "rescheduleDeadline": "P1D", "slotGranularity": "PT30M"}},
                {"id": "spin", "kind": "class", "name": "Spin", "duration": "PT45M", "capacity": 10,
                 "price": {"amount": "10.00", "currency": "EUR"},
                 "policy": {"minimumNotice": "PT1H", "maximumHorizon": "P20D", "cancellationDeadline": "PT2H",
                            "rescheduleDeadline": "PT2H", "maxParticipantsPerBooking": 2, "waitlistCapacity": 5,
                            "slotGranularity": "PT15M"},
                 "schedule": {"resourceIds": ["tara", "hall"],
                              "weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "time": "18:00",
                                          "from": day1, "count": 10}]}},
                {"id": "pilates", "kind": "class", "name": "Pilates", "duration": "PT45M", "capacity": 1,
                 "price": {"amount": "15.00", "currency": "EUR"},
                 "policy": {"minimumNotice": "PT1H", "maximumHorizon": "P20D", "slotGranularity": "PT15M"},
                 "schedule": {"resourceIds": ["tara"],
                              "weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "time": "07:00",
                                          "from": day1, "count": 5}]}},
                {"id": "french", "kind": "course", "name": "French A1", "duration": "PT1H", "capacity": 5,
                 "price": {"amount": "100.00", "currency": "EUR"},
                 "policy": {"minimumNotice": "PT1H", "maximumHorizon": "P60D", "manualApproval": True,
                            "slotGranularity": "PT15M"},
                 "schedule": {"resourceIds": ["tara", "hall"],
                              "weekly": [{"days": [self.day1.strftime("%a")[:2].upper()], "time": "19:00",
                                          "from": day1, "count": 4}]}},
            ],
        }

    def load(self, srv):
        fd, path = tempfile.mkstemp(suffix=".json")
        with os.fdopen(fd, "w") as f:
            json.dump(self.document(), f)
        try:
            srv.cli("load", path)
        finally:
            os.unlink(path)


def booking_event(uid, start, end=None, extra=""):
    lines = [f"UID:{uid}", "DTSTAMP:20260101T000000Z", f"DTSTART:{ical_time(start)}"]
    if end:
        lines.append(f"DTEND:{ical_time(end)}")
    lines.append("SUMMARY:My booking")
    body = "\r\n".join(lines) + "\r\n" + extra
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav tests//EN\r\nBEGIN:VEVENT\r\n" + body +
            "END:VEVENT\r\nEND:VCALENDAR\r\n")
