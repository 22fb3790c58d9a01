#include "server/api/TakenAddress.h"

#include "caldav/booking/CalendarAddresses.h"
#include "server/api/ApiError.h"

namespace bookdav::server::api {

void refuseTakenAddress(Backend& backend, domain::BookingData& data, std::string_view self,
                        const std::string& email) {
  if (email.empty()) return;
  caldav::CalendarAddresses addresses =
      caldav::CalendarAddresses::of(data, backend.accounts, backend.dav.settings());
  if (std::optional<std::string> holder = addresses.holderOf(email, self))
    throw ApiError(409, "address-taken",
                   "the e-mail " + email + " is already " + *holder +
                       "'s calendar address: each calendar user needs its own",
                   "email");
}

}  // namespace bookdav::server::api
