#include <iostream>

#include "caldav/calendar/Feed.h"
#include "caldav/webdav/Href.h"
#include "server/Backend.h"
#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"

namespace bookdav::server {

int feedCommand(const std::vector<std::string>& args) {
  Arguments a(args, {});
  a.allowOnly({"calendar", "data", "base-url"});
  if (a.positional().size() != 1) throw UsageError("bookdav feed create|revoke --calendar PATH");
  const std::string verb = a.positional()[0];
  if (verb != "create" && verb != "revoke") throw UsageError("bookdav feed create|revoke --calendar PATH");
  Backend backend(dataDirectory(a.option("data", "")));
  const std::string path = caldav::asCollectionPath(a.required("calendar"));
  std::string token;
  bool found = false;
  backend.calendars.write([&](domain::CalendarWriter& store) {
    auto calendar = store.collection(path);
    if (!calendar || calendar->kind != domain::CollectionKind::Calendar) return;
    found = true;
    if (verb == "revoke") {
      calendar->feedToken.clear();
    } else if (calendar->feedToken.empty()) {
      calendar->feedToken = caldav::newFeedToken();
    }
    token = calendar->feedToken;
    store.updateCollection(*calendar);
  });
  if (!found) {
    std::cerr << "bookdav: no calendar at " << path << "\n";
    return 1;
  }
  if (verb == "revoke") {
    std::cout << "revoked the feed of " << path << "\n";
  } else {
    std::cout << a.option("base-url", "http://127.0.0.1:8080") << "/feeds/" << token << ".ics\n";
  }
  return 0;
}

}  // namespace bookdav::server
