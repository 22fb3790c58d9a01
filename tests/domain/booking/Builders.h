// Small builders for booking tests: times, dates, a salon's staff and chairs, and services of each kind.
#pragma once

#include <chrono>
#include <string>

#include "domain/booking/Resource.h"
#include "domain/booking/Schedule.h"
#include "domain/booking/Service.h"
#include "domain/time/Instant.h"

namespace bookdav::domain::testing {

inline Instant utc(const char* text) {
  return *parseRfc3339(text);
}
inline std::chrono::year_month_day date(int y, unsigned m, unsigned d) {
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
inline Seconds hm(int h, int m = 0) {
  return std::chrono::hours{h} + std::chrono::minutes{m};
}
inline LocalDateTime local(int y, unsigned m, unsigned d, int h, int mi = 0) {
  return LocalDateTime{date(y, m, d), hm(h, mi)};
}

inline const char* kZone = "Europe/Berlin";

// Open every day from `from` to `to` local time.
inline WorkingHours everyDay(Seconds from, Seconds to) {
  WorkingHours h;
  h.weekly.push_back(WeeklyHours{Weekdays::everyDay(), from, to, std::nullopt, std::nullopt});
  return h;
}

inline Resource staff(const std::string& id, WorkingHours hours = everyDay(hm(9), hm(17))) {
  Resource r;
  r.id = id;
  r.kind = ResourceKind::Staff;
  r.name = id;
  r.timeZone = kZone;
  r.userName = id;
  r.hours = std::move(hours);
  return r;
}

inline Resource room(const std::string& id, WorkingHours hours = everyDay(hm(0), hm(24))) {
  Resource r = staff(id, std::move(hours));
  r.kind = ResourceKind::Room;
  r.userName.clear();
  return r;
}

// A 30-minute appointment with any one of `stylists` (and each extra group).
inline Service haircut(std::vector<std::string> stylists = {"ana"}, std::vector<ResourceGroup> more = {}) {
  Service s;
  s.id = "haircut";
  s.kind = ServiceKind::Appointment;
  s.name = "Haircut";
  s.timeZone = kZone;
  s.duration = std::chrono::minutes{30};
  s.price = Price{3500, "EUR"};
  s.capacity = 1;
  s.resources.push_back(ResourceGroup{std::move(stylists)});
  for (auto& g : more) s.resources.push_back(std::move(g));
  return s;
}

inline Service yoga(int capacity = 10) {
  Service s;
  s.id = "yoga";
  s.kind = ServiceKind::Class;
  s.name = "Yoga";
  s.timeZone = kZone;
  s.duration = std::chrono::minutes{60};
  s.price = Price{1200, "EUR"};
  s.capacity = capacity;
  s.policy.maxParticipantsPerBooking = 4;
  return s;
}

inline Service spanish(int capacity = 6) {
  Service s;
  s.id = "spanish";
  s.kind = ServiceKind::Course;
  s.name = "Spanish A1";
  s.timeZone = kZone;
  s.duration = std::chrono::minutes{90};
  s.price = Price{24000, "EUR"};
  s.capacity = capacity;
  s.policy.maxParticipantsPerBooking = 4;
  return s;
}

// Every Monday at 20:00 (Berlin) from 2026-11-02 (a Monday).
inline Schedule mondays(const std::string& serviceId, std::optional<int> count = std::nullopt) {
  Schedule s;
  s.serviceId = serviceId;
  s.rules.push_back(
      WeeklyRecurrence{Weekdays{std::chrono::Monday}, hm(20), date(2026, 11, 2), std::nullopt, count});
  return s;
}

}  // namespace bookdav::domain::testing
