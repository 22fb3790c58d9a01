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

}  // namespace bookdav::server
