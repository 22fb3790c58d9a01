#include "server/auth/PasswordHash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <climits>
#include <optional>
#include <stdexcept>
#include <vector>

namespace bookdav::server {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr unsigned kMaxIterations = 100'000'000;

std::string fromHex(std::string_view hex) {
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (hex.size() % 2) return {};
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = value(hex[i]), lo = value(hex[i + 1]);
    if (hi < 0 || lo < 0) return {};
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    size_t next = s.find(sep, pos);
    out.push_back(s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (next == std::string_view::npos) return out;
    pos = next + 1;
  }
}

struct StoredHash {
  unsigned iterations;
  std::string salt;
  std::string hash;
};

std::optional<StoredHash> parse(std::string_view stored) {
  auto parts = split(stored, '$');
  if (parts.size() != 4 || parts[0] != kScheme || parts[1].empty()) return std::nullopt;
  unsigned iterations = 0;
  for (char c : parts[1]) {
    if (c < '0' || c > '9' || iterations > kMaxIterations) return std::nullopt;
    iterations = iterations * 10 + static_cast<unsigned>(c - '0');
  }
  StoredHash h{iterations, fromHex(parts[2]), fromHex(parts[3])};
  if (iterations == 0 || iterations > kMaxIterations || h.salt.empty() || h.hash.size() != 32)
    return std::nullopt;
  return h;
}

}  // namespace

std::string pbkdf2HmacSha256(std::string_view password, std::string_view salt, unsigned iterations,
                             std::size_t length) {
  if (password.size() > INT_MAX || salt.size() > INT_MAX || iterations > INT_MAX || length > INT_MAX)
    throw std::invalid_argument("PBKDF2 input too large");
  std::string out(length, '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                        static_cast<int>(iterations), EVP_sha256(), static_cast<int>(length),
                        reinterpret_cast<unsigned char*>(out.data())) != 1) {
    throw std::runtime_error("OpenSSL's PKCS5_PBKDF2_HMAC failed");
  }
  return out;
}

std::string toHex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string randomBytes(std::size_t n) {
  std::string out(n, '\0');
  if (n > INT_MAX || RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
    throw std::runtime_error("OpenSSL's RAND_bytes failed");
  return out;
}

std::string hmacSha256(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (key.size() > INT_MAX ||
      !HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length)) {
    throw std::runtime_error("OpenSSL's HMAC failed");
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string hashPassword(std::string_view password, unsigned iterations) {
  std::string salt = randomBytes(16);
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + toHex(salt) + "$" +
         toHex(pbkdf2HmacSha256(password, salt, iterations, 32));
}

bool verifyPassword(std::string_view password, std::string_view stored) {
  auto h = parse(stored);
  if (!h) return false;
  std::string computed = pbkdf2HmacSha256(password, h->salt, h->iterations, 32);
  return CRYPTO_memcmp(computed.data(), h->hash.data(), 32) == 0;
}

bool needsRehash(std::string_view stored) {
  auto h = parse(stored);
  return h && h->iterations < kPasswordIterations;
}

std::string_view unmatchableHash() {
  // Random salt and hash bytes, made once per process: no password is known to produce them.
  static const std::string hash = std::string(kScheme) + "$" + std::to_string(kPasswordIterations) + "$" +
                                  toHex(randomBytes(16)) + "$" + toHex(randomBytes(32));
  return hash;
}

}  // namespace bookdav::server
