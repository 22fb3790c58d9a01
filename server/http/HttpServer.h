// The HTTP(S) front door: an event loop that owns every connection (ConnectionEngine) and a pool of
// workers that run the Router, with deadlines, per-address caps and a bounded graceful stop.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "server/http/HttpSettings.h"

namespace bookdav::server {

namespace http {
class ConnectionEngine;
class TlsContext;
class WorkerPool;
}  // namespace http

class Router;

class HttpServer {
 public:
  // Binds the port (throws std::runtime_error when it cannot) and loads the TLS files if given.
  HttpServer(Router& router, HttpSettings settings);
  ~HttpServer();
  void start();
  // Stops accepting, closes idle connections and lets requests in flight finish until the grace
  // is over. True when every handler finished; false when one is still running (stuck): the caller
  // should then end the process without waiting for it (the database is crash-safe).
  bool stop(int graceSeconds);
  std::uint16_t port() const;
  int workerThreads() const { return settings_.workerThreads; }

 private:
  HttpSettings settings_;
  std::unique_ptr<http::TlsContext> tls_;
  std::unique_ptr<http::WorkerPool> pool_;
  std::unique_ptr<http::ConnectionEngine> engine_;
  std::thread loop_;
};

// "127.0.0.1:8080" -> host and port; throws std::invalid_argument.
void parseListen(const std::string& text, HttpSettings& settings);

// Twice the processor cores, at least 8: handlers mostly wait on SQLite, whose writes serialise anyway.
int defaultWorkerThreads();

}  // namespace bookdav::server
