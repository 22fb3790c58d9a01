#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/): typical inputs of every
kind the target reads, and the inputs of the findings of issue 10 (the attack probe), so that a fuzz
run starts from them and a regression shows at once. Run it again after editing; files are named
after what they are."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import icstext  # noqa: E402

CORPUS = os.path.join(HERE, "corpus")


def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)


def xml_seeds():
    d = '<?xml version="1.0" encoding="utf-8"?>'
    write("xml", "propfind-prop", d + '<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
          '<D:prop><D:displayname/><D:resourcetype/><C:calendar-home-set/><D:getetag/></D:prop></D:propfind>')
    write("xml", "propfind-allprop-default-ns", d + '<propfind xmlns="DAV:"><allprop/></propfind>')
    write("xml", "proppatch-dead", d + '<d:propertyupdate xmlns:d="DAV:"><d:set><d:prop>'
          '<x:color xmlns:x="http://apple.com/ns/ical/">#FF0000FF</x:color>'
          '<y:note xmlns:y="urn:example:"><y:a y:attr="1">text</y:a><![CDATA[<raw>]]></y:note>'
          '</d:prop></d:set><d:remove><d:prop><d:displayname/></d:prop></d:remove></d:propertyupdate>')
    write("xml", "mkcalendar", d + '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
          '<D:set><D:prop><D:displayname>Work</D:displayname><C:supported-calendar-component-set>'
          '<C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set></D:prop></D:set>'
          '</C:mkcalendar>')
    write("xml", "sync-collection", d + '<d:sync-collection xmlns:d="DAV:"><d:sync-token>seq:1</d:sync-token>'
          '<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>')
    write("xml", "multiget", d + '<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
          '<d:prop><d:getetag/><c:calendar-data/></d:prop><d:href>/dav/calendars/a/calendar/1.ics</d:href>'
          '</c:calendar-multiget>')
    write("xml", "redeclared-prefixes", d + '<a:propfind xmlns:a="DAV:"><a:prop xmlns:a="urn:other:">'
          '<a:x/><b:y xmlns:b="DAV:"/></a:prop></a:propfind>')
    # Findings: a dead property nested 12,000 deep crashed the process (recursion); a namespace
    # declared at the root of a 20,000-deep document took quadratic time to resolve.
    depth = 12000
    write("xml", "finding-deep-proppatch", d + '<d:propertyupdate xmlns:d="DAV:"><d:set><d:prop>'
          + '<x:n xmlns:x="urn:x:">' + "<x:n>" * depth + "</x:n>" * depth + "</x:n></d:prop></d:set></d:propertyupdate>")
    depth = 20000
    write("xml", "finding-deep-namespace", '<a xmlns="urn:deep:">' + "<a>" * depth + "</a>" * depth + "</a>")


def ical_seeds():
    write("ical", "single", icstext.single("s-1"))
    write("ical", "recurring-berlin", icstext.recurring("r-1"))
    write("ical", "overridden", icstext.overridden("o-1"))
    write("ical", "allday", icstext.allday("a-1"))
    write("ical", "todo", icstext.vcalendar("BEGIN:VTODO\r\nUID:t-1\r\nDTSTAMP:20261101T000000Z\r\n"
                                              "DUE:20261201T100000Z\r\nSUMMARY:Do\r\nEND:VTODO\r\n"))
    write("ical", "freebusy", icstext.vcalendar(
        "BEGIN:VFREEBUSY\r\nUID:fb-1\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261201T000000Z\r\n"
        "DTEND:20261208T000000Z\r\nFREEBUSY;FBTYPE=BUSY:20261201T100000Z/PT1H\r\nEND:VFREEBUSY\r\n"))
    write("ical", "availability", icstext.vcalendar(
        "BEGIN:VAVAILABILITY\r\nUID:av-1\r\nDTSTAMP:20261101T000000Z\r\n"
        "BEGIN:AVAILABLE\r\nUID:av-1a\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20261102T090000\r\n"
        "DTEND;TZID=Europe/Berlin:20261102T170000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEND:AVAILABLE\r\n"
        "END:VAVAILABILITY\r\n"))
    write("ical", "rdate-exdate-exrule", icstext.vcalendar(icstext.vevent(
        "x-1", "DTSTART:20261201T100000Z", "DURATION:PT30M", "Mixed",
        "RRULE:FREQ=MONTHLY;BYDAY=2TU,-1FR;BYSETPOS=1,-1;COUNT=12\r\n"
        "RDATE;VALUE=PERIOD:20261224T100000Z/PT2H\r\nEXDATE:20270112T100000Z\r\n"
        "EXRULE:FREQ=YEARLY;BYMONTH=8\r\n")))
    write("ical", "yearly-byweekno", icstext.vcalendar(icstext.vevent(
        "w-1", "DTSTART;VALUE=DATE:20261228", "DTEND;VALUE=DATE:20261229", "Weeks",
        "RRULE:FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=MO;WKST=SU\r\n")))
    # Findings: rules libical iterates forever without producing an instance, in an event and in a
    # VTIMEZONE; 50 SECONDLY rules that made a later time-range REPORT take 55 s.
    write("ical", "finding-secondly-feb30", icstext.vcalendar(icstext.vevent(
        "f-1", extra="RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\r\n")))
    write("ical", "finding-vtimezone-secondly", icstext.vcalendar(
        "BEGIN:VTIMEZONE\r\nTZID:Evil/Zone\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\n"
        "DTSTART:19700101T000000\r\nRRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
        icstext.vevent("f-2", "DTSTART;TZID=Evil/Zone:20261201T100000", "DTEND;TZID=Evil/Zone:20261201T110000")))
    rules = "".join(f"RRULE:FREQ=SECONDLY;COUNT=1000000;BYSECOND={i}\r\n" for i in range(50))
    write("ical", "finding-fifty-secondly-rules", icstext.vcalendar(icstext.vevent("f-3", extra=rules)))
    write("ical", "finding-invalid-utf8", icstext.single("f-4", summary="caf\xe9").encode("latin-1"))
    write("ical", "finding-nul", icstext.single("f-5", summary="a\x00b"))
    # Found by the fuzzer: a UID whose stored text read back differently (';' escaped by libical, a lone
    # CR that libical joins across).
    write("ical", "finding-escaped-uid", icstext.vcalendar(icstext.vevent("fb-;COUNT=1;BYSECOND=37")))
    write("ical", "finding-lone-cr", icstext.vcalendar(icstext.vevent("x-1\r0DTSTAMP:20261101T000000Z")))
    depth = 2000
    write("ical", "finding-deep-components", icstext.vcalendar(
        icstext.vevent("f-6", extra="BEGIN:X-A\r\n" * depth + "END:X-A\r\n" * depth)))


def filter_seeds():
    d = ('<?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" '
         'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>')
    write("filter", "time-range", d + '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
          '<C:time-range start="20261101T000000Z" end="20261201T000000Z"/></C:comp-filter></C:comp-filter>'
          '</C:filter></C:calendar-query>')
    write("filter", "text-match-negate", d + '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
          '<C:prop-filter name="SUMMARY"><C:text-match collation="i;ascii-casemap" negate-condition="yes">yoga'
          '</C:text-match></C:prop-filter><C:prop-filter name="ATTENDEE"><C:param-filter name="PARTSTAT">'
          '<C:text-match>ACCEPTED</C:text-match></C:param-filter></C:prop-filter></C:comp-filter></C:comp-filter>'
          '</C:filter></C:calendar-query>')
    write("filter", "alarm-time-range", d + '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
          '<C:comp-filter name="VALARM"><C:time-range start="20261102T084500Z" end="20261102T090000Z"/>'
          '</C:comp-filter></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>')
    write("filter", "is-not-defined", d + '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VTODO">'
          '<C:prop-filter name="COMPLETED"><C:is-not-defined/></C:prop-filter></C:comp-filter></C:comp-filter>'
          '</C:filter></C:calendar-query>')
    depth = 5000
    write("filter", "finding-deep-comp-filter", d + "<C:filter>" + '<C:comp-filter name="VCALENDAR">' * depth
          + "</C:comp-filter>" * depth + "</C:filter></C:calendar-query>")


def json_seeds():
    write("json", "service", json.dumps({
        "id": "cut", "kind": "appointment", "name": "Cut", "duration": "PT30M",
        "price": {"amount": "20.00", "currency": "EUR"}, "resources": [{"anyOf": ["sam"]}],
        "policy": {"minimumNotice": "PT1H", "maximumHorizon": "P20D", "cancellationDeadline": "P1D",
                   "slotGranularity": "PT15M", "waitlistCapacity": 2}}))
    write("json", "class-with-schedule", json.dumps({
        "id": "spin", "kind": "class", "name": "Spin", "duration": "PT45M", "capacity": 10,
        "schedule": {"resourceIds": ["tara"], "weekly": [{"days": ["MO", "WE"], "time": "18:00",
                                                          "from": "2026-12-01", "count": 10}],
                     "excluded": ["2026-12-07T18:00:00"]}}))
    write("json", "resource", json.dumps({
        "id": "ana", "kind": "staff", "name": "Ana", "timezone": "Europe/Madrid",
        "workingHours": {"weekly": [{"days": ["MO", "TU"], "start": "09:00", "end": "17:00"}],
                         "closed": [{"start": "2026-12-24T00:00:00", "end": "2026-12-27T00:00:00"}]}}))
    write("json", "booking", json.dumps({"serviceId": "cut", "start": "2026-12-01T10:00:00+01:00",
                                         "participants": 2, "note": "first visit"}))
    # Findings: a NUL in a note was stored and broke the bookings/ calendar; deep nesting.
    write("json", "finding-nul-note", '{"serviceId": "cut", "start": "2026-12-01T10:00:00Z", "note": "a\\u0000b"}')
    write("json", "finding-deep-arrays", "[" * 100000 + "]" * 100000)


def business_seeds():
    examples = os.path.join(HERE, "..", "..", "examples")
    for name in sorted(os.listdir(examples)):
        if name.endswith(".json"):
            with open(os.path.join(examples, name), "rb") as f:
                write("business", name[:-5], f.read())


if __name__ == "__main__":
    xml_seeds()
    ical_seeds()
    filter_seeds()
    json_seeds()
    business_seeds()
