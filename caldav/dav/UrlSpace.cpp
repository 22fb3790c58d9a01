#include "caldav/dav/UrlSpace.h"

#include "caldav/webdav/Href.h"

namespace bookdav::caldav {

std::string principalPath(std::string_view user) {
  return std::string(kPrincipalsRoot) + std::string(user) + "/";
}
std::string homePath(std::string_view user) {
  return std::string(kCalendarsRoot) + std::string(user) + "/";
}
std::string inboxPath(std::string_view user) {
  return homePath(user) + "inbox/";
}
std::string outboxPath(std::string_view user) {
  return homePath(user) + "outbox/";
}

std::string ownerOfPath(std::string_view path) {
  auto segments = pathSegments(path);
  if (segments.size() >= 3 && segments[0] == "dav" &&
      (segments[1] == "calendars" || segments[1] == "principals")) {
    return segments[2];
  }
  return {};
}

Resource resolveStored(domain::CalendarReader& store, std::string_view path) {
  Resource r;
  auto segments = pathSegments(path);
  const bool trailingSlash = !path.empty() && path.back() == '/';
  auto fixed = [&](ResourceKind kind, std::string p, std::string owner = {}) {
    r.kind = kind;
    r.path = std::move(p);
    r.owner = std::move(owner);
    return r;
  };
  if (segments.empty()) return fixed(ResourceKind::ServerRoot, "/");
  if (segments[0] != "dav") {
    r.path = std::string(path);
    return r;
  }
  if (segments.size() == 1) return fixed(ResourceKind::DavRoot, std::string(kDavRoot));
  if (segments[1] == "principals") {
    if (segments.size() == 2) return fixed(ResourceKind::PrincipalsRoot, std::string(kPrincipalsRoot));
    if (segments.size() == 3) return fixed(ResourceKind::Principal, principalPath(segments[2]), segments[2]);
    r.path = std::string(path);
    return r;
  }
  if (segments[1] != "calendars") {
    r.path = std::string(path);
    return r;
  }
  if (segments.size() == 2) return fixed(ResourceKind::CalendarsRoot, std::string(kCalendarsRoot));
  const std::string& user = segments[2];
  r.owner = user;
  if (segments.size() == 4 && segments[3] == "inbox") {
    // Stored once the first scheduling message arrives (caldav/scheduling/SchedulingReplies.h).
    if (auto c = store.collection(inboxPath(user)))
      r.collection = std::make_shared<const domain::CollectionRecord>(std::move(*c));
    return fixed(ResourceKind::Inbox, inboxPath(user), user);
  }
  if (segments.size() == 4 && segments[3] == "outbox")
    return fixed(ResourceKind::Outbox, outboxPath(user), user);

  // Stored tree: the path as a collection first, then as a member of its parent.
  std::string asCollection = asCollectionPath(path);
  if (auto c = store.collection(asCollection)) {
    r.path = asCollection;
    r.kind = c->kind == domain::CollectionKind::Home       ? ResourceKind::Home
             : c->kind == domain::CollectionKind::Calendar ? ResourceKind::Calendar
                                                           : ResourceKind::Collection;
    r.collection = std::make_shared<const domain::CollectionRecord>(std::move(*c));
    return r;
  }
  r.path = trailingSlash ? asCollection : std::string(path);
  if (segments.size() >= 4) {
    if (auto parent = store.collection(parentPath(path))) {
      // "name/" for a plain member still names that member (MKCOL over it must fail).
      if (auto o = store.object(parent->id, segments.back(), false)) {
        r.kind = ResourceKind::Object;
        r.path = parent->path + segments.back();
        r.object = std::move(o);
      }
      r.collection = std::make_shared<const domain::CollectionRecord>(std::move(*parent));
    }
  }
  return r;
}

}  // namespace bookdav::caldav
