#include "server/auth/CredentialCache.h"

#include "server/auth/PasswordHash.h"

namespace bookdav::server {

CredentialCache::CredentialCache(std::size_t capacity, std::chrono::seconds ttl)
    : secret_(randomBytes(32)), capacity_(capacity), ttl_(ttl) {}

std::string CredentialCache::keyOf(std::string_view user, std::string_view password) const {
  std::string message(user);
  message += '\0';
  message += password;
  return hmacSha256(secret_, message);
}

bool CredentialCache::knows(std::string_view user, std::string_view password, std::string_view storedHash) {
  const std::string key = keyOf(user, password);
  const std::string hashDigest = hmacSha256(secret_, storedHash);
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  auto entry = it->second;
  if (entry->hashDigest != hashDigest || std::chrono::steady_clock::now() > entry->expires) {
    lru_.erase(entry);
    index_.erase(it);
    return false;
  }
  lru_.splice(lru_.begin(), lru_, entry);
  return true;
}

void CredentialCache::remember(std::string_view user, std::string_view password,
                               std::string_view storedHash) {
  Entry e{keyOf(user, password), hmacSha256(secret_, storedHash), std::chrono::steady_clock::now() + ttl_};
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(e.key); it != index_.end()) {
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front(e);
  index_[e.key] = lru_.begin();
  while (lru_.size() > capacity_) {
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

std::size_t CredentialCache::size() const {
  std::lock_guard lock(mutex_);
  return lru_.size();
}

}  // namespace bookdav::server
