// RFC 4791 7.8 calendar-query: candidates from the instance index, confirmed by the filter engine
// only where the index cannot prove a match.
#include <algorithm>

#include "caldav/calendar/CalendarErrors.h"
#include "caldav/ical/ClientText.h"
#include "caldav/methods/ReportSupport.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {
namespace {

calendar::Filter parseFilter(pugi::xml_node root) {
  pugi::xml_node element = xml::child(root, xml::kCalDav, "filter");
  if (!element)
    throw DavError::forbidden(xml::kCalDav, "valid-filter", "calendar-query needs a CALDAV:filter");
  try {
    return calendar::Filter::parse(element);
  } catch (const calendar::FilterError& e) {
    throw toDavError(e);
  }
}

}  // namespace

Response calendarQueryReport(DavContext& ctx, const Request& request, pugi::xml_node root) {
  const ReportProperties props = ReportProperties::from(root);
  const calendar::Filter filter = parseFilter(root);
  std::string body;
  ctx.store.read([&](domain::CalendarReader& store) {
    auto [target, members] = reportTarget(ctx, store, request, ReportScope::Collections,
                                          "calendar-query works on calendar collections");
    const ical::TimeZoneContext zone = reportZone(root, *members);
    const auto hint = filter.indexHint();
    const bool plain = filter.isPlainTimeRange();

    // Candidates, and which of them the index alone proves to match.
    std::vector<domain::ObjectRecord> candidates;
    std::vector<bool> proven;
    if (hint && hint->timeRange) {
      auto inRange = members->inRange(hint->componentType, *hint->timeRange);
      std::vector<std::int64_t> ids;
      ids.reserve(inRange.size());
      for (const auto& c : inRange) ids.push_back(c.objectId);
      candidates = members->byIds(ids, true);
      for (const auto& o : candidates) {
        auto it =
            std::find_if(inRange.begin(), inRange.end(), [&](const auto& c) { return c.objectId == o.id; });
        proven.push_back(plain && it != inRange.end() && it->proven);
      }
    } else {
      for (auto& o : members->list(true)) {
        if (hint && o.componentType != hint->componentType) continue;
        proven.push_back(plain && hint);
        candidates.push_back(std::move(o));
      }
    }

    Multistatus ms;
    for (size_t i = 0; i < candidates.size(); ++i) {
      const auto& o = candidates[i];
      if (!proven[i]) {
        if (!o.data || o.componentType.empty()) continue;
        ical::Component cal = ical::parseStored(*o.data);
        if (!cal || !filter.matches(cal, zone, ctx.budget)) continue;
      }
      addMember(ms, ctx, request, store, *members, o, props, zone);
    }
    body = ms.finish();
  });
  return Response::xml(207, std::move(body));
}

}  // namespace bookdav::caldav
