// Command-line arguments: positional words and "--name value" / "--flag" options, with errors
// that name what was wrong; options not given fall back to the environment and the configuration
// file (Settings.h).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace bookdav::server {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Arguments {
 public:
  // flags: options that take no value (e.g. "demo"); every other --option takes one.
  Arguments(const std::vector<std::string>& args, const std::set<std::string>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  std::optional<std::string> option(const std::string& name) const;
  std::string option(const std::string& name, const std::string& fallback) const;
  std::string required(const std::string& name) const;
  // An option whose value bookdav stores or answers with (a name, an address, a calendar path): one
  // line of valid text (domain/text/ValidText.h), else UsageError naming the option.
  std::optional<std::string> text(const std::string& name) const;
  std::string requiredText(const std::string& name) const;
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  // Throws UsageError naming any option not in `known` ("config" is always known). Then fills each
  // known option the command line did not give from BOOKDAV_<NAME> or the configuration file
  // (--config FILE, else BOOKDAV_CONFIG); a flag there reads true/false (yes/no, on/off, 1/0).
  void allowOnly(const std::set<std::string>& known);

  // The command being run (main() sets it once): it names the configuration file's section.
  static void setCommand(std::string command);

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> options_;
  std::set<std::string> flags_;
  std::set<std::string> flagNames_;   // the options that are flags, given or not
  std::set<std::string> flagsGiven_;  // flags the command line set, to true or to false
};

}  // namespace bookdav::server
