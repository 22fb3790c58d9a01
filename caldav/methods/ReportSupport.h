// What the REPORT handlers share: the requested properties split into ordinary ones and
// CALDAV:calendar-data, and writing one member's <response>.
#pragma once

#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string_view>

#include "caldav/calendar/CalendarDataProperty.h"
#include "caldav/dav/CollectionMembers.h"
#include "caldav/dav/DavContext.h"
#include "caldav/dav/PropertyRequest.h"
#include "caldav/ical/TimeZoneContext.h"
#include "caldav/webdav/Multistatus.h"
#include "caldav/xml/Xml.h"

namespace bookdav::caldav {

struct ReportProperties {
  PropertyRequest props;  // everything but calendar-data
  std::optional<CalendarDataSelection> calendarData;

  // From the report's DAV:prop (or allprop/propname) child of root.
  static ReportProperties from(pugi::xml_node root);
  bool needsData() const { return calendarData.has_value(); }
};

// Writes one member's response into ms; object must carry data when props.needsData(). Floating
// times in rendered calendar-data are read in `zone`.
void addMember(Multistatus& ms, DavContext& ctx, const Request& request, domain::CalendarReader& store,
               CollectionMembers& members, const domain::ObjectRecord& object, const ReportProperties& props,
               const ical::TimeZoneContext& zone);

// The zone floating times are read in: the report's CALDAV:timezone, else the collection's
// calendar-timezone, else UTC. Throws DavError for an invalid CALDAV:timezone.
ical::TimeZoneContext reportZone(pugi::xml_node root, const CollectionMembers& members);

// The collection a report was sent to, with its members.
struct ReportTarget {
  Resource resource;
  std::unique_ptr<CollectionMembers> members;  // never null
};

// What a report runs on: any collection with members, or calendars only.
enum class ReportScope { Collections, Calendars };

// Resolves the report's target, checks read access and opens its members; throws DavError 404 for a
// missing target, and 403 DAV:supported-report saying `refusal` when the report does not run there.
ReportTarget reportTarget(DavContext& ctx, domain::CalendarReader& store, const Request& request,
                          ReportScope scope, std::string_view refusal);

// Report handlers, one per report type.
Response syncCollectionReport(DavContext& ctx, const Request& request, pugi::xml_node root);
Response calendarMultigetReport(DavContext& ctx, const Request& request, pugi::xml_node root);
Response calendarQueryReport(DavContext& ctx, const Request& request, pugi::xml_node root);
Response freeBusyQueryReport(DavContext& ctx, const Request& request, pugi::xml_node root);
// On principal collections (caldav/scheduling/PrincipalSearch.cpp).
Response principalPropertySearchReport(DavContext& ctx, const Request& request, pugi::xml_node root);
Response principalSearchPropertySetReport(DavContext& ctx, const Request& request, pugi::xml_node root);
Response calendarServerPrincipalSearchReport(DavContext& ctx, const Request& request, pugi::xml_node root);

// The CALDAV:time-range child of root (both ends UTC); throws DavError 400 otherwise.
domain::Interval freeBusyRange(pugi::xml_node root);

}  // namespace bookdav::caldav
