// `bookdav export --calendar PATH [--data DIR] [--output FILE]`: one calendar as one .ics file, on
// stdout unless --output names a file. Stored calendars are read in batches (with a progress bar on
// a terminal); other calendars (bookings/, service-*/) are exported as their owner's GET sees them.
#include <fstream>
#include <iostream>

#include "caldav/calendar/CalendarExport.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/webdav/Href.h"
#include "server/Backend.h"
#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"
#include "server/cli/ProgressBar.h"

namespace bookdav::server {
namespace {

constexpr size_t kBatch = 500;

std::optional<std::string> storedCalendar(Backend& backend, const std::string& path,
                                          std::optional<size_t>& count) {
  std::optional<domain::CollectionRecord> calendar;
  std::vector<std::int64_t> ids;
  backend.calendars.read([&](domain::CalendarReader& r) {
    calendar = r.collection(path);
    if (!calendar || calendar->kind != domain::CollectionKind::Calendar) return;
    for (const domain::ObjectRecord& o : r.objects(calendar->id, false))
      if (!o.componentType.empty()) ids.push_back(o.id);
  });
  if (!calendar || calendar->kind != domain::CollectionKind::Calendar) return std::nullopt;
  std::vector<domain::ObjectRecord> objects;
  objects.reserve(ids.size());
  ProgressBar progress("reading", ids.size());
  for (size_t i = 0; i < ids.size(); i += kBatch) {
    std::span<const std::int64_t> batch(ids.data() + i, std::min(kBatch, ids.size() - i));
    backend.calendars.read([&](domain::CalendarReader& r) {
      for (domain::ObjectRecord& o : r.objectsById(batch, true)) objects.push_back(std::move(o));
    });
    progress.advance(batch.size());
  }
  progress.finish();
  count = objects.size();
  return caldav::exportCalendar(*calendar, objects);
}

// A calendar the booking face computes: what its owner's GET answers.
std::optional<std::string> computedCalendar(Backend& backend, const std::string& path) {
  const std::string owner = caldav::ownerOfPath(path);
  std::optional<domain::Account> account = backend.accounts.find(owner);
  if (!account) return std::nullopt;
  caldav::Request get;
  get.method = "GET";
  get.path = path;
  get.user = owner;
  get.role = account->role;
  get.baseUrl = "http://127.0.0.1:8080";
  caldav::Response r = backend.dav.handle(get);
  if (r.status != 200 || r.header("Content-Type").value_or("").rfind("text/calendar", 0) != 0)
    return std::nullopt;
  return r.body;
}

}  // namespace

int exportCommand(const std::vector<std::string>& args) {
  Arguments a(args, {});
  a.allowOnly({"calendar", "data", "database", "output"});
  if (!a.positional().empty())
    throw UsageError("bookdav export --calendar PATH [--data DIR] [--output FILE]");
  const std::string path = caldav::asCollectionPath(a.requiredText("calendar"));
  if (caldav::ownerOfPath(path).empty())
    throw UsageError("--calendar wants a calendar's path, such as /dav/calendars/alice/calendar/");
  Backend backend(storageLocation(a));
  std::optional<size_t> count;
  std::optional<std::string> text = storedCalendar(backend, path, count);
  if (!text) text = computedCalendar(backend, path);
  if (!text) {
    std::cerr << "bookdav: there is no calendar at " << path << "\n";
    return 1;
  }
  if (std::optional<std::string> file = a.option("output")) {
    std::ofstream out(*file, std::ios::binary | std::ios::trunc);
    out << *text;
    if (!out.flush()) {
      std::cerr << "bookdav: cannot write " << *file << "\n";
      return 1;
    }
  } else {
    std::cout << *text;
    std::cout.flush();
  }
  std::cerr << "exported " << path << (count ? " (" + std::to_string(*count) + " objects)" : "") << "\n";
  return 0;
}

}  // namespace bookdav::server
