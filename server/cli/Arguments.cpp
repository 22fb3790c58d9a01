#include "server/cli/Arguments.h"

#include <cctype>

#include "domain/text/ValidText.h"
#include "server/cli/Settings.h"

namespace bookdav::server {
namespace {

std::string& currentCommand() {
  static std::string command;
  return command;
}

bool flagValue(const std::string& name, const std::string& value) {
  std::string v;
  for (char c : value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return false;
  throw UsageError(name + " is a flag: true or false, not \"" + value + "\"");
}

}  // namespace

void Arguments::setCommand(std::string command) {
  currentCommand() = std::move(command);
}

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& flags)
    : flagNames_(flags) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      if (flags.count(name)) {
        flagsGiven_.insert(name);
        if (flagValue("--" + name, value)) flags_.insert(name);
      } else {
        options_[name] = value;
      }
      continue;
    }
    if (flags.count(name)) {
      flags_.insert(name);
      flagsGiven_.insert(name);
      continue;
    }
    if (i + 1 >= args.size()) throw UsageError("--" + name + " needs a value");
    options_[name] = args[++i];
  }
}

std::optional<std::string> Arguments::option(const std::string& name) const {
  auto it = options_.find(name);
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

std::string Arguments::option(const std::string& name, const std::string& fallback) const {
  return option(name).value_or(fallback);
}

std::string Arguments::required(const std::string& name) const {
  auto v = option(name);
  if (!v) throw UsageError("--" + name + " is required");
  return *v;
}

std::optional<std::string> Arguments::text(const std::string& name) const {
  auto v = option(name);
  if (v) {
    if (auto fault = domain::findTextFault(*v, domain::Controls::None))
      throw UsageError("--" + name + " " + fault->problem + " (one line of UTF-8 text is expected)");
  }
  return v;
}

std::string Arguments::requiredText(const std::string& name) const {
  required(name);
  return *text(name);
}

void Arguments::allowOnly(const std::set<std::string>& given) {
  std::set<std::string> known = given;
  known.insert("config");
  for (const auto& [name, value] : options_) {
    if (!known.count(name)) throw UsageError("unknown option --" + name);
  }
  for (const auto& name : flags_) {
    if (!known.count(name)) throw UsageError("unknown option --" + name);
  }
  const std::map<std::string, std::string> environment = Settings::processEnvironment();
  std::optional<std::string> file = option("config");
  if (!file) {
    if (auto it = environment.find("BOOKDAV_CONFIG"); it != environment.end() && !it->second.empty())
      file = it->second;
  }
  const Settings settings(currentCommand(), environment, file);
  settings.checkKnown(known);
  for (const std::string& name : known) {
    if (name == "config" || options_.count(name) || flagsGiven_.count(name)) continue;
    std::optional<std::string> value = settings.value(name);
    if (!value) continue;
    if (flagNames_.count(name)) {
      if (flagValue(name, *value)) flags_.insert(name);
    } else {
      options_[name] = *value;
    }
  }
}

}  // namespace bookdav::server
