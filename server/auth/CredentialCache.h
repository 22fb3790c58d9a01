// Remembers credentials that passed the slow password check, so that only the first request of a
// client pays for PBKDF2. Entries are keyed by an HMAC of user and password under a per-process
// random key (the password itself is never kept), expire after a while, are bounded in number,
// and are tied to the stored hash they were verified against, so a password change forgets them.
#pragma once

#include <chrono>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bookdav::server {

class CredentialCache {
 public:
  explicit CredentialCache(std::size_t capacity = 4096, std::chrono::seconds ttl = std::chrono::minutes(15));

  // True when (user, password) was verified against exactly this stored hash recently.
  bool knows(std::string_view user, std::string_view password, std::string_view storedHash);
  void remember(std::string_view user, std::string_view password, std::string_view storedHash);
  std::size_t size() const;

 private:
  std::string keyOf(std::string_view user, std::string_view password) const;

  struct Entry {
    std::string key;
    std::string hashDigest;  // digest of the stored hash the password was checked against
    std::chrono::steady_clock::time_point expires;
  };
  std::string secret_;
  std::size_t capacity_;
  std::chrono::seconds ttl_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace bookdav::server
