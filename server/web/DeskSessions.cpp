#include "server/web/DeskSessions.h"

#include <openssl/sha.h>

#include "server/api/ManageToken.h"

namespace bookdav::server::web {
namespace {

std::string sha256Hex(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// The session's CSRF token: a one-way function of its id (which only the browser's HttpOnly cookie
// holds), so that every process can show it without the database keeping the token itself.
std::string csrfOf(std::string_view id) {
  return sha256Hex(std::string("bookdav desk csrf\n") + std::string(id)).substr(0, 32);
}

}  // namespace

DeskSession DeskSessions::open(const std::string& user, domain::Role role) {
  const std::string id = api::newManageToken();
  DeskSession s{id, csrfOf(id), "", user, role};
  s.csrfDigest = sha256Hex(s.csrf);
  const domain::Instant at = clock_.now();
  store_.add({sha256Hex(id), s.csrfDigest, user, role, at}, at - kIdle, kMaxSessions);
  return s;
}

std::optional<DeskSession> DeskSessions::find(std::string_view cookieHeader) {
  std::optional<std::string> id = cookieValue(cookieHeader);
  if (!id) return std::nullopt;
  const domain::Instant at = clock_.now();
  std::optional<domain::SignInSession> stored = store_.use(sha256Hex(*id), at, at - kIdle);
  if (!stored) return std::nullopt;
  return DeskSession{*id, csrfOf(*id), stored->csrfDigest, stored->user, stored->role};
}

void DeskSessions::close(std::string_view id) {
  store_.remove(sha256Hex(id));
}

bool DeskSessions::csrfMatches(const DeskSession& session, std::string_view presented) const {
  return !session.csrfDigest.empty() && sameSecret(sha256Hex(presented), session.csrfDigest);
}

std::string DeskSessions::cookie(const DeskSession& session, bool tls) {
  return std::string(kCookie) + "=" + session.id + "; Path=/; HttpOnly; SameSite=Lax" +
         (tls ? "; Secure" : "");
}

std::string DeskSessions::expiredCookie(bool tls) {
  return std::string(kCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (tls ? "; Secure" : "");
}

std::optional<std::string> DeskSessions::cookieValue(std::string_view header) {
  while (!header.empty()) {
    const size_t semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos || pair.substr(0, eq) != kCookie) continue;
    std::string_view value = pair.substr(eq + 1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (api::looksLikeManageToken(value)) return std::string(value);
  }
  return std::nullopt;
}

bool sameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace bookdav::server::web
