// The live properties bookdav computes (RFC 4918, 4791, 5397, 6578, 6638, CalendarServer and Apple
// extensions, bookdav's own): one table of {name, getter, setter} entries. Everything else a
// client sets is a dead property, stored as the client sent it.
#pragma once

#include <pugixml.hpp>
#include <string_view>
#include <vector>

#include "caldav/dav/DavSettings.h"
#include "caldav/dav/Resource.h"
#include "caldav/webdav/Message.h"
#include "caldav/xml/XmlWriter.h"
#include "domain/booking/BookingEngine.h"

namespace bookdav::caldav {

struct PropertyContext {
  const Request& request;
  const Resource& resource;
  domain::CalendarReader& store;
  domain::AccountRepository& accounts;
  domain::BookingEngine& booking;
  const DavSettings& settings;
};

struct LiveProperty {
  std::string_view ns;
  std::string_view local;
  bool inAllprop;
  // Writes the whole property element; false when the property does not apply to the resource.
  bool (*get)(const PropertyContext&, xml::XmlWriter&);
  // Applies a new value to a stored collection's record; throws DavError when the value is not
  // acceptable. nullptr: the property is protected.
  void (*set)(domain::CollectionRecord&, pugi::xml_node value);
  // Removes the value; nullptr: cannot be removed.
  void (*remove)(domain::CollectionRecord&);
  // Settable only in MKCALENDAR / extended MKCOL, protected afterwards.
  bool creationOnly = false;
  // Writes the whole property element as the answer to the PROPPATCH that set it shows it: a secret
  // shown only then (the feed URL); false or nullptr: that answer names the property only. Such a
  // property cannot be set by MKCALENDAR / extended MKCOL, whose answer has no body.
  bool (*answer)(const domain::CollectionRecord&, std::string_view baseUrl, xml::XmlWriter&) = nullptr;
  // Checks a new value that is client data to parse (calendar-timezone) before the write
  // transaction (PropertyUpdate::checkValues); throws DavError. set then only applies it.
  void (*check)(pugi::xml_node value) = nullptr;

  xml::QName name() const { return {std::string(ns), std::string(local)}; }
};

const std::vector<LiveProperty>& liveProperties();
const LiveProperty* findLiveProperty(std::string_view ns, std::string_view local);

// A collection's sync position: its change-log sequence, and for a collection whose members also
// change with time (an appointment calendar's open windows) the time version they were computed for.
struct SyncPosition {
  std::int64_t seq = 0;
  std::optional<std::int64_t> time;  // unix seconds
};
// "urn:bookdav:sync:<seq>", or "urn:bookdav:sync:<seq>-<time>" with a time version.
std::string syncTokenFor(std::int64_t seq, std::optional<std::int64_t> time = std::nullopt);
std::optional<SyncPosition> parseSyncToken(std::string_view token);

// The ETag of a whole stored collection's content (GET of a calendar, feeds).
std::string collectionETag(const domain::CollectionRecord& collection, std::int64_t syncSeq,
                           std::optional<std::int64_t> timeVersion = std::nullopt);

// "mailto:alice@localhost" or the account's e-mail.
std::string calendarUserAddress(const domain::Account& account, const DavSettings& settings);

}  // namespace bookdav::caldav
