#include "server/business/BusinessFile.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "server/business/CatalogChanges.h"

namespace bookdav::server::business {
namespace {

using api::InvalidInput;
using api::JsonFields;
using api::JsonValue;

api::NamedHours readNamedHours(JsonFields& top) {
  api::NamedHours named;
  std::optional<JsonFields> hours = top.object("workingHours");
  if (!hours) return named;
  JsonValue raw = top.value("workingHours");
  for (const std::string& name : raw.extract<Poco::JSON::Object::Ptr>()->getNames()) {
    std::optional<JsonFields> one = hours->object(name);
    if (!one) throw InvalidInput(hours->pathOf(name), "must be working hours ({\"weekly\": [...]})");
    named.emplace(name, api::readWorkingHours(*one));
  }
  hours->finish();
  return named;
}

template <typename F>
void eachItem(JsonFields& top, std::string_view name, F&& read) {
  std::optional<std::vector<JsonValue>> items = top.array(name);
  if (!items) return;
  for (size_t i = 0; i < items->size(); ++i) {
    JsonFields item((*items)[i], api::elementPath(top.pathOf(name), i));
    read(item);
  }
}

std::string lowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

void checkCalendarEmails(const BusinessFile& b, domain::BookingEngine& engine,
                         domain::AccountRepository& accounts) {
  std::map<std::string, std::string> others;  // lower-cased address -> what has it, outside the file
  for (const domain::Service& s : engine.catalog.services()) {
    const bool inFile = std::any_of(b.services.begin(), b.services.end(),
                                    [&](const api::ServiceDefinition& d) { return d.service.id == s.id; });
    if (!inFile && !s.email.empty()) others.emplace(lowerAscii(s.email), "service " + s.id);
  }
  for (const domain::Resource& r : engine.catalog.resources()) {
    const bool inFile = std::any_of(b.resources.begin(), b.resources.end(),
                                    [&](const domain::Resource& x) { return x.id == r.id; });
    if (!inFile && !r.email.empty()) others.emplace(lowerAscii(r.email), "resource " + r.id);
  }
  for (const domain::Account& a : accounts.list()) {
    if (!a.email.empty()) others.emplace(lowerAscii(a.email), "the account " + a.name);
  }
  auto check = [&](const std::string& email, const std::string& what, const std::string& path) {
    if (email.empty()) return;
    if (auto it = others.find(lowerAscii(email)); it != others.end())
      throw BusinessFileError(path + ": e-mail " + email + " of " + what + " is already " + it->second +
                              "'s: each calendar user needs its own address");
  };
  for (size_t i = 0; i < b.resources.size(); ++i)
    check(b.resources[i].email, "resource " + b.resources[i].id, api::elementPath("resources", i) + ".email");
  for (size_t i = 0; i < b.services.size(); ++i)
    check(b.services[i].service.email, "service " + b.services[i].service.id,
          api::elementPath("services", i) + ".email");
}

BusinessFile readBusinessFile(std::string_view jsonText, const domain::ZoneRules& zones) {
  JsonValue root = api::parseJson(jsonText);
  JsonFields top(root, "");
  BusinessFile b;
  b.name = top.string("name").value_or("");
  b.email = top.string("email").value_or("");
  top.text("description");
  b.publicBooking = top.boolean("public");
  b.timeZone = top.string("timezone").value_or("");
  if (!b.timeZone.empty() && !zones.knows(b.timeZone))
    top.fail("timezone", "\"" + b.timeZone + "\" is not an IANA time zone such as \"Europe/Madrid\"");
  const api::NamedHours named = readNamedHours(top);

  std::set<std::string> resourceIds, serviceIds;
  eachItem(top, "resources", [&](JsonFields& f) {
    domain::Resource r = api::readResource(f, b.timeZone, "", named);
    if (!resourceIds.insert(r.id).second) f.fail("id", "resource " + r.id + " is defined twice in the file");
    if (auto problem = problemWith(r, zones)) throw InvalidInput(f.path(), *problem);
    b.resources.push_back(std::move(r));
  });
  eachItem(top, "services", [&](JsonFields& f) {
    api::ServiceDefinition d = api::readService(f, b.timeZone);
    if (!serviceIds.insert(d.service.id).second)
      f.fail("id", "service " + d.service.id + " is defined twice in the file");
    if (auto problem = problemWith(d, zones)) throw InvalidInput(f.path(), *problem);
    b.services.push_back(std::move(d));
  });
  top.finish();
  std::map<std::string, std::string> emails;  // lower-cased address -> what has it
  auto claim = [&](const std::string& email, const std::string& what, const std::string& path) {
    if (email.empty()) return;
    auto [at, fresh] = emails.emplace(lowerAscii(email), what);
    if (!fresh)
      throw InvalidInput(path, "e-mail " + email + " is " + at->second + "'s as well: each needs its own");
  };
  for (size_t i = 0; i < b.resources.size(); ++i)
    claim(b.resources[i].email, "resource " + b.resources[i].id, api::elementPath("resources", i) + ".email");
  for (size_t i = 0; i < b.services.size(); ++i)
    claim(b.services[i].service.email, "service " + b.services[i].service.id,
          api::elementPath("services", i) + ".email");
  if (b.resources.empty() && b.services.empty())
    throw InvalidInput("", "the file defines neither resources nor services");
  return b;
}

BusinessFile loadBusinessFile(const std::filesystem::path& file, const domain::ZoneRules& zones) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw BusinessFileError(file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return readBusinessFile(text.str(), zones);
  } catch (const InvalidInput& e) {
    throw BusinessFileError(file.string() + ": " + e.what());
  }
}

}  // namespace bookdav::server::business
