// HTTP Basic authentication against the account store, with the credential cache in front of the
// slow hash check. A successful sign-in with a hash weaker than today's replaces it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/account/Account.h"
#include "server/auth/CredentialCache.h"

namespace bookdav::server {

class Authenticator {
 public:
  explicit Authenticator(domain::AccountRepository& accounts) : accounts_(accounts) {}

  // The account for an "Authorization: Basic ..." header value, or nullopt when the header is
  // malformed, the user unknown or the password wrong.
  std::optional<domain::Account> authenticate(std::string_view authorizationHeader);
  std::optional<domain::Account> check(std::string_view user, std::string_view password);

 private:
  domain::AccountRepository& accounts_;
  CredentialCache cache_;
};

}  // namespace bookdav::server
