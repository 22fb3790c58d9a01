#include "server/auth/LoginThrottle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace bookdav::server {

using std::chrono::seconds;

namespace {

// Whole seconds to wait, rounded up, at least one (Retry-After takes whole seconds).
seconds ceilSeconds(std::chrono::steady_clock::duration d) {
  return std::max(seconds(1), std::chrono::ceil<seconds>(d));
}

std::string inSeconds(seconds s) {
  return s.count() == 1 ? "1 second" : std::to_string(s.count()) + " seconds";
}

}  // namespace

// ---- Table ----

bool LoginThrottle::Table::expired(const Record& r, TimePoint now) const {
  return r.pending == 0 && now >= r.blockedUntil && now >= r.lastFailure + rule_.forgetAfter;
}

LoginThrottle::Record* LoginThrottle::Table::find(const std::string& key, TimePoint now) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  if (expired(it->second.record, now)) {
    order_.erase(it->second.position);
    index_.erase(it);
    return nullptr;
  }
  return &it->second.record;
}

LoginThrottle::Record& LoginThrottle::Table::touch(const std::string& key, TimePoint now) {
  auto it = index_.find(key);
  if (it != index_.end() && expired(it->second.record, now)) {
    order_.erase(it->second.position);
    index_.erase(it);
    it = index_.end();
  }
  if (it != index_.end()) {
    order_.splice(order_.begin(), order_, it->second.position);
    return it->second.record;
  }
  while (!order_.empty() && index_.size() >= std::max<std::size_t>(rule_.capacity, 1)) {
    index_.erase(order_.back());
    order_.pop_back();
  }
  order_.push_front(key);
  return index_.emplace(key, Slot{Record{}, order_.begin()}).first->second.record;
}

void LoginThrottle::Table::erase(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return;
  order_.erase(it->second.position);
  index_.erase(it);
}

// ---- Attempt ----

LoginThrottle::Attempt::Attempt(Attempt&& other) noexcept
    : throttle_(std::exchange(other.throttle_, nullptr)),
      address_(std::move(other.address_)),
      userName_(std::move(other.userName_)) {}

LoginThrottle::Attempt::~Attempt() {
  if (throttle_) throttle_->settle(*this, false, false);
}

void LoginThrottle::Attempt::succeeded() {
  if (throttle_) throttle_->settle(*this, true, true);
}

void LoginThrottle::Attempt::failed() {
  if (throttle_) throttle_->settle(*this, false, true);
}

// ---- LoginThrottle ----

LoginThrottle::LoginThrottle(Rules rules, Clock clock)
    : clock_(std::move(clock)), addresses_(rules.address), userNames_(rules.userName) {}

std::optional<seconds> LoginThrottle::waitOf(const Record& r, const Rule& rule, TimePoint now) {
  if (now < r.blockedUntil) return ceilSeconds(r.blockedUntil - now);
  // Once failures are on record, attempts in progress count as failures too: past the allowance,
  // one at a time. Without failures (many clients behind one address signing in at once) the
  // password-check gate is the only bound.
  if (r.failures > 0 && r.pending > 0 && r.failures + r.pending >= rule.allowance) return seconds(1);
  return std::nullopt;
}

std::variant<LoginThrottle::Attempt, LoginThrottle::Refusal> LoginThrottle::begin(std::string_view address,
                                                                                  std::string_view userName) {
  const std::string addressKey = LoginThrottle::addressKey(address);
  const std::string name(userName);
  std::lock_guard lock(mutex_);
  const TimePoint now = clock_();
  const Record* a = addresses_.find(addressKey, now);
  if (a) {
    if (auto wait = waitOf(*a, addresses_.rule(), now)) {
      return Refusal{*wait, "too many failed sign-ins from " + std::string(address) + "; try again in " +
                                inSeconds(*wait)};
    }
  }
  // The user name's record holds back only addresses with failures of their own.
  const bool cleanAddress = !a || a->failures == 0;
  if (!name.empty() && !cleanAddress) {
    if (const Record* u = userNames_.find(name, now)) {
      if (auto wait = waitOf(*u, userNames_.rule(), now)) {
        return Refusal{*wait, "too many failed sign-ins as " + name + "; try again in " + inSeconds(*wait) +
                                  " (or from a device that has not failed to sign in)"};
      }
    }
  }
  addresses_.touch(addressKey, now).pending++;
  if (!name.empty()) userNames_.touch(name, now).pending++;
  return Attempt(*this, addressKey, name);
}

void LoginThrottle::countFailure(Table& table, const std::string& key, TimePoint now) {
  Record& r = table.touch(key, now);
  r.pending = std::max(0, r.pending - 1);
  r.failures = std::min(r.failures + 1, 1 << 20);
  r.lastFailure = now;
  const Rule& rule = table.rule();
  const int past = r.failures - rule.allowance;
  if (past <= 0) return;
  // firstDelay * 2^(past - 1), capped; the shift is bounded so it never overflows.
  const auto delay =
      std::min<seconds>(rule.maxDelay, rule.firstDelay * (std::int64_t{1} << std::min(past - 1, 30)));
  r.blockedUntil = now + delay;
}

void LoginThrottle::release(Table& table, const std::string& key, TimePoint now) {
  Record* r = table.find(key, now);
  if (!r) return;
  r->pending = std::max(0, r->pending - 1);
  if (r->pending == 0 && r->failures == 0) table.erase(key);
}

void LoginThrottle::settle(Attempt& attempt, bool success, bool decided) {
  std::lock_guard lock(mutex_);
  const TimePoint now = clock_();
  if (success) {
    addresses_.erase(attempt.address_);
    if (!attempt.userName_.empty()) userNames_.erase(attempt.userName_);
  } else if (decided) {
    countFailure(addresses_, attempt.address_, now);
    if (!attempt.userName_.empty()) countFailure(userNames_, attempt.userName_, now);
  } else {
    release(addresses_, attempt.address_, now);
    if (!attempt.userName_.empty()) release(userNames_, attempt.userName_, now);
  }
  attempt.throttle_ = nullptr;
}

std::size_t LoginThrottle::addressesTracked() const {
  std::lock_guard lock(mutex_);
  return addresses_.size();
}

std::size_t LoginThrottle::userNamesTracked() const {
  std::lock_guard lock(mutex_);
  return userNames_.size();
}

std::string LoginThrottle::addressKey(std::string_view address) {
  const std::string text(address);
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) return text;
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    in_addr v4{};
    std::memcpy(&v4, &v6.s6_addr[12], 4);
    char buffer[INET_ADDRSTRLEN];
    return inet_ntop(AF_INET, &v4, buffer, sizeof buffer) ? std::string(buffer) : text;
  }
  std::memset(&v6.s6_addr[8], 0, 8);
  char buffer[INET6_ADDRSTRLEN];
  return inet_ntop(AF_INET6, &v6, buffer, sizeof buffer) ? std::string(buffer) + "/64" : text;
}

}  // namespace bookdav::server
