// E-mail over SMTP (Poco::Net::SMTPClientSession; STARTTLS with SecureSMTPClientSession): each
// notification as one multipart/alternative message (text, HTML and, for bookings, the iMIP
// text/calendar part with its METHOD), from the business, with a Message-ID made from the
// notification's id so that a message sent again is recognisably the same message.
#pragma once

#include <Poco/Net/Context.h>

#include <string>

#include "server/notify/Courier.h"

namespace bookdav::server::notify {

struct SmtpSettings {
  std::string host;
  int port = 25;
  bool startTls = false;  // upgrade with STARTTLS before signing in and sending
  // The certificates (PEM) that the server's certificate must chain to; empty: the system's store.
  // Its name must match `host` as well; a server that fails either check gets nothing (retried later).
  std::string caFile;
  std::string user;  // sign in (AUTH PLAIN) when set
  std::string password;
  std::string from;  // the envelope and From: address (its display name: the business's name)
};

// The MIME message of a notification (headers and body), as SmtpCourier sends it.
std::string mimeMessage(const domain::notify::Notification& n, const SmtpSettings& settings);
// "<notification-12@example.com>": the Message-ID of notification 12 sent from settings.from's domain.
std::string messageId(const domain::notify::Notification& n, const SmtpSettings& settings);

class SmtpCourier final : public Courier {
 public:
  // With startTls, after Poco::Net::initializeSSL(); throws when the CA file holds no certificates.
  explicit SmtpCourier(SmtpSettings settings);
  void deliver(const domain::notify::Notification& n) override;

 private:
  SmtpSettings settings_;
  Poco::Net::Context::Ptr tls_;  // for STARTTLS
};

}  // namespace bookdav::server::notify
