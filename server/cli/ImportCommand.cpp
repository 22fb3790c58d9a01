// `bookdav import FILE.ics --calendar PATH [--data DIR]`: stores every object of an .ics file in one
// calendar, all or nothing: the file is split and every object validated first (errors name the
// file line), then everything is written in one transaction. An object whose UID the calendar has
// already is replaced; a missing calendar is created in the user's home.
#include <fstream>
#include <iostream>
#include <sstream>

#include "caldav/booking/BookingNames.h"
#include "caldav/calendar/ObjectIntake.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/ical/CalendarFile.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"
#include "caldav/webdav/Href.h"
#include "server/Backend.h"
#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"
#include "server/cli/ProgressBar.h"

namespace bookdav::server {
namespace {

constexpr std::string_view kCalendarType = "text/calendar; charset=utf-8";

class ImportFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string readFile(const std::string& file) {
  if (file == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ImportFailed(file + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "line 7: DTEND is before DTSTART" about the object's own text -> the line of the file.
std::string inFileTerms(const std::string& message, const caldav::ical::SplitObject& object) {
  size_t line = 0, pos = 5;
  if (message.rfind("line ", 0) == 0) {
    while (pos < message.size() && std::isdigit(static_cast<unsigned char>(message[pos])))
      line = line * 10 + static_cast<size_t>(message[pos++] - '0');
  }
  if (line && message.compare(pos, 2, ": ") == 0) {
    size_t fileLine = object.fileLine(line);
    return "line " + std::to_string(fileLine ? fileLine : object.line) + ": " + message.substr(pos + 2);
  }
  return "line " + std::to_string(object.line) + " (" + object.componentType + " " + object.uid +
         "): " + message;
}

// A member name for the UID: its URL-safe characters, ".ics".
std::string memberName(const std::string& uid) {
  std::string name;
  for (char c : uid) {
    bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '@';
    name += safe ? c : '-';
    if (name.size() >= 100) break;
  }
  if (name.empty() || name == "." || name == "..") name = "event";
  return name + ".ics";
}

domain::CollectionRecord newCalendar(const std::string& path, const std::string& owner) {
  domain::CollectionRecord c;
  c.path = path;
  c.owner = owner;
  c.kind = domain::CollectionKind::Calendar;
  c.displayName = caldav::lastSegment(path);
  c.components = {"VEVENT", "VTODO", "VJOURNAL"};
  return c;
}

}  // namespace

int importCommand(const std::vector<std::string>& args) {
  Arguments a(args, {});
  a.allowOnly({"calendar", "data", "database"});
  if (a.positional().size() != 1) throw UsageError("bookdav import FILE.ics --calendar PATH [--data DIR]");
  const std::string file = a.positional()[0];
  const std::string path = caldav::asCollectionPath(a.requiredText("calendar"));
  const std::string owner = caldav::ownerOfPath(path);
  const std::string name = caldav::lastSegment(path);
  if (owner.empty() || path != caldav::homePath(owner) + name + "/")
    throw UsageError("--calendar wants a calendar's path, such as /dav/calendars/alice/calendar/");
  if (caldav::isReservedCalendarName(name))
    throw UsageError(path + " is computed from the bookings; import into an ordinary calendar, such as " +
                     caldav::homePath(owner) + "imported/");
  try {
    const std::string text = readFile(file);
    std::vector<caldav::ical::SplitObject> objects;
    try {
      objects = caldav::ical::splitForImport(text);
    } catch (const caldav::ical::CalendarFileError& e) {
      throw ImportFailed(file + " " + e.what() + "; nothing was imported");
    }
    Backend backend(storageLocation(a));
    if (!backend.accounts.find(owner))
      throw ImportFailed("there is no user " + owner + "; add one with: bookdav user add " + owner + " ...");
    backend.dav.provision(owner);
    std::optional<domain::CollectionRecord> existing =
        backend.calendars.readValue([&](domain::CalendarReader& r) { return r.collection(path); });
    if (existing && existing->kind != domain::CollectionKind::Calendar)
      throw ImportFailed(path + " is not a calendar");
    const domain::CollectionRecord target = existing ? *existing : newCalendar(path, owner);

    std::vector<caldav::PreparedObject> prepared;
    prepared.reserve(objects.size());
    {
      ProgressBar progress("checking", objects.size());
      for (const caldav::ical::SplitObject& o : objects) {
        try {
          prepared.push_back(caldav::prepareCalendarObject(o.text, target));
        } catch (const caldav::DavError& e) {
          throw ImportFailed(file + " " + inFileTerms(e.what(), o) + "; nothing was imported");
        }
        progress.advance();
      }
    }
    int added = 0, replaced = 0;
    {
      ProgressBar progress("storing ", prepared.size());
      backend.calendars.write([&](domain::CalendarWriter& store) {
        added = replaced = 0;
        std::optional<domain::CollectionRecord> calendar = store.collection(path);
        if (!calendar) calendar = store.createCollection(target);
        for (caldav::PreparedObject& p : prepared) {
          domain::ObjectRecord record;
          record.collectionId = calendar->id;
          if (std::optional<domain::ObjectRecord> same = store.objectByUid(calendar->id, p.uid)) {
            record.name = same->name;
            ++replaced;
          } else {
            const std::string base = memberName(p.uid);
            record.name = base;
            for (int n = 2; store.object(calendar->id, record.name, false); ++n)
              record.name = base.substr(0, base.size() - 4) + "-" + std::to_string(n) + ".ics";
            ++added;
          }
          record.contentType = kCalendarType;
          record.uid = p.uid;
          record.componentType = p.componentType;
          record.etag = caldav::contentETag(p.text);
          record.data = p.text;
          store.putObject(std::move(record), p.index);
          progress.advance();
        }
      });
      progress.finish();
    }
    std::cout << "imported " << prepared.size() << " objects into " << path << " (" << added << " new, "
              << replaced << " replaced)\n";
    return 0;
  } catch (const ImportFailed& e) {
    std::cerr << "bookdav: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace bookdav::server
