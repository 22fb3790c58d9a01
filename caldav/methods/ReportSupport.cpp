#include "caldav/methods/ReportSupport.h"

#include "caldav/calendar/CalendarErrors.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

ReportProperties ReportProperties::from(pugi::xml_node root) {
  ReportProperties out;
  if (pugi::xml_node prop = xml::child(root, xml::kDav, "prop")) {
    out.calendarData = CalendarDataSelection::fromProp(prop);
    out.props.mode = PropertyRequest::Mode::Prop;
    for (xml::QName& name : requestedNames(prop)) {
      if (!name.is(xml::kCalDav, "calendar-data")) out.props.names.push_back(std::move(name));
    }
  } else if (xml::child(root, xml::kDav, "propname")) {
    out.props.mode = PropertyRequest::Mode::Propname;
  } else {
    out.props.mode = PropertyRequest::Mode::Allprop;
  }
  return out;
}

void addMember(Multistatus& ms, DavContext& ctx, const Request& request, domain::CalendarReader& store,
               CollectionMembers& members, const domain::ObjectRecord& object, const ReportProperties& props,
               const ical::TimeZoneContext& zone) {
  Resource r = memberResource(members.collection(), object, members.container());
  PropStats stats;
  if (!(props.props.mode == PropertyRequest::Mode::Prop && props.props.names.empty() && props.calendarData)) {
    describe(PropertyContext{request, r, store, ctx.accounts, ctx.booking, ctx.settings}, props.props, stats);
  }
  if (props.calendarData) {
    xml::XmlWriter& w = stats.found();
    w.open(xml::kCalDav, "calendar-data");
    w.text(props.calendarData->render(object.data ? *object.data : std::string(), zone, ctx.budget));
    w.close();
  }
  ms.add(hrefOf(r), stats);
}

ical::TimeZoneContext reportZone(pugi::xml_node root, const CollectionMembers& members) {
  if (pugi::xml_node tz = xml::child(root, xml::kCalDav, "timezone")) {
    try {
      return ical::TimeZoneContext::fromVtimezoneText(xml::textOf(tz));
    } catch (const ical::CalendarDataError& e) {
      throw toDavError(e);
    }
  }
  if (!members.timezone().empty()) {
    try {
      return ical::TimeZoneContext::fromVtimezoneText(members.timezone());
    } catch (const ical::CalendarDataError&) {
      // A calendar-timezone stored before validation existed: fall back to UTC.
    }
  }
  return ical::TimeZoneContext::utc();
}

ReportTarget reportTarget(DavContext& ctx, domain::CalendarReader& store, const Request& request,
                          ReportScope scope, std::string_view refusal) {
  ReportTarget out{resolve(ctx, request, store, request.path), nullptr};
  if (!out.resource.exists()) throw DavError::notFound(request.path + " does not exist");
  requireRead(request, out.resource);
  out.members = membersOf(ctx, store, out.resource);
  if (!out.members || (scope == ReportScope::Calendars && !out.resource.isCalendar())) {
    throw DavError::forbidden(xml::kDav, "supported-report", std::string(refusal));
  }
  return out;
}

}  // namespace bookdav::caldav
