// Signed-in sessions (domain/account/SignInSessions.h) in the desk_sessions table.
#pragma once

#include "domain/account/SignInSessions.h"
#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

class SqlSignInSessions final : public domain::SignInSessions {
 public:
  explicit SqlSignInSessions(Database& db);
  void add(const domain::SignInSession& session, domain::Instant idleBefore, std::size_t bound) override;
  std::optional<domain::SignInSession> use(std::string_view idDigest, domain::Instant now,
                                           domain::Instant idleBefore) override;
  void remove(std::string_view idDigest) override;

 private:
  Database& db_;
};

}  // namespace bookdav::storage::sql
