// The CalendarStore on SQLite: collections, members, dead properties, instance index, change log.
#pragma once

#include <memory>

#include "domain/calendar/CalendarStore.h"
#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

// The calendar reads and writes on one connection, inside the caller's transaction (SqlTransactions).
std::unique_ptr<domain::CalendarWriter> calendarWriterOn(Connection& connection);

class SqlCalendarStore final : public domain::CalendarStore {
 public:
  explicit SqlCalendarStore(Database& db);
  void read(const std::function<void(domain::CalendarReader&)>& f) override;
  void write(const std::function<void(domain::CalendarWriter&)>& f) override;

 private:
  Database& db_;
};

}  // namespace bookdav::storage::sql
