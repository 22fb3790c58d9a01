// Where a command's options come from besides its command line: BOOKDAV_<NAME> environment variables
// and an INI file (--config FILE or BOOKDAV_CONFIG). The command line wins, then the environment, then
// the file. Secrets (passwords, credentials) belong in the environment or in files, never in argv.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

namespace bookdav::server {

class Settings {
 public:
  // environment: the process's variables (only BOOKDAV_* are read); configFile: the INI file to read,
  // if any. Throws UsageError when the file cannot be read.
  Settings(std::string command, const std::map<std::string, std::string>& environment,
           const std::optional<std::string>& configFile);

  // The value of option `name` (e.g. "tls-cert": BOOKDAV_TLS_CERT, then key tls-cert in the file's
  // [command] section, then at its top level), if any.
  std::optional<std::string> value(const std::string& name) const;

  // Throws UsageError naming a key of the file's [command] section that is not in `known`. Top-level
  // keys serve every command that knows them; the others ignore them.
  void checkKnown(const std::set<std::string>& known) const;

  // The process's environment as a map (for main()).
  static std::map<std::string, std::string> processEnvironment();

 private:
  std::string command_;
  std::map<std::string, std::string> environment_;  // option name -> value
  std::map<std::string, std::string> section_;      // [command] keys
  std::map<std::string, std::string> topLevel_;
  std::string file_;
};

}  // namespace bookdav::server
