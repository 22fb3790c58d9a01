// Class and course schedules as JSON (see CatalogJson.h).
#include "domain/booking/Ids.h"
#include "server/api/CatalogJson.h"
#include "server/api/LocalTimeJson.h"

namespace bookdav::server::api {
namespace {

using namespace std::chrono;
using domain::Seconds;

std::vector<domain::LocalDateTime> readLocalTimes(JsonFields& f, std::string_view name) {
  std::vector<domain::LocalDateTime> out;
  std::optional<std::vector<JsonValue>> items = f.array(name);
  if (!items) return out;
  for (size_t i = 0; i < items->size(); ++i)
    out.push_back(localDateTimeValue((*items)[i], elementPath(f.pathOf(name), i)));
  return out;
}

std::vector<std::string> readResourceIds(JsonFields& f, std::string_view name) {
  std::vector<std::string> ids = f.strings(name).value_or(std::vector<std::string>{});
  for (size_t i = 0; i < ids.size(); ++i)
    if (!domain::isSlug(ids[i]))
      throw InvalidInput(elementPath(f.pathOf(name), i), "\"" + ids[i] + "\" is not a resource id");
  return ids;
}

JsonArray localTimesJson(const std::vector<domain::LocalDateTime>& times) {
  JsonArray a = newArray();
  for (const domain::LocalDateTime& t : times) a->add(localDateTimeText(t));
  return a;
}

}  // namespace

domain::Schedule readSchedule(JsonFields& f, const std::string& serviceId) {
  domain::Schedule s;
  s.serviceId = serviceId;
  s.timeZone = f.string("timezone").value_or("");
  s.duration = f.duration("duration", minutes{1}, hours{24}).value_or(Seconds{0});
  if (s.duration.count() % 60) f.fail("duration", "must be whole minutes");
  s.capacity = static_cast<int>(f.integer("capacity", 1, 100000).value_or(0));
  s.resourceIds = readResourceIds(f, "resourceIds");
  if (std::optional<std::vector<JsonValue>> rules = f.array("weekly")) {
    for (size_t i = 0; i < rules->size(); ++i) {
      JsonFields r((*rules)[i], elementPath(f.pathOf("weekly"), i));
      domain::WeeklyRecurrence rule;
      std::optional<domain::Weekdays> days = readWeekdays(r, "days");
      if (!days) r.fail("days", "is required, e.g. [\"MO\", \"WE\"]");
      rule.days = *days;
      std::optional<Seconds> time = readTimeOfDay(r, "time", false);
      if (!time) r.fail("time", "is required: the local start time of each session (\"18:30\")");
      rule.startTime = *time;
      std::optional<year_month_day> from = readDate(r, "from");
      if (!from) r.fail("from", "is required: the first date of the series (\"2027-01-11\")");
      rule.firstDate = *from;
      rule.until = readDate(r, "until");
      if (rule.until && sys_days{*rule.until} < sys_days{rule.firstDate})
        r.fail("until", "must not be before from");
      if (auto count = r.integer("count", 1, 1000)) rule.count = static_cast<int>(*count);
      if (rule.until && rule.count) r.fail("count", "give either until or count, not both");
      r.finish();
      s.rules.push_back(rule);
    }
  }
  s.dates = readLocalTimes(f, "dates");
  s.excluded = readLocalTimes(f, "excluded");
  if (std::optional<std::vector<JsonValue>> overrides = f.array("overrides")) {
    for (size_t i = 0; i < overrides->size(); ++i) {
      JsonFields o((*overrides)[i], elementPath(f.pathOf("overrides"), i));
      domain::SessionOverride change;
      std::optional<domain::LocalDateTime> origin = readLocalDateTime(o, "origin");
      if (!origin) o.fail("origin", "is required: the session's start as the schedule gives it");
      change.origin = *origin;
      change.start = readLocalDateTime(o, "start");
      change.duration = o.duration("duration", minutes{1}, hours{24});
      if (auto c = o.integer("capacity", 1, 100000)) change.capacity = static_cast<int>(*c);
      if (o.has("resourceIds") && !o.isNull("resourceIds"))
        change.resourceIds = readResourceIds(o, "resourceIds");
      o.finish();
      s.overrides.push_back(change);
    }
  }
  if (s.rules.empty() && s.dates.empty())
    f.fail("weekly", "a schedule needs a weekly rule or a list of dates (or both)");
  f.finish();
  return s;
}

JsonObject scheduleJson(const domain::Schedule& s) {
  JsonObject o = newObject();
  if (!s.timeZone.empty()) o->set("timezone", s.timeZone);
  if (s.duration > Seconds{0}) o->set("duration", domain::toIsoDuration(s.duration));
  if (s.capacity > 0) o->set("capacity", s.capacity);
  o->set("resourceIds", stringArray(s.resourceIds));
  JsonArray rules = newArray();
  for (const domain::WeeklyRecurrence& r : s.rules) {
    JsonObject x = newObject();
    x->set("days", weekdaysJson(r.days));
    x->set("time", timeOfDayText(r.startTime));
    x->set("from", dateText(r.firstDate));
    if (r.until) x->set("until", dateText(*r.until));
    if (r.count) x->set("count", *r.count);
    rules->add(x);
  }
  o->set("weekly", rules);
  o->set("dates", localTimesJson(s.dates));
  o->set("excluded", localTimesJson(s.excluded));
  JsonArray overrides = newArray();
  for (const domain::SessionOverride& c : s.overrides) {
    JsonObject x = newObject();
    x->set("origin", localDateTimeText(c.origin));
    if (c.start) x->set("start", localDateTimeText(*c.start));
    if (c.duration) x->set("duration", domain::toIsoDuration(*c.duration));
    if (c.capacity) x->set("capacity", *c.capacity);
    if (c.resourceIds) x->set("resourceIds", stringArray(*c.resourceIds));
    overrides->add(x);
  }
  o->set("overrides", overrides);
  return o;
}

}  // namespace bookdav::server::api
