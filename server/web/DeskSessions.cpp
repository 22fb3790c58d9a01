#include "server/web/DeskSessions.h"

#include <algorithm>

#include "server/api/ManageToken.h"

namespace bookdav::server::web {

DeskSession DeskSessions::open(const std::string& user, domain::Role role) {
  DeskSession s{api::newManageToken(), api::newManageToken(), user, role};
  const Clock::time_point at = now_();
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= kMaxSessions) {
    std::erase_if(sessions_, [&](const auto& kv) { return at - kv.second.lastUse >= kIdle; });
    if (sessions_.size() >= kMaxSessions)
      sessions_.erase(std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
        return a.second.lastUse < b.second.lastUse;
      }));
  }
  sessions_[s.id] = Entry{s, at};
  return s;
}

std::optional<DeskSession> DeskSessions::find(std::string_view cookieHeader) {
  std::optional<std::string> id = cookieValue(cookieHeader);
  if (!id) return std::nullopt;
  const Clock::time_point at = now_();
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(*id);
  if (it == sessions_.end()) return std::nullopt;
  if (at - it->second.lastUse >= kIdle) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.lastUse = at;
  return it->second.session;
}

void DeskSessions::close(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) sessions_.erase(it);
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
