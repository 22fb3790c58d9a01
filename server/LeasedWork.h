// Whether this process may do a named piece of background work now, when several bookdav processes
// serve one database: it holds the work's lease (domain/process/WorkLeases.h), taken when free or
// expired, renewed while held (in the database only when half of it is used up), and given up on a
// clean stop. A process killed with kill -9 stops renewing: another takes the work over after `ttl`.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "domain/process/WorkLeases.h"
#include "domain/time/Clock.h"

namespace bookdav::server {

class LeasedWork {
 public:
  static constexpr domain::Seconds kDefaultTtl{10};

  LeasedWork(domain::WorkLeases& leases, std::string name, const domain::Clock& clock,
             domain::Seconds ttl = kDefaultTtl);

  // True when this process holds the lease now (taking or renewing it as needed). A failure of the
  // database answers false: the work waits rather than risk running twice.
  bool mine();
  void giveUp();  // releases it when held
  const std::string& holder() const { return holder_; }
  const std::string& name() const { return name_; }

  // This process's name in lease rows: "<host>:<pid>:<random>".
  static std::string processHolder();

 private:
  domain::WorkLeases& leases_;
  std::string name_;
  const domain::Clock& clock_;
  domain::Seconds ttl_;
  std::string holder_;
  std::mutex mutex_;
  std::optional<domain::Instant> until_;  // while held: when it ends unless renewed
};

}  // namespace bookdav::server
