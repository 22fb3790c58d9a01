#include "server/cli/Arguments.h"

#include "domain/text/ValidText.h"

namespace bookdav::server {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& flags) {
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
      options_[name] = value;
      continue;
    }
    if (flags.count(name)) {
      flags_.insert(name);
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

void Arguments::allowOnly(const std::set<std::string>& known) const {
  for (const auto& [name, value] : options_) {
    if (!known.count(name)) throw UsageError("unknown option --" + name);
  }
  for (const auto& name : flags_) {
    if (!known.count(name)) throw UsageError("unknown option --" + name);
  }
}

}  // namespace bookdav::server
