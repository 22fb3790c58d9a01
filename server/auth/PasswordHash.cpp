#include "server/auth/PasswordHash.h"

#include <Poco/HMACEngine.h>
#include <Poco/PBKDF2Engine.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>

#include <vector>

namespace bookdav::server {
namespace {

// Poco 1.11's SHA2Engine lacks the block/digest size constants HMACEngine needs.
class Sha256Engine : public Poco::SHA2Engine {
 public:
  enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
  Sha256Engine() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

using Hmac = Poco::HMACEngine<Sha256Engine>;

std::string pbkdf2(std::string_view password, std::string_view salt, unsigned iterations) {
  Poco::PBKDF2Engine<Hmac> engine(std::string(salt), iterations, 32);
  engine.update(password.data(), password.size());
  const auto& d = engine.digest();
  return std::string(d.begin(), d.end());
}

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

bool constantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

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
  Poco::RandomInputStream in;
  std::string out(n, '\0');
  in.read(out.data(), static_cast<std::streamsize>(n));
  return out;
}

std::string hmacSha256(std::string_view key, std::string_view message) {
  Hmac hmac(key.data(), key.size());
  hmac.update(message.data(), message.size());
  const auto& d = hmac.digest();
  return std::string(d.begin(), d.end());
}

std::string hashPassword(std::string_view password, unsigned iterations) {
  std::string salt = randomBytes(16);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + toHex(salt) + "$" +
         toHex(pbkdf2(password, salt, iterations));
}

bool verifyPassword(std::string_view password, std::string_view stored) {
  auto parts = split(stored, '$');
  if (parts.size() != 4 || parts[0] != "pbkdf2-sha256") return false;
  unsigned iterations = 0;
  for (char c : parts[1]) {
    if (c < '0' || c > '9' || iterations > 100'000'000) return false;
    iterations = iterations * 10 + (c - '0');
  }
  std::string salt = fromHex(parts[2]), expected = fromHex(parts[3]);
  if (iterations == 0 || salt.empty() || expected.size() != 32) return false;
  return constantTimeEqual(pbkdf2(password, salt, iterations), expected);
}

}  // namespace bookdav::server
