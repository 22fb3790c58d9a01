// RFC 4791 7.10 free-busy-query: a VFREEBUSY (200, text/calendar) of the collection's busy time.
#include "caldav/calendar/FreeBusy.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/methods/ReportSupport.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

// The CALDAV:time-range of a free-busy-query: both ends in UTC, start before end.
domain::Interval freeBusyRange(pugi::xml_node root) {
  pugi::xml_node tr = xml::child(root, xml::kCalDav, "time-range");
  if (!tr) throw DavError::badRequest("free-busy-query needs a CALDAV:time-range");
  auto parse = [](const char* text) -> std::optional<domain::Instant> {
    std::string t(text);
    // 20261201T100000Z
    if (t.size() != 16 || t[8] != 'T' || t[15] != 'Z') return std::nullopt;
    return domain::parseRfc3339(t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2) + "T" +
                                t.substr(9, 2) + ":" + t.substr(11, 2) + ":" + t.substr(13, 2) + "Z");
  };
  auto start = parse(tr.attribute("start").value());
  auto end = parse(tr.attribute("end").value());
  if (!start || !end || *end <= *start) {
    throw DavError(400, xml::QName{std::string(xml::kCalDav), "valid-filter"},
                   "the time-range needs start and end in UTC (20261201T000000Z), start before end");
  }
  return {*start, *end};
}

Response freeBusyQueryReport(DavContext& ctx, const Request& request, pugi::xml_node root) {
  const domain::Interval range = freeBusyRange(root);
  Response response;
  ctx.store.read([&](domain::CalendarReader& store) {
    auto [target, members] = reportTarget(ctx, store, request, ReportScope::Calendars,
                                          "free-busy-query works on calendar collections");
    auto periods = members->freeBusy(range, reportZone(root, *members), ctx.budget);
    response.status = 200;
    calendar::FreeBusyOptions options;
    options.mergeFree = false;  // each bookable slot is its own FREE period (DESIGN.md)
    // RFC 5545 3.6.4 wants a UID on every VFREEBUSY; this one names the question answered.
    options.uid = "freebusy-" + std::to_string(target.collection->id) + "-" + ical::formatUtc(range.start) +
                  "-" + ical::formatUtc(range.end) + "@bookdav";
    response.body = calendar::renderFreeBusy(periods, range, options);
    response.set("Content-Type", "text/calendar; charset=utf-8");
  });
  return response;
}

}  // namespace bookdav::caldav
