// A guest booking's manage token: 128 random bits from OpenSSL as 32 lowercase hex digits, shown once
// (in the answer that made the booking, and in its /book/manage/<token> link) and stored only as a
// digest (storage/sql/FeedTokenDigest.h).
#pragma once

#include <string>
#include <string_view>

namespace bookdav::server::api {

std::string newManageToken();
// Whether text has a manage token's shape (so that no other text is ever looked up).
bool looksLikeManageToken(std::string_view text);

}  // namespace bookdav::server::api
