// The secret of a webcal feed (/feeds/<token>.ics) is stored only as a digest: the token is shown once,
// when the feed is made, and a presented token is found by its digest. Storage's business alone.
#pragma once

#include <string>
#include <string_view>

namespace bookdav::storage::sql {

// SHA-256 of the token, as 64 lowercase hex digits.
std::string feedTokenDigest(std::string_view token);

}  // namespace bookdav::storage::sql
