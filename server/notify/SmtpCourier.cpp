#include "server/notify/SmtpCourier.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/Timespan.h>

#include <sstream>
#include <stdexcept>

namespace bookdav::server::notify {

using domain::notify::ImipMethod;
using domain::notify::Notification;

namespace {

constexpr int kTimeoutSeconds = 30;

std::string domainOf(const std::string& address) {
  std::size_t at = address.rfind('@');
  return at == std::string::npos ? "bookdav.invalid" : address.substr(at + 1);
}

// "Name <address>", the name RFC 2047-encoded when it is not plain ASCII.
std::string mailbox(const std::string& name, const std::string& address) {
  if (name.empty()) return address;
  bool ascii = true;
  for (unsigned char c : name) ascii = ascii && c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  return (ascii ? "\"" + name + "\"" : Poco::Net::MailMessage::encodeWord(name, "UTF-8")) + " <" + address +
         ">";
}

void compose(Poco::Net::MailMessage& m, const Notification& n, const SmtpSettings& settings) {
  using Poco::Net::MailMessage;
  m.setSender(mailbox(n.content.senderName, settings.from));
  m.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, n.recipient));
  m.setSubject(MailMessage::encodeWord(n.content.subject, "UTF-8"));
  m.set("Message-ID", messageId(n, settings));
  m.set("X-Bookdav-Notification", std::to_string(n.id));
  m.set("X-Bookdav-Kind", std::string(toString(n.kind)));
  if (n.bookingId) m.set("X-Bookdav-Booking", std::to_string(n.bookingId));
  m.setDate(Poco::Timestamp::fromEpochTime(domain::toUnix(n.created)));
  m.setContentType("multipart/alternative");
  m.addPart("", new Poco::Net::StringPartSource(n.content.text, "text/plain; charset=UTF-8"),
            MailMessage::CONTENT_INLINE, MailMessage::ENCODING_QUOTED_PRINTABLE);
  m.addPart("", new Poco::Net::StringPartSource(n.content.html, "text/html; charset=UTF-8"),
            MailMessage::CONTENT_INLINE, MailMessage::ENCODING_QUOTED_PRINTABLE);
  if (n.content.method != ImipMethod::None && !n.content.calendar.empty()) {
    // RFC 6047 2.4: the METHOD parameter names the iTIP method of the calendar object.
    const std::string type = "text/calendar; method=" + std::string(toString(n.content.method)) +
                             "; charset=UTF-8; component=VEVENT";
    m.addPart("", new Poco::Net::StringPartSource(n.content.calendar, type), MailMessage::CONTENT_INLINE,
              MailMessage::ENCODING_BASE64);
  }
}

}  // namespace

std::string messageId(const Notification& n, const SmtpSettings& settings) {
  return "<notification-" + std::to_string(n.id) + "@" + domainOf(settings.from) + ">";
}

std::string mimeMessage(const Notification& n, const SmtpSettings& settings) {
  std::ostringstream out;
  Poco::Net::MailMessage m;
  compose(m, n, settings);
  m.write(out);
  return out.str();
}

SmtpCourier::SmtpCourier(SmtpSettings settings) : settings_(std::move(settings)) {
  if (settings_.startTls) {
    // The server's certificate must chain to the CA file or the system's store and name the host.
    // VERIFY_STRICT: Poco skips the name check for a server on loopback in the other modes.
    try {
      tls_ = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", settings_.caFile,
                                    Poco::Net::Context::VERIFY_STRICT, 9, settings_.caFile.empty());
    } catch (const Poco::Exception& e) {
      throw std::runtime_error(
          "the certificates to trust for STARTTLS (" +
          (settings_.caFile.empty() ? std::string("the system's store") : settings_.caFile) +
          ") cannot be loaded: " + e.displayText());
    }
  }
}

void SmtpCourier::deliver(const Notification& n) {
  try {
    Poco::Net::SecureSMTPClientSession session(settings_.host, static_cast<Poco::UInt16>(settings_.port));
    session.setTimeout(Poco::Timespan(kTimeoutSeconds, 0));
    session.login(domainOf(settings_.from));
    if (settings_.startTls) {
      if (!session.startTLS(tls_)) throw DeliveryFailed("the SMTP server does not offer STARTTLS");
      session.login(domainOf(settings_.from));  // RFC 3207: EHLO again over TLS
    }
    if (!settings_.user.empty())
      session.login(Poco::Net::SMTPClientSession::AUTH_PLAIN, settings_.user, settings_.password);
    Poco::Net::MailMessage m;
    compose(m, n, settings_);
    session.sendMessage(m);
    try {
      session.close();
    } catch (const Poco::Exception&) {
      // The message was accepted; a QUIT that fails changes nothing.
    }
  } catch (const Poco::Exception& e) {
    throw DeliveryFailed("SMTP " + settings_.host + ":" + std::to_string(settings_.port) + ": " +
                         e.displayText());
  }
}

}  // namespace bookdav::server::notify
