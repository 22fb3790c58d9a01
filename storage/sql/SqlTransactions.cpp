#include "storage/sql/SqlTransactions.h"

#include "domain/StoreUnavailable.h"
#include "storage/sql/SqlCalendarStore.h"
#include "storage/sql/booking/SqlBookingData.h"

namespace bookdav::storage::sql {
namespace {

constexpr int kBusyRetries = 5;

class SqlUnitOfWork final : public domain::UnitOfWork {
 public:
  explicit SqlUnitOfWork(Connection& c) : calendars_(calendarWriterOn(c)), booking_(c) {}
  domain::CalendarWriter& calendars() override { return *calendars_; }
  domain::BookingData& booking() override { return booking_; }

 private:
  std::unique_ptr<domain::CalendarWriter> calendars_;
  SqlBookingData booking_;
};

}  // namespace

void SqlTransactions::write(const std::function<void(domain::UnitOfWork&)>& f) {
  for (int attempt = 0;; ++attempt) {
    try {
      db_.write([&](Connection& c) {
        SqlUnitOfWork unit(c);
        f(unit);
      });
      return;
    } catch (const StorageError& e) {
      if (!e.busy()) throw;
      if (attempt >= kBusyRetries)
        throw domain::StoreUnavailable(domain::StoreUnavailable::Outcome::NotMade,
                                       std::string("the database stayed busy: ") + e.what());
    }
  }
}

}  // namespace bookdav::storage::sql
