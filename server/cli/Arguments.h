// Command-line arguments: positional words and "--name value" / "--flag" options, with errors
// that name what was wrong.
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
  // Throws UsageError naming any option not in `known`.
  void allowOnly(const std::set<std::string>& known) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> options_;
  std::set<std::string> flags_;
};

}  // namespace bookdav::server
