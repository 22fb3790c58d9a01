// Signed-in browser sessions (the front desk's), kept in the database so that a sign-in on one bookdav
// process is known to every other process on the same database. Only digests of the session id and
// of its CSRF token are stored, never the secrets themselves. Implemented in storage/.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/account/Account.h"
#include "domain/time/Instant.h"

namespace bookdav::domain {

struct SignInSession {
  std::string idDigest;    // SHA-256 of the session id, hex
  std::string csrfDigest;  // SHA-256 of the CSRF token, hex
  std::string user;
  Role role = Role::Staff;
  Instant lastUse;
};

class SignInSessions {
 public:
  virtual ~SignInSessions() = default;
  // Stores a new session; first drops the sessions last used at or before idleBefore and, when `bound` would
  // be passed, the least recently used ones.
  virtual void add(const SignInSession& session, Instant idleBefore, std::size_t bound) = 0;
  // The session with this id digest used after idleBefore, its last use moved to now (an expired one
  // is dropped); nullopt when there is none.
  virtual std::optional<SignInSession> use(std::string_view idDigest, Instant now, Instant idleBefore) = 0;
  virtual void remove(std::string_view idDigest) = 0;
};

}  // namespace bookdav::domain
