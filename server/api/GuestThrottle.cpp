#include "server/api/GuestThrottle.h"

#include <algorithm>
#include <cctype>

#include "server/auth/LoginThrottle.h"

namespace bookdav::server::api {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::optional<std::chrono::seconds> GuestThrottle::full(Table& table, std::string_view key, int limit,
                                                        Clock::time_point at) {
  auto it = table.find(key);
  if (it == table.end() || at - it->second.start >= limits_.window || it->second.count < limit)
    return std::nullopt;
  auto left = std::chrono::ceil<std::chrono::seconds>(it->second.start + limits_.window - at);
  return std::max(left, std::chrono::seconds{1});
}

void GuestThrottle::count(Table& table, std::string_view key, Clock::time_point at) {
  auto it = table.find(key);
  if (it == table.end()) {
    if (table.size() >= limits_.maxRecords) {
      std::erase_if(table, [&](const auto& kv) { return at - kv.second.start >= limits_.window; });
      // Still full of live windows: forget the oldest, so that new clients are never locked out.
      if (table.size() >= limits_.maxRecords)
        table.erase(std::min_element(table.begin(), table.end(), [](const auto& a, const auto& b) {
          return a.second.start < b.second.start;
        }));
    }
    it = table.emplace(std::string(key), Window{at, 0}).first;
  }
  if (at - it->second.start >= limits_.window) it->second = Window{at, 0};
  ++it->second.count;
}

std::optional<std::chrono::seconds> GuestThrottle::booking(std::string_view address, std::string_view email) {
  const Clock::time_point at = now_();
  const std::string addressKey = LoginThrottle::addressKey(address);
  const std::string emailKey = lower(email);
  std::lock_guard lock(mutex_);
  auto a = full(byAddress_, addressKey, limits_.bookingsPerAddress, at);
  auto e = emailKey.empty() ? std::nullopt : full(byEmail_, emailKey, limits_.bookingsPerEmail, at);
  if (a || e) return std::max(a.value_or(std::chrono::seconds{0}), e.value_or(std::chrono::seconds{0}));
  count(byAddress_, addressKey, at);
  if (!emailKey.empty()) count(byEmail_, emailKey, at);
  return std::nullopt;
}

std::optional<std::chrono::seconds> GuestThrottle::lookup(std::string_view address) {
  const Clock::time_point at = now_();
  std::lock_guard lock(mutex_);
  return full(misses_, LoginThrottle::addressKey(address), limits_.missesPerAddress, at);
}

void GuestThrottle::missed(std::string_view address) {
  const Clock::time_point at = now_();
  std::lock_guard lock(mutex_);
  count(misses_, LoginThrottle::addressKey(address), at);
}

}  // namespace bookdav::server::api
