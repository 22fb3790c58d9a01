#include "server/http/Mailbox.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace bookdav::server::http {

Mailbox::Mailbox() : fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
}

Mailbox::~Mailbox() {
  ::close(fd_);
}

void Mailbox::post(Outcome outcome) {
  bool first = false;
  {
    std::lock_guard lock(mutex_);
    first = outcomes_.empty();
    outcomes_.push_back(std::move(outcome));
  }
  if (first) wake();
}

void Mailbox::wake() {
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(fd_, &one, sizeof one);
}

std::vector<Outcome> Mailbox::take() {
  std::uint64_t count = 0;
  [[maybe_unused]] ssize_t n = ::read(fd_, &count, sizeof count);
  std::vector<Outcome> taken;
  std::lock_guard lock(mutex_);
  taken.swap(outcomes_);
  return taken;
}

}  // namespace bookdav::server::http
