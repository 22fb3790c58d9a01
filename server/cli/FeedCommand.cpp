// `bookdav feed create|revoke --calendar PATH [--data DIR] [--base-url URL]`: the secret-token webcal
// feed of one calendar, stored or computed (bookings/, service-*/, resource-*/). It goes through the
// CalDAV face as the calendar's owner, setting or removing the {urn:bookdav:}feed-url property.
// Only the token's digest is stored, so `create` prints the URL this once (from the PROPPATCH
// answer); creating again replaces the feed, and the old URL stops working.
#include <iostream>
#include <regex>

#include "caldav/dav/UrlSpace.h"
#include "caldav/webdav/Href.h"
#include "server/Backend.h"
#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"

namespace bookdav::server {
namespace {

caldav::Response asOwner(Backend& backend, const domain::Account& owner, const std::string& method,
                         const std::string& path, const std::string& body, const std::string& baseUrl) {
  caldav::Request r;
  r.method = method;
  r.path = path;
  r.user = owner.name;
  r.role = owner.role;
  r.baseUrl = baseUrl;
  r.body = body;
  r.headers = {{"Depth", "0"}, {"Content-Type", "application/xml; charset=utf-8"}};
  return backend.dav.handle(r);
}

}  // namespace

int feedCommand(const std::vector<std::string>& args) {
  Arguments a(args, {});
  a.allowOnly({"calendar", "data", "database", "base-url"});
  if (a.positional().size() != 1) throw UsageError("bookdav feed create|revoke --calendar PATH");
  const std::string verb = a.positional()[0];
  if (verb != "create" && verb != "revoke") throw UsageError("bookdav feed create|revoke --calendar PATH");
  Backend backend(storageLocation(a));
  const std::string path = caldav::asCollectionPath(a.requiredText("calendar"));
  const std::string baseUrl = a.text("base-url").value_or("http://127.0.0.1:8080");
  std::optional<domain::Account> owner = backend.accounts.find(caldav::ownerOfPath(path));
  const std::string set = verb == "create" ? "set" : "remove";
  const std::string update =
      "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" xmlns:b=\"urn:bookdav:\"><d:" + set +
      "><d:prop><b:feed-url/></d:prop></d:" + set + "></d:propertyupdate>";
  caldav::Response patched;
  if (owner) patched = asOwner(backend, *owner, "PROPPATCH", path, update, baseUrl);
  if (!owner || patched.status != 207 || patched.body.find("200 OK") == std::string::npos) {
    std::cerr << "bookdav: no calendar at " << path << "\n";
    return 1;
  }
  if (verb == "revoke") {
    std::cout << "revoked the feed of " << path << "\n";
    return 0;
  }
  std::smatch url;
  if (!std::regex_search(patched.body, url, std::regex(R"(>([^<>]*/feeds/[^<>]*\.ics)<)"))) {
    std::cerr << "bookdav: the answer making the feed of " << path << " shows no URL\n";
    return 1;
  }
  std::cout << url[1] << "\n";
  return 0;
}

}  // namespace bookdav::server
