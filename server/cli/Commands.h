// The bookdav subcommands (DESIGN.md, "Running it"). Each returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace bookdav::server {

int serveCommand(const std::vector<std::string>& args);
int userCommand(const std::vector<std::string>& args);
int feedCommand(const std::vector<std::string>& args);
int loadCommand(const std::vector<std::string>& args);
int importCommand(const std::vector<std::string>& args);
int exportCommand(const std::vector<std::string>& args);
int notificationsCommand(const std::vector<std::string>& args);
int copyCommand(const std::vector<std::string>& args);

// The data directory from --data, or "data" in the working directory.
std::string dataDirectory(const std::string& fromOption);

class Arguments;
// Where the command's Backend keeps its data: the --database URL (postgresql:// or postgres://), else the
// data directory (dataDirectory). --data and --database together, a URL of another scheme or one with a
// password (it belongs in PGPASSWORD or PGPASSFILE, not on a command line) are usage errors.
std::string storageLocation(const Arguments& a);

}  // namespace bookdav::server
