// When resources are closed to class and course sessions: the closures of their working hours
// (WorkingHours::closed: holidays, days off) and their scheduled time off. Such a session does not
// take place (see SessionSync.h). Each resource is read once per ClosedTimes, inside the caller's
// transaction.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>

#include "domain/booking/BookingStore.h"
#include "domain/booking/Intervals.h"
#include "domain/booking/LocalDays.h"

namespace bookdav::domain {

class ClosedTimes {
 public:
  ClosedTimes(BookingData& data, LocalDays& days) : data_(data), days_(days) {}

  // Why one of the resources is closed during part of `time` ("ana is away: Dentist", "room-a is
  // closed: Holiday"), or nullopt when none is. Time off `except` (the one being changed) is left out.
  std::optional<std::string> during(std::span<const std::string> resourceIds, Interval time,
                                    std::optional<SessionId> except = std::nullopt);

 private:
  struct Closed {
    Intervals spans;  // parallel to notes
    std::vector<std::string> notes;
    std::string name;
  };
  const Closed* closuresOf(const std::string& resourceId);

  BookingData& data_;
  LocalDays& days_;
  std::map<std::string, std::optional<Closed>> resources_;
};

}  // namespace bookdav::domain
