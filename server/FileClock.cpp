#include "server/FileClock.h"

#include <fstream>
#include <optional>
#include <stdexcept>

namespace bookdav::server {
namespace {

std::optional<std::int64_t> readUnixSeconds(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::int64_t t = 0;
  if (!(in >> t)) return std::nullopt;
  return t;
}

}  // namespace

FileClock::FileClock(std::filesystem::path file) : file_(std::move(file)) {
  std::optional<std::int64_t> t = readUnixSeconds(file_);
  if (!t) throw std::runtime_error("--clock " + file_.string() + " holds no time (unix seconds)");
  last_.store(*t);
}

domain::Instant FileClock::now() const {
  if (std::optional<std::int64_t> t = readUnixSeconds(file_)) last_.store(*t);
  return domain::fromUnix(last_.load());
}

}  // namespace bookdav::server
