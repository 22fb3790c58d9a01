#include "server/business/BusinessFile.h"

#include <fstream>
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

}  // namespace

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
