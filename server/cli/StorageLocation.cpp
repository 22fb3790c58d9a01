// --data DIR or --database postgresql://USER@HOST:PORT/DB: where a command's Backend keeps its data.
#include <regex>

#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"
#include "storage/sql/Database.h"

namespace bookdav::server {

std::string storageLocation(const Arguments& a) {
  auto url = a.option("database");
  if (!url) return dataDirectory(a.option("data", ""));
  if (a.option("data")) throw UsageError("--data and --database go one at a time: a directory or a database");
  if (!storage::sql::isPostgresUrl(*url))
    throw UsageError("--database wants a postgresql://USER@HOST:PORT/DB URL, not " + *url);
  // user:password@ in the authority, or a password= parameter.
  static const std::regex password(R"(^postgres(ql)?://[^/@?]*:[^/@?]*@|[?&]password=)");
  if (std::regex_search(*url, password))
    throw UsageError("--database must not hold a password: give it in PGPASSWORD or a PGPASSFILE");
  return *url;
}

}  // namespace bookdav::server
