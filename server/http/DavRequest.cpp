#include "server/http/DavRequest.h"

#include "caldav/webdav/DavError.h"
#include "caldav/webdav/Href.h"

namespace bookdav::server::http {

std::variant<caldav::Request, caldav::Response> davRequest(const RequestHead& head, std::string body,
                                                           const Origin& origin) {
  caldav::Request request;
  request.method = head.method;
  const std::string& uri = head.target;
  std::size_t q = uri.find('?');
  std::string rawPath = uri.substr(0, q);
  if (q != std::string::npos) request.query = uri.substr(q + 1);
  if (std::size_t scheme = rawPath.find("://"); scheme != std::string::npos) {  // absolute-form target
    std::size_t slash = rawPath.find('/', scheme + 3);
    rawPath = slash == std::string::npos ? "/" : rawPath.substr(slash);
  }
  auto path = caldav::percentDecode(rawPath);
  if (!path || path->empty() || (*path)[0] != '/' || path->find("/../") != std::string::npos ||
      path->find("/./") != std::string::npos) {
    return caldav::DavError::badRequest("the request path is malformed").toResponse();
  }
  request.path = std::move(*path);
  request.headers = head.fields;
  request.body = std::move(body);
  request.clientAddress = origin.clientAddress;
  auto host = head.field("Host");
  request.baseUrl = std::string(origin.tls ? "https://" : "http://") +
                    (host && !host->empty() ? std::string(*host) : origin.fallbackAuthority);
  return request;
}

}  // namespace bookdav::server::http
