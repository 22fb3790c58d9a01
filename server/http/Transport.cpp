#include "server/http/Transport.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace bookdav::server::http {

Transport::Transport(int fd, const TlsContext* tls) : fd_(fd) {
  try {
    if (tls) tls_ = std::make_unique<TlsSession>(*tls, fd);
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

Transport::~Transport() {
  tls_.reset();
  ::close(fd_);
}

IoStatus Transport::handshake() {
  return tls_ ? tls_->handshake() : IoStatus::Done;
}

IoStatus Transport::read(char* buffer, std::size_t capacity, std::size_t& n) {
  if (tls_) return tls_->read(buffer, capacity, n);
  n = 0;
  while (true) {
    ssize_t got = ::recv(fd_, buffer, capacity, 0);
    if (got > 0) {
      n = static_cast<std::size_t>(got);
      return IoStatus::Done;
    }
    if (got == 0) return IoStatus::Closed;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return IoStatus::WantRead;
    return errno == ECONNRESET ? IoStatus::Closed : IoStatus::Failed;
  }
}

IoStatus Transport::write(const char* data, std::size_t size, std::size_t& n) {
  if (tls_) return tls_->write(data, size, n);
  n = 0;
  while (true) {
    ssize_t sent = ::send(fd_, data, size, MSG_NOSIGNAL);
    if (sent >= 0) {
      n = static_cast<std::size_t>(sent);
      return IoStatus::Done;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return IoStatus::WantWrite;
    return errno == EPIPE || errno == ECONNRESET ? IoStatus::Closed : IoStatus::Failed;
  }
}

void Transport::finishWriting() {
  if (finished_) return;
  finished_ = true;
  if (tls_) tls_->shutdown();
  ::shutdown(fd_, SHUT_WR);
}

IoStatus Transport::discard(char* scratch, std::size_t capacity) {
  while (true) {
    ssize_t got = ::recv(fd_, scratch, capacity, 0);
    if (got > 0) return IoStatus::Done;
    if (got == 0) return IoStatus::Closed;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return IoStatus::WantRead;
    return IoStatus::Closed;
  }
}

}  // namespace bookdav::server::http
