// Finding calendar users from an app: the DAV:principal-property-search and
// DAV:principal-search-property-set REPORTs (RFC 3744 §9.4-9.5) on the principal collections, and
// CalendarServer's calendarserver-principal-search (Apple Calendar's attendee completion), over
// displayname, calendar-user-address-set, calendar-user-type and e-mail, caselessly.
#include <algorithm>

#include "caldav/dav/PropertyRequest.h"
#include "caldav/ical/ContentLines.h"
#include "caldav/methods/ReportSupport.h"
#include "caldav/scheduling/CalendarUsers.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/Href.h"

namespace bookdav::caldav {
namespace {

using xml::kCalDav;
using xml::kCalendarServer;
using xml::kDav;

enum class MatchType { StartsWith, Contains, Equals };

// One property-search: which facts of a principal it looks at and the text it wants.
struct Condition {
  std::vector<xml::QName> properties;
  std::string text;  // lower-cased
  MatchType match = MatchType::Contains;
};

bool matches(std::string_view value, const Condition& c) {
  const std::string v = ical::lower(value);
  switch (c.match) {
    case MatchType::StartsWith:
      return v.rfind(c.text, 0) == 0;
    case MatchType::Equals:
      return v == c.text;
    case MatchType::Contains:
      return v.find(c.text) != std::string::npos;
  }
  return false;
}

// The values a searchable property has for a user; empty for properties that are not searchable.
std::vector<std::string> valuesOf(const CalendarUser& u, const xml::QName& p) {
  if (p.is(kDav, "displayname")) return {u.displayName};
  if (p.is(kCalDav, "calendar-user-address-set")) {
    std::vector<std::string> out = u.addresses;
    // "mailto:cut@..." is also found by "cut@..." (what a person types).
    out.push_back(u.email);
    return out;
  }
  if (p.is(kCalDav, "calendar-user-type")) return {u.type};
  if (p.is(kCalendarServer, "email-address-set") || p.is(kCalendarServer, "email")) return {u.email};
  return {};
}

bool satisfies(const CalendarUser& u, const Condition& c) {
  for (const auto& p : c.properties)
    for (const auto& v : valuesOf(u, p))
      if (matches(v, c)) return true;
  return false;
}

MatchType matchTypeOf(pugi::xml_node match) {
  // RFC 3744 leaves the match to the server (substring); CalendarServer's match-type attribute picks.
  std::string t = ical::lower(match.attribute("match-type").value());
  if (t.empty() || t == "contains") return MatchType::Contains;
  if (t == "starts-with") return MatchType::StartsWith;
  if (t == "equals") return MatchType::Equals;
  throw DavError::badRequest("match-type must be starts-with, contains or equals, not '" + t + "'");
}

// The principals a search may answer, when the report went to a principal collection.
void requirePrincipalCollection(DavContext& ctx, const Request& request, std::string_view report) {
  Resource target = lookUp(ctx, request, request.path);
  if (target.kind != ResourceKind::PrincipalsRoot && target.kind != ResourceKind::ServicePrincipals &&
      target.kind != ResourceKind::ResourcePrincipals && target.kind != ResourceKind::Principal &&
      target.kind != ResourceKind::ServicePrincipal && target.kind != ResourceKind::ResourcePrincipal) {
    throw DavError::forbidden(
        kDav, "supported-report",
        std::string(report) + " runs on a principal collection such as /dav/principals/");
  }
}

Response answer(DavContext& ctx, const Request& request, const std::vector<CalendarUser>& found,
                const PropertyRequest& props) {
  std::string body;
  ctx.store.read([&](domain::CalendarReader& store) {
    Multistatus ms;
    for (const auto& u : found) {
      Resource r = u.principal(ctx);
      PropStats stats;
      describe(PropertyContext{request, r, store, ctx.accounts, ctx.booking, ctx.settings}, props, stats);
      ms.add(encodePath(r.path), stats);
    }
    body = ms.finish();
  });
  return Response::xml(207, std::move(body));
}

PropertyRequest propsOf(pugi::xml_node root) {
  pugi::xml_node prop = xml::child(root, kDav, "prop");
  if (!prop) {
    PropertyRequest p;
    p.mode = PropertyRequest::Mode::Prop;
    p.names = {{std::string(kDav), "displayname"}};
    return p;
  }
  return PropertyRequest::fromProp(prop);
}

constexpr size_t kMaxResults = 100;

}  // namespace

Response principalPropertySearchReport(DavContext& ctx, const Request& request, pugi::xml_node root) {
  requirePrincipalCollection(ctx, request, "principal-property-search");
  const bool anyOf = ical::lower(root.attribute("test").value()) == "anyof";
  std::vector<Condition> conditions;
  for (pugi::xml_node ps : xml::elements(root)) {
    if (!xml::is(ps, kDav, "property-search")) continue;
    Condition c;
    pugi::xml_node prop = xml::child(ps, kDav, "prop");
    pugi::xml_node match = xml::child(ps, kDav, "match");
    if (!prop || !match) throw DavError::badRequest("each property-search needs a prop and a match");
    c.properties = requestedNames(prop);
    c.text = ical::lower(xml::textOf(match));
    c.match = matchTypeOf(match);
    conditions.push_back(std::move(c));
  }
  if (conditions.empty()) throw DavError::badRequest("principal-property-search needs a property-search");
  std::vector<CalendarUser> found;
  for (auto& u : findableCalendarUsers(ctx, request.user, request.role)) {
    const auto ok = [&](const Condition& c) { return satisfies(u, c); };
    const bool hit = anyOf ? std::any_of(conditions.begin(), conditions.end(), ok)
                           : std::all_of(conditions.begin(), conditions.end(), ok);
    if (hit && found.size() < kMaxResults) found.push_back(std::move(u));
  }
  return answer(ctx, request, found, propsOf(root));
}

// CalendarServer's calendarserver-principal-search: every search-token must match some searchable
// fact (displayname, address, e-mail); an optional context ("attendee", "location", "resource")
// narrows by type; limit/nresults caps the answer.
Response calendarServerPrincipalSearchReport(DavContext& ctx, const Request& request, pugi::xml_node root) {
  requirePrincipalCollection(ctx, request, "calendarserver-principal-search");
  std::vector<std::string> tokens;
  for (pugi::xml_node t : xml::elements(root))
    if (xml::is(t, kCalendarServer, "search-token")) tokens.push_back(ical::lower(xml::textOf(t)));
  size_t limit = kMaxResults;
  if (pugi::xml_node l = xml::child(root, kCalendarServer, "limit")) {
    if (pugi::xml_node n = xml::child(l, kCalendarServer, "nresults")) {
      try {
        limit = std::clamp<size_t>(std::stoul(xml::textOf(n)), 1, kMaxResults);
      } catch (const std::exception&) {
        throw DavError::badRequest("nresults must be a number");
      }
    }
  }
  const std::string context = ical::lower(root.attribute("context").value());
  const std::vector<xml::QName> searched = {{std::string(kDav), "displayname"},
                                            {std::string(kCalDav), "calendar-user-address-set"}};
  std::vector<CalendarUser> found;
  for (auto& u : findableCalendarUsers(ctx, request.user, request.role)) {
    if (context == "location" && u.type != "ROOM") continue;
    if (context == "resource" && u.type != "RESOURCE") continue;
    bool all = true;
    for (const auto& t : tokens) all = all && satisfies(u, Condition{searched, t, MatchType::Contains});
    if (all && found.size() < limit) found.push_back(std::move(u));
  }
  return answer(ctx, request, found, propsOf(root));
}

Response principalSearchPropertySetReport(DavContext& ctx, const Request& request, pugi::xml_node) {
  requirePrincipalCollection(ctx, request, "principal-search-property-set");
  xml::XmlWriter w;
  w.open(kDav, "principal-search-property-set");
  auto searchable = [&](std::string_view ns, std::string_view name, std::string_view description) {
    w.open(kDav, "principal-search-property").open(kDav, "prop").empty(ns, name).close();
    w.leaf(kDav, "description", description).close();
  };
  searchable(kDav, "displayname", "Name");
  searchable(kCalDav, "calendar-user-address-set", "Calendar user address");
  searchable(kCalDav, "calendar-user-type", "Calendar user type");
  searchable(kCalendarServer, "email-address-set", "E-mail address");
  w.close();
  return Response::xml(200, w.finish());
}

}  // namespace bookdav::caldav
