// Where worker threads leave the outcome of a job for the event loop, and how they wake it (an
// eventfd the loop polls). Shared with the jobs, so a job that outlives the loop posts harmlessly.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "caldav/webdav/Message.h"

namespace bookdav::server::http {

enum class JobKind { Admit, Route };

struct Outcome {
  std::uint64_t connection = 0;
  std::string address;  // the client address the job was counted against
  JobKind kind = JobKind::Route;
  std::optional<caldav::Response> response;  // Admit: nullopt admits; Route: set unless askAgain
  // The request back, unchanged, when every password check was taken: it is queued again shortly.
  std::optional<caldav::Request> askAgain;
};

class Mailbox {
 public:
  Mailbox();  // throws std::system_error when no eventfd can be made
  ~Mailbox();
  Mailbox(const Mailbox&) = delete;
  Mailbox& operator=(const Mailbox&) = delete;

  int fd() const { return fd_; }
  void post(Outcome outcome);
  // Wakes the loop without an outcome (a stop request).
  void wake();
  // Everything posted so far; resets the eventfd.
  std::vector<Outcome> take();

 private:
  int fd_;
  std::mutex mutex_;
  std::vector<Outcome> outcomes_;
};

}  // namespace bookdav::server::http
