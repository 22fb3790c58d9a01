#include "server/notify/WebhookSignature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace bookdav::server::notify {
namespace {

constexpr std::string_view kPrefix = "whsec_";

std::string base64(const unsigned char* bytes, std::size_t n) {
  std::string out(4 * ((n + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(n));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::vector<unsigned char>> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::vector<unsigned char> out(3 * text.size() / 4);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  std::size_t padding = (text.back() == '=') + (text.size() > 1 && text[text.size() - 2] == '=');
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

}  // namespace

std::string newWebhookSecret() {
  unsigned char key[32];
  if (RAND_bytes(key, sizeof key) != 1) throw std::runtime_error("no random bytes for a webhook secret");
  return std::string(kPrefix) + base64(key, sizeof key);
}

std::optional<std::string> webhookSignature(std::string_view secret, std::string_view id,
                                            std::int64_t timestamp, std::string_view body) {
  if (!secret.starts_with(kPrefix)) return std::nullopt;
  auto key = unbase64(secret.substr(kPrefix.size()));
  if (!key || key->empty()) return std::nullopt;
  const std::string signedText = std::string(id) + "." + std::to_string(timestamp) + "." + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int macLength = 0;
  if (!HMAC(EVP_sha256(), key->data(), static_cast<int>(key->size()),
            reinterpret_cast<const unsigned char*>(signedText.data()), signedText.size(), mac, &macLength))
    return std::nullopt;
  return "v1," + base64(mac, macLength);
}

}  // namespace bookdav::server::notify
