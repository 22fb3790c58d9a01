#include "server/http/HttpServer.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <chrono>
#include <iostream>
#include <limits>
#include <thread>

#include "caldav/webdav/DavError.h"
#include "caldav/webdav/Href.h"
#include "server/BuildInfo.h"
#include "server/api/ApiError.h"
#include "server/http/Router.h"

namespace bookdav::server {
namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// Requests to the JSON API get their errors as JSON.
void send(HTTPServerResponse& out, const caldav::Response& r, bool head) {
  std::string reason = r.reason.empty() ? std::string(caldav::statusReason(r.status)) : r.reason;
  out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status), reason);
  out.set("Server", std::string(serverHeader()));
  for (const auto& [name, value] : r.headers) out.set(name, value);
  if (r.status == 204 || r.status == 304 || r.status < 200) {
    out.setContentLength(0);
    out.send();
    return;
  }
  if (head) {
    out.setContentLength(static_cast<std::streamsize>(r.body.size()));
    out.send();
    return;
  }
  out.sendBuffer(r.body.data(), r.body.size());
}

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(Router& router, const HttpSettings& settings) : router_(router), settings_(settings) {}

  void handleRequest(HTTPServerRequest& in, HTTPServerResponse& out) override {
    auto started = std::chrono::steady_clock::now();
    caldav::Response response;
    bool head = in.getMethod() == "HEAD";
    try {
      response = serve(in, out);
    } catch (const std::exception& e) {
      std::cerr << "bookdav: internal error on " << in.getMethod() << " " << in.getURI() << ": " << e.what()
                << std::endl;
      const std::string message = "internal error; the request changed nothing";
      response = JsonApi::owns(in.getURI())
                     ? api::errorResponse(api::ApiError(500, "internal-error", message))
                     : caldav::DavError(500, std::nullopt, message).toResponse();
    }
    try {
      send(out, response, head);
    } catch (const std::exception&) {
      // The client went away; nothing more to do.
    }
    if (settings_.logRequests) {
      auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      std::clog << in.getMethod() << " " << in.getURI() << " " << response.status << " " << ms << " ms\n";
    }
  }

 private:
  // Reads the body (when one was announced), bounded; false when it was too large. A too-large
  // body is still read and dropped up to four times the limit, so that the client reads our 413
  // instead of a reset connection; beyond that the connection is closed.
  bool readBody(HTTPServerRequest& in, HTTPServerResponse& out, std::string& body) {
    if (!in.hasContentLength() && !in.getChunkedTransferEncoding()) return true;
    const std::int64_t drainLimit = settings_.maxBodyBytes * 4;
    if (in.hasContentLength() && in.getContentLength64() > drainLimit) {
      out.setKeepAlive(false);
      return false;
    }
    std::istream& stream = in.stream();
    char buffer[65536];
    std::int64_t total = 0;
    bool tooLarge = false;
    while (stream) {
      stream.read(buffer, sizeof buffer);
      total += stream.gcount();
      if (total > settings_.maxBodyBytes) {
        tooLarge = true;
        body.clear();
        if (total > drainLimit) {
          out.setKeepAlive(false);
          break;
        }
        continue;
      }
      body.append(buffer, static_cast<size_t>(stream.gcount()));
    }
    return !tooLarge;
  }

  caldav::Response serve(HTTPServerRequest& in, HTTPServerResponse& out) {
    caldav::Request request;
    request.method = in.getMethod();
    if (!readBody(in, out, request.body)) {
      const std::string message =
          "the request body is larger than " + std::to_string(settings_.maxBodyBytes) + " bytes";
      if (JsonApi::owns(in.getURI())) return api::errorResponse(api::ApiError(413, "too-large", message));
      return caldav::DavError(413, std::nullopt, message).toResponse();
    }
    const std::string& uri = in.getURI();
    size_t q = uri.find('?');
    std::string rawPath = uri.substr(0, q);
    if (q != std::string::npos) request.query = uri.substr(q + 1);
    if (size_t scheme = rawPath.find("://"); scheme != std::string::npos) {  // absolute-form request target
      size_t slash = rawPath.find('/', scheme + 3);
      rawPath = slash == std::string::npos ? "/" : rawPath.substr(slash);
    }
    auto path = caldav::percentDecode(rawPath);
    if (!path || path->empty() || (*path)[0] != '/' || path->find("/../") != std::string::npos ||
        path->find("/./") != std::string::npos) {
      return caldav::DavError::badRequest("the request path is malformed").toResponse();
    }
    request.path = *path;
    for (const auto& [name, value] : in) request.headers.emplace_back(name, value);
    request.clientAddress = in.clientAddress().host().toString();
    const bool tls = !settings_.tlsCertificate.empty();
    request.baseUrl =
        std::string(tls ? "https://" : "http://") +
        (in.getHost().empty() ? settings_.host + ":" + std::to_string(settings_.port) : in.getHost());
    return router_.route(request);
  }

  Router& router_;
  const HttpSettings& settings_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(Router& router, const HttpSettings& settings) : router_(router), settings_(settings) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new Handler(router_, settings_);
  }

 private:
  Router& router_;
  const HttpSettings& settings_;
};

}  // namespace

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

HttpServer::HttpServer(Router& router, HttpSettings settings) : settings_(std::move(settings)) {
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(settings_.maxThreads);
  params->setMaxQueued(512);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(settings_.keepAliveSeconds, 0));
  params->setMaxKeepAliveRequests(0);
  params->setTimeout(Poco::Timespan(30, 0));
  params->setServerName(std::string(serverHeader()));
  params->setSoftwareVersion(std::string(serverHeader()));
  pool_ = std::make_unique<Poco::ThreadPool>(4, settings_.maxThreads, 60);
  Poco::Net::SocketAddress address(settings_.host, settings_.port);
  if (!settings_.tlsCertificate.empty()) {
    Poco::Net::initializeSSL();
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, settings_.tlsKey, settings_.tlsCertificate, "",
        Poco::Net::Context::VERIFY_NONE, 9, false, "ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH");
    Poco::Net::SecureServerSocket socket(address, 64, context);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(router, settings_), *pool_, socket, params);
  } else {
    Poco::Net::ServerSocket socket(address, 64);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(router, settings_), *pool_, socket, params);
  }
}

HttpServer::~HttpServer() = default;

void HttpServer::start() {
  server_->start();
}

std::uint16_t HttpServer::port() const {
  return server_->port();
}

void HttpServer::stop(int graceSeconds) {
  server_->stopAll(false);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(graceSeconds);
  while (server_->currentConnections() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pool_->joinAll();
}

}  // namespace bookdav::server
