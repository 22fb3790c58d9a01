#include "domain/notify/RetryPolicy.h"

#include <algorithm>

namespace bookdav::domain::notify {

Seconds RetryPolicy::delayAfter(int attempts) const {
  Seconds delay = first;
  for (int i = 1; i < attempts && delay < longest; ++i) delay *= 2;
  return std::min(delay, longest);
}

}  // namespace bookdav::domain::notify
