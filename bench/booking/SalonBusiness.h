// The business the booking benchmarks run on: a salon with 20 stylists (Berlin, 09:00-17:00,
// Monday to Saturday), a 30-minute haircut with any of them on a 15-minute grid, a 10-place yoga
// class, and 2,000 appointments already booked over the 30 days that follow "now". A massage with 8
// therapists of its own is where the throughput benchmark books, so it leaves the salon unchanged.
#pragma once

#include <memory>
#include <string>

#include "domain/booking/BookingDesk.h"
#include "domain/booking/Catalog.h"
#include "domain/booking/Timetable.h"
#include "storage/sql/booking/SqlBookingStore.h"

namespace bookdav::bench {

struct SalonBusiness {
  static constexpr int kStaff = 20;
  static constexpr int kDays = 30;
  static constexpr int kBookings = 2000;

  // Builds the business in a fresh database file under the system temp dir (removed on exit).
  explicit SalonBusiness(storage::sql::Durability durability);
  ~SalonBusiness();

  domain::Instant now() const { return clock.now(); }
  domain::Interval month() const { return {clock.now(), clock.now() + std::chrono::days{kDays}}; }

  std::string dir;
  std::unique_ptr<storage::sql::Database> db;
  std::unique_ptr<storage::sql::SqlBookingStore> store;
  domain::FixedClock clock;
  std::unique_ptr<domain::Catalog> catalog;
  std::unique_ptr<domain::Timetable> timetable;
  std::unique_ptr<domain::BookingDesk> desk;
  std::vector<domain::SessionId> yogaSessions;  // the class's sessions over the 30 days
};

// One salon per benchmark program and durability (PowerLoss, the default, is what `bookdav serve`
// uses unless told otherwise), built on first use.
SalonBusiness& salon(storage::sql::Durability durability = storage::sql::Durability::PowerLoss);

}  // namespace bookdav::bench
