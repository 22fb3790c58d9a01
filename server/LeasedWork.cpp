#include "server/LeasedWork.h"

#include <unistd.h>

#include <iostream>
#include <random>

namespace bookdav::server {

using domain::Instant;

LeasedWork::LeasedWork(domain::WorkLeases& leases, std::string name, const domain::Clock& clock,
                       domain::Seconds ttl)
    : leases_(leases), name_(std::move(name)), clock_(clock), ttl_(ttl), holder_(processHolder()) {}

std::string LeasedWork::processHolder() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device rd;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag;
  for (int i = 0; i < 8; ++i) tag += kHex[rd() & 15];
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + tag;
}

bool LeasedWork::mine() {
  std::lock_guard lock(mutex_);
  const Instant now = clock_.now();
  if (until_ && now < *until_ - ttl_ / 2) return true;
  try {
    if (!until_) {
      // Not ours: look before writing, so that waiting processes cost the database only a read.
      std::optional<domain::WorkLease> current = leases_.find(name_);
      if (current && current->holder != holder_ && now < current->expires) return false;
    }
    if (leases_.hold(name_, holder_, now, now + ttl_)) {
      if (!until_) std::cerr << "bookdav: this process (" << holder_ << ") runs " << name_ << std::endl;
      until_ = now + ttl_;
      return true;
    }
    until_.reset();
    return false;
  } catch (const std::exception& e) {
    std::cerr << "bookdav: the " << name_ << " lease could not be renewed: " << e.what() << std::endl;
    if (until_ && now >= *until_) until_.reset();
    return false;
  }
}

void LeasedWork::giveUp() {
  std::lock_guard lock(mutex_);
  if (!until_) return;
  until_.reset();
  try {
    leases_.release(name_, holder_);
  } catch (const std::exception&) {
    // It expires on its own.
  }
}

}  // namespace bookdav::server
