// The storage the booking domain runs on (implemented in storage/sql/booking): BookingData is what
// the rules read and write inside one transaction; BookingStore runs such transactions. Every
// decision that consumes capacity runs inside one BookingStore::write, which re-reads what it decides
// on, so that several processes sharing one database can never overbook.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "domain/booking/Booking.h"
#include "domain/booking/BookingEvent.h"
#include "domain/booking/Resource.h"
#include "domain/booking/Schedule.h"
#include "domain/booking/Service.h"
#include "domain/booking/Session.h"

namespace bookdav::domain {

// A schedule as stored, with how far its sessions have been materialised.
struct StoredSchedule {
  Schedule schedule;
  Instant materialisedUntil;  // sessions exist for every occurrence whose origin lies before this
};

// Reads and writes of booking data inside one transaction. Writes are allowed only inside
// BookingStore::write. Lists come in a stable order (ids / start times) so that decisions are repeatable.
class BookingData {
 public:
  virtual ~BookingData() = default;

  // ---- catalog ----
  virtual std::vector<Service> services() = 0;
  virtual std::optional<Service> service(std::string_view id) = 0;
  virtual void putService(const Service& service) = 0;  // insert or replace
  virtual void deleteService(std::string_view id) = 0;
  virtual std::vector<Resource> resources() = 0;
  virtual std::optional<Resource> resource(std::string_view id) = 0;
  // The resources among `ids` that exist, in the order of `ids`.
  virtual std::vector<Resource> resources(std::span<const std::string> ids) = 0;
  virtual void putResource(const Resource& resource) = 0;  // insert or replace, working hours included
  virtual void deleteResource(std::string_view id) = 0;

  // ---- schedules ----
  virtual std::optional<StoredSchedule> schedule(std::string_view serviceId) = 0;
  virtual void putSchedule(const Schedule& schedule, Instant materialisedUntil) = 0;
  virtual void deleteSchedule(std::string_view serviceId) = 0;

  // ---- sessions (occupancy filled unless said otherwise) ----
  virtual std::optional<Session> session(SessionId id) = 0;
  // Sessions of a service (any status) overlapping range, in start order.
  virtual std::vector<Session> sessionsOfService(std::string_view serviceId, Interval range) = 0;
  // Scheduled sessions of the service that start exactly at `start`, in id order.
  virtual std::vector<Session> sessionsStartingAt(std::string_view serviceId, Instant start) = 0;
  // The holds of scheduled sessions on any of the resources whose occupied span (buffers included)
  // overlaps range: one entry per session and resource, in no particular order.
  virtual std::vector<BusyTime> busyTimes(std::span<const std::string> resourceIds, Interval range) = 0;
  // Sessions (any status) on one resource overlapping range, in start order.
  virtual std::vector<Session> sessionsOnResource(std::string_view resourceId, Interval range) = 0;
  virtual SessionId insertSession(const Session& session) = 0;  // id, taken, waitlisted ignored
  virtual void updateSession(const Session& session) = 0;       // by id
  virtual void deleteSession(SessionId id) = 0;                 // only when no booking refers to it
  virtual bool sessionHasBookings(SessionId id) = 0;            // any status

  // ---- bookings (time and resourceIds derived from the sessions when read) ----
  virtual std::optional<Booking> booking(BookingId id) = 0;
  virtual std::vector<Booking> bookings(const BookingFilter& filter) = 0;
  // Bookings of a session with the given status, in waitlist order (queue, then id).
  virtual std::vector<Booking> bookingsOfSession(SessionId id, BookingStatus status) = 0;
  // The latest booking of the customer with this client href / UID (any status).
  virtual std::optional<Booking> bookingByClientHref(std::string_view customer, std::string_view serviceId,
                                                     std::string_view href) = 0;
  virtual std::optional<Booking> bookingByClientUid(std::string_view customer, std::string_view uid) = 0;
  virtual BookingId insertBooking(const Booking& booking) = 0;  // id ignored; sessionIds linked
  virtual void updateBooking(const Booking& booking) = 0;       // by id; sessionIds relinked
  // A guest booking's manage token, stored as a digest only; the booking it finds (by digest).
  virtual void putManageToken(BookingId booking, std::string_view token) = 0;
  virtual std::optional<BookingId> bookingByManageToken(std::string_view token) = 0;
  // A waitlist number higher than any given so far.
  virtual std::int64_t nextQueueNumber() = 0;

  // ---- the business's settings ----
  virtual bool publicBooking() = 0;  // guests may book on the public pages (off until a file turns it on)
  virtual void setPublicBooking(bool on) = 0;

  // ---- change log (domain/sync/ChangeLog.h), in the same transaction ----
  virtual void recordChange(std::string_view scope, std::string_view item, bool deleted) = 0;

  // ---- booking events (domain/booking/BookingEvent.h), in the same transaction ----
  virtual void appendEvent(const BookingEvent& event) = 0;  // event.seq is assigned
  // Events with seq > after, in seq order, at most limit.
  virtual std::vector<BookingEvent> eventsAfter(std::int64_t after, std::size_t limit) = 0;
  // A consumer's position: the seq of the last event it has dealt with (0 before the first).
  virtual std::int64_t consumed(std::string_view consumer) = 0;
  virtual void markConsumed(std::string_view consumer, std::int64_t seq) = 0;
};

class BookingStore {
 public:
  virtual ~BookingStore() = default;

  // Runs f inside one write transaction that holds the database's write lock from its first read
  // (SQLite: BEGIN IMMEDIATE). An exception from f (e.g. Refused) rolls back everything f wrote and
  // propagates. f may be run again if the database was busy before it could start.
  virtual void write(const std::function<void(BookingData&)>& f) = 0;
  // Runs f over one consistent snapshot; f must not write.
  virtual void read(const std::function<void(BookingData&)>& f) = 0;

  // Problems in the stored data that the engine must never produce: a session holding more places
  // than its capacity, two appointments overlapping on one resource, a booking without sessions...
  // Empty when consistent. For tests and `bookdav check`.
  virtual std::vector<std::string> consistencyProblems() = 0;

  // write()/read() that return f's result.
  template <typename F>
  auto writing(F&& f) -> std::invoke_result_t<F&, BookingData&> {
    return run<true>(std::forward<F>(f));
  }
  template <typename F>
  auto reading(F&& f) -> std::invoke_result_t<F&, BookingData&> {
    return run<false>(std::forward<F>(f));
  }

 private:
  template <bool Write, typename F>
  auto run(F&& f) -> std::invoke_result_t<F&, BookingData&> {
    using R = std::invoke_result_t<F&, BookingData&>;
    if constexpr (std::is_void_v<R>) {
      Write ? write(f) : read(f);
    } else {
      std::optional<R> result;
      auto body = [&](BookingData& data) { result.emplace(f(data)); };
      Write ? write(body) : read(body);
      return std::move(*result);
    }
  }
};

}  // namespace bookdav::domain
