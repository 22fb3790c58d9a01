// The booking engine's store on one SQLite database file (domain::BookingStore): write transactions
// are BEGIN IMMEDIATE on a pooled connection, so decisions of several threads and processes sharing the
// file are serialised by SQLite's write lock, never by an in-process lock.
#pragma once

#include "domain/booking/BookingStore.h"
#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

class SqlBookingStore final : public domain::BookingStore {
 public:
  // Applies the "booking" and "changes" migrations.
  explicit SqlBookingStore(Database& db);

  // Retries f from the start (a fresh transaction) when the write lock stays busy past the busy timeout;
  // nothing of a failed attempt remains.
  void write(const std::function<void(domain::BookingData&)>& f) override;
  void read(const std::function<void(domain::BookingData&)>& f) override;
  std::vector<std::string> consistencyProblems() override;

  Database& database() { return db_; }

 private:
  Database& db_;
};

}  // namespace bookdav::storage::sql
