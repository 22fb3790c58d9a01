// `bookdav copy --from DIR --to postgresql://...` (or --to DIR2): moves a business from an SQLite data
// directory into an empty database, every table in one target transaction (storage/sql/DatabaseCopy.h).
// A progress bar on stderr when it is a terminal; one line per table otherwise.
#include <filesystem>
#include <iostream>

#include "server/Backend.h"
#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"
#include "server/cli/ProgressBar.h"
#include "storage/sql/DatabaseCopy.h"

namespace bookdav::server {
namespace {

using namespace bookdav::storage::sql;

// Every repository on a database: constructing them applies their migrations.
struct Schema {
  explicit Schema(Database& db)
      : changes(db), accounts(db), calendars(db), booking(db), notifications(db), sessions(db), leases(db) {}
  SqlChangeLog changes;
  SqlAccountRepository accounts;
  SqlCalendarStore calendars;
  SqlBookingStore booking;
  SqlNotificationStore notifications;
  SqlSignInSessions sessions;
  SqlWorkLeases leases;
};

}  // namespace

int copyCommand(const std::vector<std::string>& args) {
  Arguments a(args, {});
  a.allowOnly({"from", "to"});
  const std::optional<std::string> from = a.option("from"), to = a.option("to");
  if (!from || !to || !a.positional().empty())
    throw UsageError("bookdav copy --from DIR --to postgresql://USER@HOST:PORT/DB (or --to DIR)");
  const std::filesystem::path source = Backend::databaseFile(*from);
  if (!std::filesystem::exists(source)) {
    std::cerr << "bookdav: " << *from << " holds no bookdav database (" << source.string() << ")\n";
    return 1;
  }
  std::string target = *to;
  if (!isPostgresUrl(target)) {
    std::filesystem::create_directories(target);
    target = Backend::databaseFile(target).string();
  }
  try {
    Database fromDb(source.string());
    Schema fromSchema(fromDb);
    Database toDb(target);
    Schema toSchema(toDb);
    DatabaseCopy copy(fromDb, toDb);
    std::int64_t total = 0;
    for (const TableRows& t : copy.plan()) total += t.rows;
    const bool bar = ProgressBar::enabled();
    std::optional<ProgressBar> progress;
    if (bar) progress.emplace("copying", static_cast<std::size_t>(total));
    std::string current;
    std::int64_t shown = 0;
    copy.run([&](const std::string& table, std::int64_t copied) {
      if (table != current) current = table, shown = 0;
      if (progress) progress->advance(static_cast<std::size_t>(copied - shown));
      shown = copied;
      if (!bar) {
        for (const TableRows& t : copy.plan())
          if (t.table == table && copied == t.rows)
            std::cerr << "bookdav: copy: " << table << ": " << copied << " rows" << std::endl;
      }
    });
    if (progress) progress->finish();
    std::cout << "copied " << total << " rows in " << copy.plan().size() << " tables from " << *from << " to "
              << (isPostgresUrl(*to) ? "PostgreSQL" : *to) << "\n";
  } catch (const CopyRefused& e) {
    std::cerr << "bookdav: " << e.what() << "; nothing was copied\n";
    return 1;
  } catch (const StorageError& e) {
    std::cerr << "bookdav: the copy failed: " << e.what() << "; nothing was copied\n";
    return 1;
  }
  return 0;
}

}  // namespace bookdav::server
