// Salted, slow password hashes: PBKDF2-HMAC-SHA256 (OpenSSL's PKCS5_PBKDF2_HMAC) with a random
// 16-byte salt, stored as "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>".
#pragma once

#include <string>
#include <string_view>

namespace bookdav::server {

// OWASP's Password Storage Cheat Sheet (since 2023): PBKDF2-HMAC-SHA256 with 600,000 iterations.
// Hashes stored with fewer (bookdav used 60,000 before) still verify and are replaced at the next
// successful sign-in.
inline constexpr unsigned kPasswordIterations = 600000;

std::string hashPassword(std::string_view password, unsigned iterations = kPasswordIterations);
// Constant-time comparison against a stored hash; false for malformed hashes.
bool verifyPassword(std::string_view password, std::string_view stored);
// True when a stored hash is weaker than hashPassword makes today (fewer iterations).
bool needsRehash(std::string_view stored);
// A well-formed hash at today's work factor that no password matches: checking a password against
// it costs what a real check costs (sign-ins of unknown user names).
std::string_view unmatchableHash();

// PBKDF2 (RFC 8018) with HMAC-SHA256 as its PRF: `length` raw bytes.
std::string pbkdf2HmacSha256(std::string_view password, std::string_view salt, unsigned iterations,
                             std::size_t length);
// HMAC-SHA256 of message under key, as raw bytes.
std::string hmacSha256(std::string_view key, std::string_view message);
// Random bytes from OpenSSL's generator (seeded by the system).
std::string randomBytes(std::size_t n);
std::string toHex(std::string_view bytes);

}  // namespace bookdav::server
