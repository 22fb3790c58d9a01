// The database could not be reached (or stayed busy) long enough to answer: thrown by storage through
// the domain's interfaces, answered 503 (nothing was changed: try again) or, when the connection was
// lost while a change was being committed, as an unknown outcome that the client must read back.
#pragma once

#include <stdexcept>
#include <string>

namespace bookdav::domain {

class StoreUnavailable : public std::runtime_error {
 public:
  enum class Outcome { NotMade, Unknown };
  StoreUnavailable(Outcome outcome, const std::string& what) : std::runtime_error(what), outcome_(outcome) {}
  // True when the change may have been committed: it must not be retried blindly.
  bool outcomeUnknown() const { return outcome_ == Outcome::Unknown; }

 private:
  Outcome outcome_;
};

}  // namespace bookdav::domain
