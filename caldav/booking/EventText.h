// Writes the iCalendar text of generated events: content lines folded at 75 octets with CRLF, TEXT
// values escaped (RFC 5545 3.3.11), parameter values quoted where needed, times in UTC. Text that
// is not valid in a content line (stored before bookdav checked it) is repaired, never written.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "domain/time/Instant.h"

namespace bookdav::caldav {

class EventText {
 public:
  using Params = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  explicit EventText(std::string_view productId);
  EventText& begin(std::string_view component);
  EventText& end(std::string_view component);
  // A TEXT value, escaped.
  EventText& text(std::string_view name, std::string_view value, Params params = {});
  // A value written as given (URIs, numbers, enumerations).
  EventText& raw(std::string_view name, std::string_view value, Params params = {});
  EventText& utc(std::string_view name, domain::Instant t);
  // "END:VCALENDAR" and the text.
  std::string finish();

  static std::string utcText(domain::Instant t);  // "20261201T103000Z"

 private:
  void line(std::string_view name, Params params, std::string_view value);
  std::string out_;
};

}  // namespace bookdav::caldav
