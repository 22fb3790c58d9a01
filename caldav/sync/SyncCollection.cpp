// RFC 6578 sync-collection: the members changed since a token, deletions as 404 tombstones.
#include <algorithm>
#include <map>

#include "caldav/dav/LiveProperties.h"
#include "caldav/methods/ReportSupport.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {
namespace {

[[noreturn]] void invalidToken(const std::string& why) {
  throw DavError::forbidden(xml::kDav, "valid-sync-token", why);
}

}  // namespace

Response syncCollectionReport(DavContext& ctx, const Request& request, pugi::xml_node root) {
  // RFC 6578 3.2 asks for Depth: 0; python3-caldav 0.11 (Debian 12) sends Depth: 1 on every REPORT,
  // so both are taken (as Radicale and Xandikos do). sync-level decides what is reported.
  const std::string depth = request.header("Depth", "0");
  if (depth != "0" && depth != "1") throw DavError::badRequest("sync-collection takes Depth: 0");
  const std::string tokenText = xml::textOf(xml::child(root, xml::kDav, "sync-token"));
  const std::string level = xml::textOf(xml::child(root, xml::kDav, "sync-level"));
  if (!level.empty() && level != "1" && level != "infinite") {
    throw DavError::badRequest("sync-level must be 1 or infinite");
  }
  std::optional<std::size_t> limit;
  if (pugi::xml_node l = xml::child(root, xml::kDav, "limit")) {
    std::string n = xml::textOf(xml::child(l, xml::kDav, "nresults"));
    try {
      long v = std::stol(n);
      if (v < 1) throw std::invalid_argument(n);
      limit = static_cast<std::size_t>(v);
    } catch (const std::exception&) {
      throw DavError::badRequest("DAV:limit/DAV:nresults must be a positive number");
    }
  }
  const ReportProperties props = ReportProperties::from(root);
  std::string body;
  ctx.store.read([&](domain::CalendarReader& store) {
    auto [target, members] = reportTarget(ctx, store, request, ReportScope::Collections,
                                          "sync-collection works on calendars and collections");
    const std::int64_t now = members->syncSeq();
    const std::optional<std::int64_t> time = members->timeVersion();
    const ical::TimeZoneContext zone = reportZone(root, *members);
    Multistatus ms;
    if (tokenText.empty()) {
      auto all = members->list(props.needsData());
      std::size_t n = 0;
      for (const auto& o : all) {
        if (limit && n == *limit) break;
        addMember(ms, ctx, request, store, *members, o, props, zone);
        ++n;
      }
      if (limit && all.size() > *limit) {
        // RFC 6578 3.6: a truncated initial sync cannot be continued; the client asks again.
        ms.addError(hrefOf(target), 507,
                    xml::QName{std::string(xml::kDav), "number-of-matches-within-limits"});
      }
      ms.setSyncToken(syncTokenFor(now, time));
      body = ms.finish();
      return;
    }
    const std::optional<SyncPosition> position = parseSyncToken(tokenText);
    // A collection that changes with time takes only tokens with a time version, and not one from
    // its future (a clock set back); the others only tokens without.
    if (!position || position->seq > now || position->seq < members->createdSeq() ||
        position->time.has_value() != time.has_value() || (time && *position->time > *time)) {
      invalidToken("the sync token " + tokenText +
                   " is not one of this collection's; sync again from scratch");
    }
    std::vector<domain::Change> changes = members->changesSince(position->seq);
    if (time && *position->time != *time) {
      for (domain::Change& c : members->changedWithTimeSince(*position->time, now))
        changes.push_back(std::move(c));
    }
    // The last change of each member decides how it is reported.
    std::vector<std::string> order;
    std::map<std::string, std::int64_t> lastSeq;
    for (const auto& change : changes) {
      if (!lastSeq.count(change.item)) order.push_back(change.item);
      lastSeq[change.item] = change.seq;
    }
    std::sort(order.begin(), order.end(),
              [&](const auto& a, const auto& b) { return lastSeq[a] < lastSeq[b]; });
    std::int64_t reportedUpTo = now;
    std::optional<std::int64_t> reportedTime = time;
    std::size_t n = 0;
    for (const std::string& name : order) {
      if (limit && n == *limit) {
        reportedUpTo = lastSeq[order[n - 1]];
        reportedTime = position->time;  // what time changed is reported again next time
        ms.addError(hrefOf(target), 507,
                    xml::QName{std::string(xml::kDav), "number-of-matches-within-limits"});
        break;
      }
      if (auto o = members->get(name, props.needsData())) {
        addMember(ms, ctx, request, store, *members, *o, props, zone);
      } else {
        ms.addStatus(memberHref(*members->collection(), name), 404);
      }
      ++n;
    }
    ms.setSyncToken(syncTokenFor(reportedUpTo, reportedTime));
    body = ms.finish();
  });
  return Response::xml(207, std::move(body));
}

}  // namespace bookdav::caldav
