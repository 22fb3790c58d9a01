// When a notification that failed is tried again: after `first`, doubling with every failure up to
// `longest`, and never again (dead) once `maxAttempts` tries have failed.
#pragma once

#include "domain/time/Instant.h"

namespace bookdav::domain::notify {

struct RetryPolicy {
  Seconds first{30};
  Seconds longest{3600};
  int maxAttempts = 8;

  // The delay after the attempts-th failed try (attempts >= 1): first * 2^(attempts - 1), at most longest.
  Seconds delayAfter(int attempts) const;
  // Whether a notification that has failed `attempts` times is given up.
  bool givesUp(int attempts) const { return attempts >= maxAttempts; }
};

}  // namespace bookdav::domain::notify
