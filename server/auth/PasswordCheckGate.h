// Bounds the slow password checks (PBKDF2 at 600,000 iterations) that run at once: at most
// `running` (one per core), with at most `waiting` more requests queued for a turn, each for at
// most `patience`. A burst of sign-ins thus holds at most running + waiting worker threads (64
// waiting is half of the HTTP server's default 128 workers); the rest are refused at once (the
// caller answers 503) instead of taking every worker. Clients whose credentials the cache knows
// never queue here.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <utility>

namespace bookdav::server {

class PasswordCheckGate {
 public:
  // While held, one check may run.
  class Permit {
   public:
    Permit(Permit&& other) noexcept : gate_(std::exchange(other.gate_, nullptr)) {}
    Permit& operator=(Permit&&) = delete;
    ~Permit();

   private:
    friend class PasswordCheckGate;
    explicit Permit(PasswordCheckGate& gate) : gate_(&gate) {}
    PasswordCheckGate* gate_;
  };

  // Defaults: one check per core, 64 queued, each waiting 30 seconds at most (60 clients signing in
  // at once, a server restart's reconnect storm, take about 4 s on two cores).
  PasswordCheckGate();
  PasswordCheckGate(unsigned running, unsigned waiting, std::chrono::milliseconds patience);

  // A permit, or nullopt when the queue is full or the turn did not come within the patience.
  std::optional<Permit> enter();

  unsigned running() const;
  unsigned waiting() const;

 private:
  void leave();

  unsigned maxRunning_;
  unsigned maxWaiting_;
  std::chrono::milliseconds patience_;
  mutable std::mutex mutex_;
  std::condition_variable turn_;
  unsigned running_ = 0;
  unsigned waiting_ = 0;
};

}  // namespace bookdav::server
