// Work leases (domain/process/WorkLeases.h) in the work_leases table.
#pragma once

#include "domain/process/WorkLeases.h"
#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

class SqlWorkLeases final : public domain::WorkLeases {
 public:
  explicit SqlWorkLeases(Database& db);
  bool hold(std::string_view name, std::string_view holder, domain::Instant now,
            domain::Instant until) override;
  void release(std::string_view name, std::string_view holder) override;
  std::optional<domain::WorkLease> find(std::string_view name) override;

 private:
  Database& db_;
};

}  // namespace bookdav::storage::sql
