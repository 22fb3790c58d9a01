#include "server/cli/NotifyOptions.h"

#include <cstdlib>
#include <fstream>

namespace bookdav::server {
namespace {

int number(const std::string& option, const std::string& text, int least) {
  int n = 0;
  try {
    n = std::stoi(text);
  } catch (const std::exception&) {
    n = least - 1;
  }
  if (n < least || std::to_string(n) != text)
    throw UsageError("--" + option + " wants a whole number of at least " + std::to_string(least) + ", not " +
                     text);
  return n;
}

// "USER\nPASSWORD\n": the credentials file's two lines.
void readCredentials(const std::string& file, notify::SmtpSettings& smtp) {
  std::ifstream in(file);
  if (!in) throw UsageError("--smtp-credentials: " + file + " cannot be read");
  std::getline(in, smtp.user);
  std::getline(in, smtp.password);
  for (std::string* s : {&smtp.user, &smtp.password}) {
    if (!s->empty() && s->back() == '\r') s->pop_back();
  }
  if (smtp.user.empty())
    throw UsageError("--smtp-credentials: " + file +
                     " holds the user name on its first line and the password on its second");
}

}  // namespace

const std::set<std::string>& notifyOptionNames() {
  static const std::set<std::string> names = {
      "smtp",     "smtp-credentials",   "mail-from",           "smtp-from",
      "base-url", "notify-retry-after", "notify-max-attempts", "smtp-ca"};
  return names;
}

const std::set<std::string>& notifyFlagNames() {
  static const std::set<std::string> names = {"smtp-starttls"};
  return names;
}

NotifyOptions readNotifyOptions(const Arguments& a) {
  NotifyOptions o;
  if (auto t = a.option("notify-retry-after"))
    o.retry.first = domain::Seconds{number("notify-retry-after", *t, 1)};
  if (auto t = a.option("notify-max-attempts")) o.retry.maxAttempts = number("notify-max-attempts", *t, 1);
  if (auto url = a.text("base-url")) {
    if ((url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) ||
        url->find_first_of(" \t\r\n\"<>") != std::string::npos)
      throw UsageError(
          "--base-url wants the address customers reach bookdav at, such as https://book.example.com");
    while (!url->empty() && url->back() == '/') url->pop_back();
    o.baseUrl = std::move(*url);
  }
  std::optional<std::string> from = a.text("mail-from");
  if (!from) from = a.text("smtp-from");
  auto smtp = a.option("smtp");
  if (!smtp) {
    for (const char* name : {"smtp-credentials", "mail-from", "smtp-from"})
      if (a.option(name)) throw UsageError(std::string("--") + name + " goes with --smtp");
    if (a.flag("smtp-starttls")) throw UsageError("--smtp-starttls goes with --smtp");
    if (a.option("smtp-ca")) throw UsageError("--smtp-ca goes with --smtp and --smtp-starttls");
    return o;
  }
  notify::SmtpSettings s;
  std::size_t colon = smtp->rfind(':');
  if (colon == std::string::npos || colon == 0) throw UsageError("--smtp wants HOST:PORT, not " + *smtp);
  s.host = smtp->substr(0, colon);
  s.port = number("smtp", smtp->substr(colon + 1), 1);
  if (s.port > 65535) throw UsageError("--smtp: " + smtp->substr(colon + 1) + " is not a port");
  s.startTls = a.flag("smtp-starttls");
  if (auto ca = a.option("smtp-ca")) {
    if (!s.startTls) throw UsageError("--smtp-ca goes with --smtp-starttls");
    if (!std::ifstream(*ca)) throw UsageError("--smtp-ca: " + *ca + " cannot be read");
    s.caFile = *ca;
  }
  if (!from || from->find('@') == std::string::npos)
    throw UsageError("--smtp needs --mail-from ADDRESS, the address bookdav's e-mails come from");
  s.from = *from;
  if (auto file = a.option("smtp-credentials")) {
    readCredentials(*file, s);
  } else if (const char* user = std::getenv("BOOKDAV_SMTP_USER"); user && *user) {
    s.user = user;
    const char* password = std::getenv("BOOKDAV_SMTP_PASSWORD");
    s.password = password ? password : "";
  }
  o.smtp = std::move(s);
  return o;
}

}  // namespace bookdav::server
