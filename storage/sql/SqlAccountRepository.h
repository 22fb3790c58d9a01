// Login accounts in SQLite.
#pragma once

#include "domain/account/Account.h"
#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

class SqlAccountRepository final : public domain::AccountRepository {
 public:
  explicit SqlAccountRepository(Database& db);
  std::optional<domain::Account> find(std::string_view name) override;
  std::vector<domain::Account> list() override;
  void save(const domain::Account& account) override;
  void save(const domain::Account& account, const std::function<void()>& check) override;
  bool replacePasswordHash(std::string_view name, std::string_view expected,
                           std::string_view replacement) override;
  bool remove(std::string_view name) override;

 private:
  Database& db_;
};

}  // namespace bookdav::storage::sql
