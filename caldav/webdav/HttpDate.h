// HTTP dates (RFC 9110 5.6.7): "Tue, 01 Dec 2026 10:30:00 GMT".
#pragma once

#include <string>

#include "domain/time/Instant.h"

namespace bookdav::caldav {

std::string httpDate(domain::Instant t);

}  // namespace bookdav::caldav
