#include "server/auth/PasswordCheckGate.h"

#include <algorithm>
#include <thread>

namespace bookdav::server {

PasswordCheckGate::PasswordCheckGate() : PasswordCheckGate(std::thread::hardware_concurrency()) {}

PasswordCheckGate::PasswordCheckGate(unsigned running) : maxRunning_(std::max(1u, running)) {}

PasswordCheckGate::Permit::~Permit() {
  if (gate_) gate_->leave();
}

std::optional<PasswordCheckGate::Permit> PasswordCheckGate::tryEnter() {
  std::lock_guard lock(mutex_);
  if (running_ >= maxRunning_) return std::nullopt;
  ++running_;
  return Permit(*this);
}

void PasswordCheckGate::leave() {
  std::lock_guard lock(mutex_);
  --running_;
}

unsigned PasswordCheckGate::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

}  // namespace bookdav::server
