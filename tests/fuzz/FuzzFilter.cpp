// Fuzz target: a calendar-query REPORT body: the XML reader, the CALDAV:filter grammar with its
// time-ranges and text-matches, and the filter evaluated against a recurring event with an alarm.
#include "caldav/calendar/Filter.h"
#include "caldav/ical/ExpansionBudget.h"
#include "caldav/xml/Xml.h"
#include "tests/fuzz/FuzzInput.h"

using namespace bookdav::caldav;

namespace {

const char* kEvent =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\n"
    "BEGIN:VEVENT\r\nUID:f-1\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART;TZID=Europe/Berlin:20261102T100000\r\nDURATION:PT1H\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=20\r\nEXDATE;TZID=Europe/Berlin:20261104T100000\r\n"
    "SUMMARY:Yoga\r\nATTENDEE;CN=Alice;PARTSTAT=ACCEPTED:mailto:alice@example.com\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:soon\r\nEND:VALARM\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:f-1\r\nDTSTAMP:20260101T000000Z\r\n"
    "RECURRENCE-ID;TZID=Europe/Berlin:20261109T100000\r\n"
    "DTSTART;TZID=Europe/Berlin:20261109T120000\r\nDURATION:PT1H\r\nSUMMARY:Moved\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bookdav::fuzz::prepareOnce();
  static const ical::Component event = ical::Component::parse(kEvent);
  try {
    xml::Document doc = xml::Document::parse(bookdav::fuzz::textOf(data, size));
    pugi::xml_node filter = xml::child(doc.root(), xml::kCalDav, "filter");
    if (!filter) filter = doc.root();
    calendar::Filter f = calendar::Filter::parse(filter);
    f.indexHint();
    f.isPlainTimeRange();
    ical::Component copy = event.clone();  // a component is never shared between calls
    ical::ExpansionBudget budget(200'000, std::chrono::milliseconds{1000});
    f.matches(copy, ical::TimeZoneContext::utc(), budget);
  } catch (const xml::XmlError&) {
  } catch (const ical::ExpansionTooComplex&) {
  } catch (const calendar::FilterError&) {
  }
  return 0;
}
