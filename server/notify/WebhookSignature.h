// Standard Webhooks signing (https://www.standardwebhooks.com): secrets are "whsec_" + base64 of
// random key bytes; a message's signature is "v1," + base64(HMAC-SHA256(key, id.timestamp.body)).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bookdav::server::notify {

// A new secret of 32 random bytes.
std::string newWebhookSecret();
// "v1,<base64>"; nullopt when `secret` is not "whsec_" + base64.
std::optional<std::string> webhookSignature(std::string_view secret, std::string_view id,
                                            std::int64_t timestamp, std::string_view body);

}  // namespace bookdav::server::notify
