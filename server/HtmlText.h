// Text made safe to stand in HTML, as element content or in a quoted attribute: & < > " ' escaped.
// For the booking pages and the HTML part of e-mails.
#pragma once

#include <string>
#include <string_view>

namespace bookdav::server {

std::string htmlEscape(std::string_view text);

}  // namespace bookdav::server
