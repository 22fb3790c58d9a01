#include "server/notify/WebhookCourier.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/URI.h>

#include <memory>

#include "server/notify/WebhookSignature.h"

namespace bookdav::server::notify {

using namespace bookdav::domain::notify;

namespace {
constexpr int kTimeoutSeconds = 10;
}

std::string webhookId(const Notification& n) {
  return "msg_" + std::to_string(n.id);
}

void WebhookCourier::deliver(const Notification& n) {
  std::optional<WebhookEndpoint> endpoint;
  std::int64_t endpointId = 0;
  try {
    endpointId = std::stoll(n.recipient);
  } catch (const std::exception&) {
  }
  store_.read([&](NotificationRows& rows) { endpoint = rows.endpoint(endpointId); });
  if (!endpoint) throw DeliveryFailed("webhook endpoint " + n.recipient + " was removed");
  const std::string id = webhookId(n);
  const std::int64_t timestamp = domain::toUnix(clock_.now());
  std::optional<std::string> signature = webhookSignature(endpoint->secret, id, timestamp, n.content.text);
  if (!signature) throw DeliveryFailed("webhook endpoint " + n.recipient + " has no usable secret");
  try {
    Poco::URI uri(endpoint->url);
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https")
      session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort());
    else
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    session->setTimeout(Poco::Timespan(kTimeoutSeconds, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(n.content.text.size()));
    request.set("webhook-id", id);
    request.set("webhook-timestamp", std::to_string(timestamp));
    request.set("webhook-signature", *signature);
    request.set("User-Agent", "bookdav-webhooks");
    session->sendRequest(request) << n.content.text;
    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    in.ignore(std::numeric_limits<std::streamsize>::max());
    const int status = static_cast<int>(response.getStatus());
    if (status < 200 || status > 299)
      throw DeliveryFailed("webhook " + endpoint->url + " answered " + std::to_string(status));
  } catch (const Poco::Exception& e) {
    throw DeliveryFailed("webhook " + endpoint->url + ": " + e.displayText());
  }
}

}  // namespace bookdav::server::notify
