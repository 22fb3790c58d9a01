// The refusal of a catalog write that would give a service or resource a calendar address another
// calendar user has (409 address-taken), checked inside the write's transaction.
#pragma once

#include <string>
#include <string_view>

#include "domain/booking/BookingStore.h"
#include "server/Backend.h"

namespace bookdav::server::api {

// `self`: "service:<id>" or "resource:<id>"; `email` "" (a derived address) is never refused.
void refuseTakenAddress(Backend& backend, domain::BookingData& data, std::string_view self,
                        const std::string& email);

}  // namespace bookdav::server::api
