// The notification options of `bookdav serve` (README, "Notifications"): where e-mail goes
// (--smtp HOST:PORT, --smtp-starttls with the CA file --smtp-ca, --mail-from), the SMTP credentials
// (--smtp-credentials FILE or BOOKDAV_SMTP_USER / BOOKDAV_SMTP_PASSWORD, never on the command line), the
// retry policy and the address links in e-mails start with (--base-url).
#pragma once

#include <optional>
#include <set>
#include <string>

#include "domain/notify/RetryPolicy.h"
#include "server/cli/Arguments.h"
#include "server/notify/SmtpCourier.h"

namespace bookdav::server {

struct NotifyOptions {
  std::optional<notify::SmtpSettings> smtp;  // none: e-mails wait in the outbox
  domain::notify::RetryPolicy retry;
  // --base-url: where customers reach this server, for the manage links in guests' e-mails
  // ("https://book.example.com"); none: made from --listen.
  std::optional<std::string> baseUrl;
};

// The option names (with values) and flags it reads.
const std::set<std::string>& notifyOptionNames();
const std::set<std::string>& notifyFlagNames();

// Throws UsageError naming a bad option.
NotifyOptions readNotifyOptions(const Arguments& a);

}  // namespace bookdav::server
