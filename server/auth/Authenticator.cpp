#include "server/auth/Authenticator.h"

#include <Poco/Base64Decoder.h>

#include <sstream>

#include "server/auth/PasswordHash.h"

namespace bookdav::server {

std::optional<domain::Account> Authenticator::authenticate(std::string_view header) {
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
  return check(std::string_view(decoded).substr(0, colon), std::string_view(decoded).substr(colon + 1));
}

std::optional<domain::Account> Authenticator::check(std::string_view user, std::string_view password) {
  if (!domain::isValidAccountName(user)) return std::nullopt;
  auto account = accounts_.find(user);
  if (!account) {
    // Spend what a real check costs so that timing does not reveal which names exist.
    verifyPassword(password, unmatchableHash());
    return std::nullopt;
  }
  if (cache_.knows(user, password, account->passwordHash)) return account;
  if (!verifyPassword(password, account->passwordHash)) return std::nullopt;
  if (needsRehash(account->passwordHash)) {
    // Transparent upgrade to today's work factor; skipped if the password changed meanwhile.
    std::string stronger = hashPassword(password);
    if (accounts_.replacePasswordHash(account->name, account->passwordHash, stronger))
      account->passwordHash = std::move(stronger);
  }
  cache_.remember(user, password, account->passwordHash);
  return account;
}

}  // namespace bookdav::server
