// TLS for the connection engine with OpenSSL: the server's certificate and key (one SSL_CTX), and one
// non-blocking session per connection that the event loop drives (want-read / want-write).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;

namespace bookdav::server::http {

class TlsContext {
 public:
  // PEM files: the certificate (chain) and its private key. Throws std::runtime_error with OpenSSL's
  // reason when they cannot be used.
  TlsContext(const std::string& certificateFile, const std::string& keyFile);
  SSL_CTX* get() const { return ctx_.get(); }

 private:
  struct Free {
    void operator()(SSL_CTX* ctx) const;
  };
  std::unique_ptr<SSL_CTX, Free> ctx_;
};

// What a TLS (or plain socket) operation did.
enum class IoStatus {
  Done,       // some bytes moved (or the handshake finished)
  WantRead,   // try again when the socket is readable
  WantWrite,  // try again when the socket is writable
  Closed,     // the peer closed the connection
  Failed,     // a protocol or socket error: drop the connection
};

class TlsSession {
 public:
  TlsSession(const TlsContext& context, int fd);
  IoStatus handshake();
  IoStatus read(char* buffer, std::size_t capacity, std::size_t& n);
  IoStatus write(const char* data, std::size_t size, std::size_t& n);
  // Sends close_notify, best effort (no waiting for the peer's).
  void shutdown();

 private:
  struct Free {
    void operator()(SSL* ssl) const;
  };
  IoStatus status(int result);
  std::unique_ptr<SSL, Free> ssl_;
};

}  // namespace bookdav::server::http
