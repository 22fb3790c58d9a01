#include "server/auth/PasswordCheckGate.h"

#include <algorithm>
#include <thread>

namespace bookdav::server {
namespace {

unsigned cores() {
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

PasswordCheckGate::PasswordCheckGate() : PasswordCheckGate(cores(), 64, std::chrono::seconds(30)) {}

PasswordCheckGate::PasswordCheckGate(unsigned running, unsigned waiting, std::chrono::milliseconds patience)
    : maxRunning_(std::max(1u, running)), maxWaiting_(waiting), patience_(patience) {}

PasswordCheckGate::Permit::~Permit() {
  if (gate_) gate_->leave();
}

std::optional<PasswordCheckGate::Permit> PasswordCheckGate::enter() {
  std::unique_lock lock(mutex_);
  if (running_ < maxRunning_ && waiting_ == 0) {
    ++running_;
    return Permit(*this);
  }
  if (waiting_ >= maxWaiting_) return std::nullopt;
  ++waiting_;
  const bool turn = turn_.wait_for(lock, patience_, [&] { return running_ < maxRunning_; });
  --waiting_;
  if (!turn) return std::nullopt;
  ++running_;
  return Permit(*this);
}

void PasswordCheckGate::leave() {
  {
    std::lock_guard lock(mutex_);
    --running_;
  }
  turn_.notify_one();
}

unsigned PasswordCheckGate::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

unsigned PasswordCheckGate::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_;
}

}  // namespace bookdav::server
