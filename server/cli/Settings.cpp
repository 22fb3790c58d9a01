#include "server/cli/Settings.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/IniFileConfiguration.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "server/cli/Arguments.h"

extern char** environ;

namespace bookdav::server {
namespace {

constexpr std::string_view kPrefix = "BOOKDAV_";

// "TLS_CERT" -> "tls-cert"
std::string optionName(std::string_view variable) {
  std::string out(variable);
  for (char& c : out) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isComment(const std::string& key) {
  return !key.empty() && (key[0] == '#' || key[0] == ';');
}

}  // namespace

Settings::Settings(std::string command, const std::map<std::string, std::string>& environment,
                   const std::optional<std::string>& configFile)
    : command_(std::move(command)) {
  for (const auto& [name, value] : environment)
    if (name.size() > kPrefix.size() && name.compare(0, kPrefix.size(), kPrefix) == 0)
      environment_[optionName(std::string_view(name).substr(kPrefix.size()))] = value;
  if (!configFile) return;
  file_ = *configFile;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file_, ec) || !std::ifstream(file_))
    throw UsageError("cannot read the configuration file " + file_);
  try {
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini(new Poco::Util::IniFileConfiguration(file_));
    Poco::Util::AbstractConfiguration::Keys keys;
    ini->keys(keys);
    for (const std::string& key : keys) {
      // Poco reads "# note" as a key; bookdav allows '#' comments as well as ';'.
      if (isComment(key) || key.empty()) continue;
      Poco::Util::AbstractConfiguration::Keys inner;
      ini->keys(key, inner);
      if (!inner.empty()) {
        if (key != command_) continue;  // another command's section
        for (const std::string& k : inner)
          if (!isComment(k)) section_[k] = ini->getRawString(key + "." + k);
        continue;
      }
      topLevel_[key] = ini->getRawString(key);
    }
  } catch (const Poco::Exception& e) {
    throw UsageError("cannot read the configuration file " + file_ + ": " + e.displayText());
  }
}

std::optional<std::string> Settings::value(const std::string& name) const {
  for (const auto* source : {&environment_, &section_, &topLevel_})
    if (auto it = source->find(name); it != source->end()) return it->second;
  return std::nullopt;
}

void Settings::checkKnown(const std::set<std::string>& known) const {
  for (const auto& [key, value] : section_)
    if (!known.count(key))
      throw UsageError("unknown setting " + key + " in section [" + command_ + "] of " + file_);
}

std::map<std::string, std::string> Settings::processEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return out;
}

}  // namespace bookdav::server
