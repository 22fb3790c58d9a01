// domain::Transactions on SQLite: the calendar store and the booking data on one connection in one
// BEGIN IMMEDIATE transaction, retried when the database was busy before it could start.
#pragma once

#include "domain/UnitOfWork.h"
#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

class SqlTransactions final : public domain::Transactions {
 public:
  // The stores' schemas must exist: construct after SqlCalendarStore and SqlBookingStore.
  explicit SqlTransactions(Database& db) : db_(db) {}
  void write(const std::function<void(domain::UnitOfWork&)>& f) override;

 private:
  Database& db_;
};

}  // namespace bookdav::storage::sql
