// What each client address holds of the server (connections, worker jobs, body bytes read before
// authentication) and the limits that keep one address from starving the others. Used by the event
// loop thread only.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace bookdav::server::http {

class ClientLedger {
 public:
  struct Limits {
    int connectionsPerAddress = 256;
    int jobsPerAddress = 16;                       // queued or running on a worker
    std::int64_t unauthenticatedBytes = 16 << 20;  // all addresses together
    std::int64_t unauthenticatedBytesPerAddress = 2 << 20;
  };

  explicit ClientLedger(Limits limits) : limits_(limits) {}

  // False (and nothing counted) when the address is at its connection cap.
  bool addConnection(const std::string& address);
  void removeConnection(const std::string& address);

  bool mayAddJob(const std::string& address) const;
  void addJob(const std::string& address);
  void removeJob(const std::string& address);

  // Reserves body bytes read before authentication; false (nothing reserved) over either bound.
  bool reserveBody(const std::string& address, std::int64_t bytes);
  void releaseBody(const std::string& address, std::int64_t bytes);

  int connections(const std::string& address) const;
  std::int64_t unauthenticatedBytes() const { return bodyBytes_; }
  std::size_t addresses() const { return byAddress_.size(); }

 private:
  struct Holdings {
    int connections = 0;
    int jobs = 0;
    std::int64_t bodyBytes = 0;
  };
  void forgetIfEmpty(const std::string& address);

  Limits limits_;
  std::unordered_map<std::string, Holdings> byAddress_;
  std::int64_t bodyBytes_ = 0;
};

}  // namespace bookdav::server::http
