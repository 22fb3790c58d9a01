#include "server/http/ClientLedger.h"

namespace bookdav::server::http {

bool ClientLedger::addConnection(const std::string& address) {
  Holdings& h = byAddress_[address];
  if (h.connections >= limits_.connectionsPerAddress) {
    forgetIfEmpty(address);
    return false;
  }
  ++h.connections;
  return true;
}

void ClientLedger::removeConnection(const std::string& address) {
  auto it = byAddress_.find(address);
  if (it == byAddress_.end()) return;
  --it->second.connections;
  forgetIfEmpty(address);
}

bool ClientLedger::mayAddJob(const std::string& address) const {
  auto it = byAddress_.find(address);
  return it == byAddress_.end() || it->second.jobs < limits_.jobsPerAddress;
}

void ClientLedger::addJob(const std::string& address) {
  ++byAddress_[address].jobs;
}

void ClientLedger::removeJob(const std::string& address) {
  auto it = byAddress_.find(address);
  if (it == byAddress_.end()) return;
  --it->second.jobs;
  forgetIfEmpty(address);
}

bool ClientLedger::reserveBody(const std::string& address, std::int64_t bytes) {
  Holdings& h = byAddress_[address];
  if (bodyBytes_ + bytes > limits_.unauthenticatedBytes ||
      h.bodyBytes + bytes > limits_.unauthenticatedBytesPerAddress) {
    forgetIfEmpty(address);
    return false;
  }
  h.bodyBytes += bytes;
  bodyBytes_ += bytes;
  return true;
}

void ClientLedger::releaseBody(const std::string& address, std::int64_t bytes) {
  auto it = byAddress_.find(address);
  if (it == byAddress_.end()) return;
  it->second.bodyBytes -= bytes;
  bodyBytes_ -= bytes;
  forgetIfEmpty(address);
}

int ClientLedger::connections(const std::string& address) const {
  auto it = byAddress_.find(address);
  return it == byAddress_.end() ? 0 : it->second.connections;
}

void ClientLedger::forgetIfEmpty(const std::string& address) {
  auto it = byAddress_.find(address);
  if (it != byAddress_.end() && it->second.connections <= 0 && it->second.jobs <= 0 &&
      it->second.bodyBytes <= 0)
    byAddress_.erase(it);
}

}  // namespace bookdav::server::http
