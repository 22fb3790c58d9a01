// Salted, slow password hashes: PBKDF2-HMAC-SHA256 with a random 16-byte salt, stored as
// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>".
#pragma once

#include <string>
#include <string_view>

namespace bookdav::server {

inline constexpr unsigned kDefaultPasswordIterations = 60000;

std::string hashPassword(std::string_view password, unsigned iterations = kDefaultPasswordIterations);
// Constant-time comparison against a stored hash; false for malformed hashes.
bool verifyPassword(std::string_view password, std::string_view stored);

// HMAC-SHA256 of message under key, as raw bytes.
std::string hmacSha256(std::string_view key, std::string_view message);
// Random bytes from the system's generator.
std::string randomBytes(std::size_t n);
std::string toHex(std::string_view bytes);

}  // namespace bookdav::server
