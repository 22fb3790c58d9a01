#include "server/http/Tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <stdexcept>

namespace bookdav::server::http {
namespace {

std::string openSslReason() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

}  // namespace

void TlsContext::Free::operator()(SSL_CTX* ctx) const {
  SSL_CTX_free(ctx);
}

void TlsSession::Free::operator()(SSL* ssl) const {
  SSL_free(ssl);
}

TlsContext::TlsContext(const std::string& certificateFile, const std::string& keyFile)
    : ctx_(SSL_CTX_new(TLS_server_method())) {
  if (!ctx_) throw std::runtime_error("TLS: " + openSslReason());
  SSL_CTX_set_min_proto_version(ctx_.get(), TLS1_2_VERSION);
  // Partial writes and a moving buffer suit a loop that writes what the socket takes; idle
  // connections give their read and write buffers back.
  SSL_CTX_set_mode(ctx_.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                                   SSL_MODE_RELEASE_BUFFERS);
  SSL_CTX_set_options(ctx_.get(), SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_SERVER);
  if (SSL_CTX_use_certificate_chain_file(ctx_.get(), certificateFile.c_str()) != 1)
    throw std::runtime_error("TLS certificate " + certificateFile + ": " + openSslReason());
  if (SSL_CTX_use_PrivateKey_file(ctx_.get(), keyFile.c_str(), SSL_FILETYPE_PEM) != 1)
    throw std::runtime_error("TLS key " + keyFile + ": " + openSslReason());
  if (SSL_CTX_check_private_key(ctx_.get()) != 1)
    throw std::runtime_error("TLS key " + keyFile + " does not match " + certificateFile);
}

TlsSession::TlsSession(const TlsContext& context, int fd) : ssl_(SSL_new(context.get())) {
  if (!ssl_ || SSL_set_fd(ssl_.get(), fd) != 1) throw std::runtime_error("TLS: " + openSslReason());
  SSL_set_accept_state(ssl_.get());
}

IoStatus TlsSession::status(int result) {
  int error = SSL_get_error(ssl_.get(), result);
  switch (error) {
    case SSL_ERROR_WANT_READ:
      return IoStatus::WantRead;
    case SSL_ERROR_WANT_WRITE:
      return IoStatus::WantWrite;
    case SSL_ERROR_ZERO_RETURN:
      return IoStatus::Closed;
    case SSL_ERROR_SYSCALL:
      ERR_clear_error();
      return errno == 0 || errno == ECONNRESET ? IoStatus::Closed : IoStatus::Failed;
    default:
      ERR_clear_error();  // the error queue is per thread: leave it empty for the next connection
      return IoStatus::Failed;
  }
}

IoStatus TlsSession::handshake() {
  ERR_clear_error();
  int result = SSL_do_handshake(ssl_.get());
  return result == 1 ? IoStatus::Done : status(result);
}

IoStatus TlsSession::read(char* buffer, std::size_t capacity, std::size_t& n) {
  ERR_clear_error();
  errno = 0;
  n = 0;
  if (SSL_read_ex(ssl_.get(), buffer, capacity, &n) == 1) return IoStatus::Done;
  return status(0);
}

IoStatus TlsSession::write(const char* data, std::size_t size, std::size_t& n) {
  ERR_clear_error();
  errno = 0;
  n = 0;
  if (SSL_write_ex(ssl_.get(), data, size, &n) == 1) return IoStatus::Done;
  return status(0);
}

void TlsSession::shutdown() {
  ERR_clear_error();
  SSL_shutdown(ssl_.get());
  ERR_clear_error();
}

}  // namespace bookdav::server::http
