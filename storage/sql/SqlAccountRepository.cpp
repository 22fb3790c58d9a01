#include "storage/sql/SqlAccountRepository.h"

namespace bookdav::storage::sql {
namespace {

constexpr Migration kAccountMigrations[] = {
    {1,
     "CREATE TABLE accounts ("
     " name TEXT PRIMARY KEY,"
     " role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'customer')),"
     " password_hash TEXT NOT NULL,"
     " display_name TEXT NOT NULL DEFAULT '',"
     " email TEXT NOT NULL DEFAULT '')"},
};

constexpr std::string_view kColumns = "SELECT name, role, password_hash, display_name, email FROM accounts";

domain::Account readAccount(const Statement& s) {
  domain::Account a;
  a.name = s.text(0);
  a.role = domain::parseRole(s.text(1)).value_or(domain::Role::Customer);
  a.passwordHash = s.text(2);
  a.displayName = s.text(3);
  a.email = s.text(4);
  return a;
}

}  // namespace

SqlAccountRepository::SqlAccountRepository(Database& db) : db_(db) {
  db_.migrate("accounts", kAccountMigrations);
}

std::optional<domain::Account> SqlAccountRepository::find(std::string_view name) {
  return db_.autocommit([&](Connection& c) -> std::optional<domain::Account> {
    auto s = c.prepare(std::string(kColumns) + " WHERE name = ?1");
    s.bind(1, name);
    if (!s.step()) return std::nullopt;
    return readAccount(s);
  });
}

std::vector<domain::Account> SqlAccountRepository::list() {
  return db_.autocommit([&](Connection& c) {
    auto s = c.prepare(std::string(kColumns) + " ORDER BY name");
    std::vector<domain::Account> out;
    while (s.step()) out.push_back(readAccount(s));
    return out;
  });
}

void SqlAccountRepository::save(const domain::Account& a) {
  save(a, [] {});
}

void SqlAccountRepository::save(const domain::Account& a, const std::function<void()>& check) {
  db_.write([&](Connection& c) {
    check();
    c.prepare(
         "INSERT INTO accounts (name, role, password_hash, display_name, email) VALUES (?1, ?2, ?3, ?4, ?5)"
         " ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash,"
         " display_name = excluded.display_name, email = excluded.email")
        .bindAll(a.name, domain::roleName(a.role), a.passwordHash, a.displayName, a.email)
        .run();
  });
}

bool SqlAccountRepository::replacePasswordHash(std::string_view name, std::string_view expected,
                                               std::string_view replacement) {
  return db_.write([&](Connection& c) {
    auto s = c.prepare("UPDATE accounts SET password_hash = ?3 WHERE name = ?1 AND password_hash = ?2");
    s.bindAll(name, expected, replacement).run();
    return s.changes() > 0;
  });
}

bool SqlAccountRepository::remove(std::string_view name) {
  return db_.write([&](Connection& c) {
    auto s = c.prepare("DELETE FROM accounts WHERE name = ?1");
    s.bind(1, name).run();
    return s.changes() > 0;
  });
}

}  // namespace bookdav::storage::sql
