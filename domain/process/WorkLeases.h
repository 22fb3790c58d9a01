// Leases on background work that must run in one process at a time when several bookdav processes
// serve one database (the notification worker): a row (name, holder, expires) taken and renewed in a
// write transaction, and taken over by another process once it has expired (its holder died).
// Implemented in storage/; declared here so that the server stays engine-neutral.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/time/Instant.h"

namespace bookdav::domain {

struct WorkLease {
  std::string name;
  std::string holder;
  Instant expires;
};

class WorkLeases {
 public:
  virtual ~WorkLeases() = default;
  // In one write transaction: holder gets (or keeps) the lease `name` until `until` when it is free,
  // expired at `now`, or already its own; true when holder has it afterwards.
  virtual bool hold(std::string_view name, std::string_view holder, Instant now, Instant until) = 0;
  // Gives the lease up when holder has it (a clean stop), so another process takes it at once.
  virtual void release(std::string_view name, std::string_view holder) = 0;
  // The lease as stored, for a look without taking it.
  virtual std::optional<WorkLease> find(std::string_view name) = 0;
};

}  // namespace bookdav::domain
