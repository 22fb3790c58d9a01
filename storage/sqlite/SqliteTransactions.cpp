#include "storage/sqlite/SqliteTransactions.h"

#include "storage/sqlite/SqliteCalendarStore.h"
#include "storage/sqlite/booking/SqliteBookingData.h"

namespace bookdav::storage::sqlite {
namespace {

constexpr int kBusyRetries = 5;

class SqliteUnitOfWork final : public domain::UnitOfWork {
 public:
  explicit SqliteUnitOfWork(Connection& c) : calendars_(calendarWriterOn(c)), booking_(c) {}
  domain::CalendarWriter& calendars() override { return *calendars_; }
  domain::BookingData& booking() override { return booking_; }

 private:
  std::unique_ptr<domain::CalendarWriter> calendars_;
  SqliteBookingData booking_;
};

}  // namespace

void SqliteTransactions::write(const std::function<void(domain::UnitOfWork&)>& f) {
  for (int attempt = 0;; ++attempt) {
    try {
      db_.write([&](Connection& c) {
        SqliteUnitOfWork unit(c);
        f(unit);
      });
      return;
    } catch (const StorageError& e) {
      if (!e.busy() || attempt >= kBusyRetries) throw;
    }
  }
}

}  // namespace bookdav::storage::sqlite
