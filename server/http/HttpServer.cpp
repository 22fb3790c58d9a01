#include "server/http/HttpServer.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "server/http/ConnectionEngine.h"
#include "server/http/Tls.h"
#include "server/http/WorkerPool.h"

namespace bookdav::server {

void parseListen(const std::string& text, HttpSettings& settings) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    throw std::invalid_argument("--listen wants HOST:PORT, e.g. 127.0.0.1:8080");
  }
  int port = 0;
  for (char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9' || port > 65535) throw std::invalid_argument("bad port in --listen " + text);
    port = port * 10 + (c - '0');
  }
  if (port > 65535) throw std::invalid_argument("bad port in --listen " + text);
  settings.host = text.substr(0, colon);
  if (settings.host.size() > 2 && settings.host.front() == '[')
    settings.host = settings.host.substr(1, settings.host.size() - 2);
  settings.port = static_cast<std::uint16_t>(port);
}

int defaultWorkerThreads() {
  return std::max(8, 2 * static_cast<int>(std::thread::hardware_concurrency()));
}

HttpServer::HttpServer(Router& router, HttpSettings settings) : settings_(std::move(settings)) {
  if (settings_.workerThreads <= 0) settings_.workerThreads = defaultWorkerThreads();
  if (!settings_.tlsCertificate.empty())
    tls_ = std::make_unique<http::TlsContext>(settings_.tlsCertificate, settings_.tlsKey);
  pool_ = std::make_unique<http::WorkerPool>(settings_.workerThreads);
  engine_ = std::make_unique<http::ConnectionEngine>(router, settings_, tls_.get(), *pool_);
}

HttpServer::~HttpServer() {
  if (loop_.joinable()) stop(0);
}

void HttpServer::start() {
  loop_ = std::thread([this] { engine_->run(); });
}

std::uint16_t HttpServer::port() const {
  return engine_->port();
}

bool HttpServer::stop(int graceSeconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(graceSeconds);
  engine_->requestStop(deadline);
  if (loop_.joinable()) loop_.join();
  return pool_->stop(deadline);
}

}  // namespace bookdav::server
