// Bounds the slow password checks (PBKDF2 at 600,000 iterations) that run at once to one per core.
// Nobody waits here: when every turn is taken the caller is told at once, and the front door keeps the
// request in its own queue and asks again shortly, so a burst of sign-ins never holds worker threads
// that requests from signed-in clients (whose credentials the cache knows) need.
#pragma once

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

  // One check per core by default.
  PasswordCheckGate();
  explicit PasswordCheckGate(unsigned running);

  // A permit, or nullopt when every turn is taken.
  std::optional<Permit> tryEnter();

  unsigned running() const;

 private:
  void leave();

  unsigned maxRunning_;
  mutable std::mutex mutex_;
  unsigned running_ = 0;
};

}  // namespace bookdav::server
