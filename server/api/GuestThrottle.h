// How often guests (no account, the public booking pages) may act: bookings per client address and per
// e-mail address, and manage-token lookups that find nothing per client address, each counted in a
// fixed window and held in memory in bounded tables. Past a limit the request is answered 429 with
// Retry-After before anything else is done.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace bookdav::server::api {

struct GuestLimits {
  int bookingsPerAddress = 20;  // in one window
  int bookingsPerEmail = 5;
  int missesPerAddress = 30;  // manage tokens that find no booking
  std::chrono::seconds window{600};
  std::size_t maxRecords = 10000;  // per table
};

class GuestThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  using Limits = GuestLimits;

  explicit GuestThrottle(Limits limits = {}, std::function<Clock::time_point()> now = Clock::now)
      : limits_(limits), now_(std::move(now)) {}

  // Counts a guest booking attempt; the wait (whole seconds, at least 1) when past a limit, in which
  // case nothing is counted. Addresses count as LoginThrottle counts them (IPv6 per /64); e-mail
  // addresses case-insensitively.
  std::optional<std::chrono::seconds> booking(std::string_view address, std::string_view email);
  // Whether the address may look up a manage token now (the wait when not).
  std::optional<std::chrono::seconds> lookup(std::string_view address);
  // Counts a lookup that found nothing.
  void missed(std::string_view address);

 private:
  struct Window {
    Clock::time_point start;
    int count = 0;
  };
  using Table = std::map<std::string, Window, std::less<>>;

  // The wait when `key` has `limit` in its current window (nullopt when under it).
  std::optional<std::chrono::seconds> full(Table& table, std::string_view key, int limit,
                                           Clock::time_point at);
  void count(Table& table, std::string_view key, Clock::time_point at);

  Limits limits_;
  std::function<Clock::time_point()> now_;
  std::mutex mutex_;
  Table byAddress_, byEmail_, misses_;
};

}  // namespace bookdav::server::api
