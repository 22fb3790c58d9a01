// A clock for tests: reads the current time (unix seconds) from a file at every call, so a test can
// move a running server through time (`bookdav serve --clock FILE`). Never for production.
#pragma once

#include <atomic>
#include <filesystem>

#include "domain/time/Clock.h"

namespace bookdav::server {

class FileClock final : public domain::Clock {
 public:
  // Throws std::runtime_error when the file holds no time yet.
  explicit FileClock(std::filesystem::path file);
  // The file's time; the last one read when the file is being rewritten or unreadable.
  domain::Instant now() const override;

 private:
  std::filesystem::path file_;
  mutable std::atomic<std::int64_t> last_;
};

}  // namespace bookdav::server
