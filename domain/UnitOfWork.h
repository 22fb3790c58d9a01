// One write transaction over everything bookdav keeps: calendar collections and objects, and the
// booking data. A change that touches both (an invitation booked and the organizer's event stored
// with the answer, a booking change and the messages it sends) commits or rolls back as one.
// Implemented in storage/ (one database transaction); declared here so that callers stay engine-neutral.
#pragma once

#include <functional>
#include <optional>
#include <type_traits>

#include "domain/booking/BookingStore.h"
#include "domain/calendar/CalendarStore.h"

namespace bookdav::domain {

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual CalendarWriter& calendars() = 0;
  virtual BookingData& booking() = 0;
};

class Transactions {
 public:
  virtual ~Transactions() = default;
  // Runs f inside one write transaction holding the database's write lock from its first read; an
  // exception from f rolls back everything f wrote and propagates. f may be run again if the
  // database was busy before it could start.
  virtual void write(const std::function<void(UnitOfWork&)>& f) = 0;

  // write() returning f's result.
  template <typename F>
  auto writing(F&& f) -> std::invoke_result_t<F&, UnitOfWork&> {
    using R = std::invoke_result_t<F&, UnitOfWork&>;
    if constexpr (std::is_void_v<R>) {
      write(f);
    } else {
      std::optional<R> result;
      write([&](UnitOfWork& unit) { result.emplace(f(unit)); });
      return std::move(*result);
    }
  }
};

}  // namespace bookdav::domain
