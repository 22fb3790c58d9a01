// The HTTP(S) front door on Poco::Net: a thread pool sized for many keep-alive calendar clients,
// bodies always drained (and bounded), and a graceful stop that lets requests in flight finish.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace bookdav::server {

class Router;

struct HttpSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string tlsCertificate;  // PEM files; both set means HTTPS
  std::string tlsKey;
  int maxThreads = 128;
  int keepAliveSeconds = 5;
  std::int64_t maxBodyBytes = 32 * 1024 * 1024;
  bool logRequests = false;
};

class HttpServer {
 public:
  HttpServer(Router& router, HttpSettings settings);
  ~HttpServer();
  void start();
  // Stops accepting, lets requests in flight finish (up to the deadline), then joins the threads.
  void stop(int graceSeconds = 10);
  std::uint16_t port() const;

 private:
  HttpSettings settings_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

// "127.0.0.1:8080" -> host and port; throws std::invalid_argument.
void parseListen(const std::string& text, HttpSettings& settings);

}  // namespace bookdav::server
