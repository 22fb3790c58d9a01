#include "server/auth/Authenticator.h"

#include <Poco/Base64Decoder.h>

#include <sstream>

#include "server/auth/PasswordHash.h"

namespace bookdav::server {
namespace {

constexpr const char* kWrong = "the user name or password is wrong";

struct Credentials {
  std::string user;
  std::string password;
};

std::optional<Credentials> parseBasic(std::string_view header) {
  size_t space = header.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  std::string scheme(header.substr(0, space));
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "basic") return std::nullopt;
  std::string_view encoded = header.substr(space + 1);
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  std::string decoded;
  try {
    std::istringstream in{std::string(encoded)};
    Poco::Base64Decoder decoder(in);
    decoded.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
  } catch (const std::exception&) {
    return std::nullopt;
  }
  size_t colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  return Credentials{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

SignInRefusal wrongCredentials() {
  return {SignInRefusal::Reason::WrongCredentials, kWrong, std::chrono::seconds(0)};
}

}  // namespace

SignInResult Authenticator::signIn(std::string_view header, std::string_view clientAddress) {
  std::optional<Credentials> credentials = parseBasic(header);
  if (credentials) return check(credentials->user, credentials->password, clientAddress);
  // Malformed credentials count against the address like a wrong password.
  auto attempt = throttle_.begin(clientAddress, "");
  if (auto* refusal = std::get_if<LoginThrottle::Refusal>(&attempt))
    return SignInRefusal{SignInRefusal::Reason::TooManyAttempts, refusal->message, refusal->retryAfter};
  std::get<LoginThrottle::Attempt>(attempt).failed();
  return wrongCredentials();
}

SignInResult Authenticator::check(std::string_view user, std::string_view password,
                                  std::string_view clientAddress) {
  const bool validName = domain::isValidAccountName(user);
  auto attempt = throttle_.begin(clientAddress, validName ? user : std::string_view());
  if (auto* refusal = std::get_if<LoginThrottle::Refusal>(&attempt))
    return SignInRefusal{SignInRefusal::Reason::TooManyAttempts, refusal->message, refusal->retryAfter};
  auto& letThrough = std::get<LoginThrottle::Attempt>(attempt);
  if (!validName) {
    letThrough.failed();
    return wrongCredentials();
  }
  return verify(letThrough, user, password);
}

SignInResult Authenticator::verify(LoginThrottle::Attempt& attempt, std::string_view user,
                                   std::string_view password) {
  std::optional<domain::Account> account = accounts_.find(user);
  if (account && cache_.knows(user, password, account->passwordHash)) {
    attempt.succeeded();
    return std::move(*account);
  }
  std::optional<PasswordCheckGate::Permit> permit = gate_.tryEnter();
  if (!permit) {
    // No verdict: the attempt counts as nothing (the destructor releases it).
    return SignInRefusal{SignInRefusal::Reason::Busy,
                         "the server is checking too many passwords at once; try again in a second",
                         std::chrono::seconds(1)};
  }
  if (!account) {
    // Spend what a real check costs so that timing does not reveal which names exist.
    verifyPassword(password, unmatchableHash());
    attempt.failed();
    return wrongCredentials();
  }
  if (!verifyPassword(password, account->passwordHash)) {
    attempt.failed();
    return wrongCredentials();
  }
  if (needsRehash(account->passwordHash)) {
    // Transparent upgrade to today's work factor; skipped if the password changed meanwhile.
    std::string stronger = hashPassword(password);
    if (accounts_.replacePasswordHash(account->name, account->passwordHash, stronger))
      account->passwordHash = std::move(stronger);
  }
  permit.reset();
  cache_.remember(user, password, account->passwordHash);
  attempt.succeeded();
  return std::move(*account);
}

}  // namespace bookdav::server
