// domain::Transactions on SQLite: the calendar store and the booking data on one connection in one
// BEGIN IMMEDIATE transaction, retried when the database was busy before it could start.
#pragma once

#include "domain/UnitOfWork.h"
#include "storage/sqlite/Database.h"

namespace bookdav::storage::sqlite {

class SqliteTransactions final : public domain::Transactions {
 public:
  // The stores' schemas must exist: construct after SqliteCalendarStore and SqliteBookingStore.
  explicit SqliteTransactions(Database& db) : db_(db) {}
  void write(const std::function<void(domain::UnitOfWork&)>& f) override;

 private:
  Database& db_;
};

}  // namespace bookdav::storage::sqlite
