// One accepted client socket, non-blocking, plain or TLS: the reads, writes and closing steps of the
// connection engine. Owns the file descriptor.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>

#include "server/http/Tls.h"

namespace bookdav::server::http {

class Transport {
 public:
  Transport(int fd, const TlsContext* tls);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  int fd() const { return fd_; }
  bool secure() const { return tls_ != nullptr; }

  // TLS only; a plain socket has nothing to negotiate.
  IoStatus handshake();
  IoStatus read(char* buffer, std::size_t capacity, std::size_t& n);
  IoStatus write(const char* data, std::size_t size, std::size_t& n);
  // After the last answer: close_notify (TLS), then FIN; the peer may still be sending.
  void finishWriting();
  // Reads and drops raw bytes (after finishWriting): Done while bytes come, WantRead, or Closed.
  IoStatus discard(char* scratch, std::size_t capacity);

 private:
  int fd_;
  std::unique_ptr<TlsSession> tls_;
  bool finished_ = false;
};

}  // namespace bookdav::server::http
