// domain::BookingData on one SQLite connection inside the caller's transaction. Its methods live in
// one file per table family: SqlCatalogRows.cpp, SqlScheduleRows.cpp, SqlSessionRows.cpp,
// SqlBookingRows.cpp, SqlGuestRows.cpp. The change log rows go to SqlChangeLog's table.
#pragma once

#include "domain/booking/BookingStore.h"
#include "storage/sql/Sql.h"

namespace bookdav::storage::sql {

class SqlBookingData final : public domain::BookingData {
 public:
  explicit SqlBookingData(Connection& conn) : c_(conn) {}

  std::vector<domain::Service> services() override;
  std::optional<domain::Service> service(std::string_view id) override;
  void putService(const domain::Service& service) override;
  void deleteService(std::string_view id) override;
  std::vector<domain::Resource> resources() override;
  std::optional<domain::Resource> resource(std::string_view id) override;
  std::vector<domain::Resource> resources(std::span<const std::string> ids) override;
  void putResource(const domain::Resource& resource) override;
  void deleteResource(std::string_view id) override;

  std::optional<domain::StoredSchedule> schedule(std::string_view serviceId) override;
  void putSchedule(const domain::Schedule& schedule, domain::Instant materialisedUntil) override;
  void deleteSchedule(std::string_view serviceId) override;

  std::optional<domain::Session> session(domain::SessionId id) override;
  std::vector<domain::Session> sessionsOfService(std::string_view serviceId, domain::Interval range) override;
  std::vector<domain::Session> sessionsStartingAt(std::string_view serviceId, domain::Instant start) override;
  std::vector<domain::BusyTime> busyTimes(std::span<const std::string> resourceIds,
                                          domain::Interval range) override;
  std::vector<domain::Session> sessionsOnResource(std::string_view resourceId,
                                                  domain::Interval range) override;
  domain::SessionId insertSession(const domain::Session& session) override;
  void updateSession(const domain::Session& session) override;
  void deleteSession(domain::SessionId id) override;
  bool sessionHasBookings(domain::SessionId id) override;

  std::optional<domain::Booking> booking(domain::BookingId id) override;
  std::vector<domain::Booking> bookings(const domain::BookingFilter& filter) override;
  std::vector<domain::Booking> bookingsOfSession(domain::SessionId id, domain::BookingStatus status) override;
  std::optional<domain::Booking> bookingByClientHref(std::string_view customer, std::string_view serviceId,
                                                     std::string_view href) override;
  std::optional<domain::Booking> bookingByClientUid(std::string_view customer, std::string_view uid) override;
  domain::BookingId insertBooking(const domain::Booking& booking) override;
  void updateBooking(const domain::Booking& booking) override;
  std::int64_t nextQueueNumber() override;
  void putManageToken(domain::BookingId booking, std::string_view token) override;
  std::optional<domain::BookingId> bookingByManageToken(std::string_view token) override;

  bool publicBooking() override;
  void setPublicBooking(bool on) override;

  void recordChange(std::string_view scope, std::string_view item, bool deleted) override;

  void appendEvent(const domain::BookingEvent& event) override;
  std::vector<domain::BookingEvent> eventsAfter(std::int64_t after, std::size_t limit) override;
  std::int64_t consumed(std::string_view consumer) override;
  void markConsumed(std::string_view consumer, std::int64_t seq) override;

 private:
  domain::WorkingHours hoursOf(std::string_view resourceId);
  domain::Session sessionRow(Statement& row, bool withOccupancy);
  std::vector<domain::Session> sessionList(Statement& rows, bool withOccupancy);
  void linkSessionResources(const domain::Session& session);
  domain::Booking bookingRow(Statement& row);
  std::vector<domain::Booking> bookingList(Statement& rows);
  void linkBookingSessions(const domain::Booking& booking);

  Connection& c_;
};

}  // namespace bookdav::storage::sql
