// A condition a face puts on a change (HTTP If-Match on a booking's event, say): checked on the record
// as it stands, inside the write transaction that would change it, so that no concurrent change can
// slip in between the check and the write. It refuses by throwing, and then nothing changes.
#pragma once

#include <functional>

#include "domain/booking/BookingStore.h"

namespace bookdav::domain {

template <typename Record>
using WriteCondition = std::function<void(BookingData& data, const Record& record)>;

}  // namespace bookdav::domain
