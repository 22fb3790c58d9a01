// Where the domain gets "now" from: the system clock in the server, a fixed clock in tests.
#pragma once

#include <atomic>

#include "domain/time/Instant.h"

namespace bookdav::domain {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now());
  }
};

// A clock that stands still until told otherwise; thread-safe.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant t) : now_(toUnix(t)) {}
  Instant now() const override { return fromUnix(now_.load()); }
  void set(Instant t) { now_.store(toUnix(t)); }
  void advance(Seconds d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace bookdav::domain
