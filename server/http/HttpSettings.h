// How the HTTP front door listens, and its limits and deadlines (README, "Connections").
#pragma once

#include <cstdint>
#include <string>

namespace bookdav::server {

struct HttpSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string tlsCertificate;  // PEM files; both set means HTTPS
  std::string tlsKey;
  int workerThreads = 0;  // threads running handlers; 0: twice the cores, at least 8
  bool logRequests = false;

  // Deadlines. None restarts when a byte arrives.
  int keepAliveSeconds = 30;  // idle, before a request's first byte
  int headerSeconds = 10;     // the whole header block, from its first byte
  int graceSeconds = 10;      // body and answer: this grace, plus their size at minBytesPerSecond
  std::int64_t minBytesPerSecond = 16 * 1024;
  int tlsHandshakeSeconds = 10;
  int lingerSeconds = 5;          // reading what a client still sends after the answer that closes
  int shutdownGraceSeconds = 10;  // SIGTERM: for requests in flight, then the process exits anyway

  // Limits.
  int maxConnectionsPerAddress = 256;  // an IPv4 address or an IPv6 /64
  std::int64_t maxBodyBytes = 32 * 1024 * 1024;
  std::int64_t admissionThreshold = 64 * 1024;  // larger or chunked bodies wait for Router::admit
  std::int64_t drainLimit = 1024 * 1024;        // a refused body up to this is read and dropped; else close
  std::int64_t unauthenticatedBytes = 16 * 1024 * 1024;  // bodies read before authentication, in all
  std::int64_t unauthenticatedBytesPerAddress = 2 * 1024 * 1024;
};

}  // namespace bookdav::server
