// Resources and their working hours as JSON (see CatalogJson.h).
#include "domain/account/Account.h"
#include "domain/booking/Ids.h"
#include "server/api/CatalogJson.h"
#include "server/api/LocalTimeJson.h"

namespace bookdav::server::api {
namespace {

using namespace std::chrono;

template <typename F>
void eachObject(JsonFields& f, std::string_view name, F&& read) {
  std::optional<std::vector<JsonValue>> items = f.array(name);
  if (!items) return;
  for (size_t i = 0; i < items->size(); ++i) {
    JsonFields item((*items)[i], elementPath(f.pathOf(name), i));
    read(item);
    item.finish();
  }
}

domain::Seconds requiredTime(JsonFields& f, std::string_view name, bool end) {
  std::optional<domain::Seconds> t = readTimeOfDay(f, name, end);
  if (!t) f.fail(name, "is required (e.g. \"09:00\")");
  return *t;
}

void requireSpan(JsonFields& f, domain::Seconds start, domain::Seconds end) {
  if (end <= start) f.fail("end", "must be later than start");
}

domain::Closure readClosure(JsonFields& f) {
  domain::Closure c;
  c.note = f.text("note").value_or("");
  if (f.has("from") || f.has("until")) {
    std::optional<year_month_day> first = readDate(f, "from");
    if (!first) f.fail("from", "is required: the first day closed (\"2026-12-24\")");
    year_month_day last = readDate(f, "until").value_or(*first);
    if (sys_days{last} < sys_days{*first}) f.fail("until", "must not be before from");
    c = domain::Closure::days(*first, last, c.note);
  } else {
    std::optional<domain::LocalDateTime> start = readLocalDateTime(f, "start");
    std::optional<domain::LocalDateTime> end = readLocalDateTime(f, "end");
    if (!start || !end)
      f.fail(start ? "end" : "start",
             "is required: give whole days as \"from\"/\"until\" dates or a span as \"start\"/\"end\" "
             "local times (\"2026-12-24T14:00\")");
    if (sys_days{end->date} + end->timeOfDay <= sys_days{start->date} + start->timeOfDay)
      f.fail("end", "must be later than start");
    c.start = *start;
    c.end = *end;
  }
  return c;
}

}  // namespace

domain::WorkingHours readWorkingHours(JsonFields& f) {
  domain::WorkingHours h;
  h.timeZone = f.string("timezone").value_or("");
  eachObject(f, "weekly", [&](JsonFields& w) {
    domain::WeeklyHours hours;
    std::optional<domain::Weekdays> days = readWeekdays(w, "days");
    if (!days) w.fail("days", "is required, e.g. [\"MO\", \"TU\", \"WE\", \"TH\", \"FR\"]");
    hours.days = *days;
    hours.start = requiredTime(w, "start", false);
    hours.end = requiredTime(w, "end", true);
    requireSpan(w, hours.start, hours.end);
    hours.from = readDate(w, "from");
    hours.until = readDate(w, "until");
    if (hours.from && hours.until && sys_days{*hours.until} < sys_days{*hours.from})
      w.fail("until", "must not be before from");
    h.weekly.push_back(hours);
  });
  eachObject(f, "extra", [&](JsonFields& e) {
    domain::ExtraHours hours;
    std::optional<year_month_day> date = readDate(e, "date");
    if (!date) e.fail("date", "is required (\"2026-12-20\")");
    hours.date = *date;
    hours.start = requiredTime(e, "start", false);
    hours.end = requiredTime(e, "end", true);
    requireSpan(e, hours.start, hours.end);
    h.extra.push_back(hours);
  });
  eachObject(f, "closed", [&](JsonFields& c) { h.closed.push_back(readClosure(c)); });
  f.finish();
  return h;
}

std::string readCalendarEmail(JsonFields& f) {
  std::string email = f.string("email").value_or("");
  if (email.size() >= 7 && (email.compare(0, 7, "mailto:") == 0 || email.compare(0, 7, "MAILTO:") == 0))
    email.erase(0, 7);
  if (!email.empty() && !domain::isMailAddress(email))
    f.fail("email", "\"" + email + "\" is not an e-mail address such as \"haircut@salon.example\"");
  return email;
}

domain::Resource readResource(JsonFields& f, const std::string& defaultZone, const std::string& id,
                              const NamedHours& named) {
  domain::Resource r;
  r.id = f.id("id", id, "chair-1");
  std::string kind = f.requiredString("kind");
  auto k = domain::parseResourceKind(kind);
  if (!k) f.fail("kind", "\"" + kind + "\" is not one of staff, room, equipment");
  r.kind = *k;
  r.name = f.nonEmptyString("name");
  r.timeZone = f.timeZone("timezone", defaultZone);
  r.userName = f.string("userName").value_or("");
  if (!r.userName.empty() && !domain::isValidAccountName(r.userName))
    f.fail("userName", "\"" + r.userName + "\" is not a user name");
  r.email = readCalendarEmail(f);
  JsonValue hours = f.value("workingHours");
  if (!hours.isEmpty() && hours.isString() && !named.empty()) {
    const std::string name = hours.extract<std::string>();
    auto it = named.find(name);
    if (it == named.end())
      f.fail("workingHours", "names \"" + name + "\", which the file's workingHours do not define");
    r.hours = it->second;
  } else if (!hours.isEmpty()) {
    JsonFields h(hours, f.pathOf("workingHours"));
    r.hours = readWorkingHours(h);
  }
  f.finish();
  return r;
}

JsonObject workingHoursJson(const domain::WorkingHours& h) {
  JsonObject o = newObject();
  if (!h.timeZone.empty()) o->set("timezone", h.timeZone);
  JsonArray weekly = newArray();
  for (const domain::WeeklyHours& w : h.weekly) {
    JsonObject x = newObject();
    x->set("days", weekdaysJson(w.days));
    x->set("start", timeOfDayText(w.start));
    x->set("end", timeOfDayText(w.end));
    if (w.from) x->set("from", dateText(*w.from));
    if (w.until) x->set("until", dateText(*w.until));
    weekly->add(x);
  }
  o->set("weekly", weekly);
  JsonArray extra = newArray();
  for (const domain::ExtraHours& e : h.extra) {
    JsonObject x = newObject();
    x->set("date", dateText(e.date));
    x->set("start", timeOfDayText(e.start));
    x->set("end", timeOfDayText(e.end));
    extra->add(x);
  }
  o->set("extra", extra);
  JsonArray closed = newArray();
  for (const domain::Closure& c : h.closed) {
    JsonObject x = newObject();
    if (c.start.timeOfDay == domain::Seconds{0} && c.end.timeOfDay == domain::Seconds{0}) {
      x->set("from", dateText(c.start.date));
      x->set("until", dateText(year_month_day{sys_days{c.end.date} - days{1}}));
    } else {
      x->set("start", localDateTimeText(c.start));
      x->set("end", localDateTimeText(c.end));
    }
    x->set("note", c.note);
    closed->add(x);
  }
  o->set("closed", closed);
  return o;
}

JsonObject resourceJson(const domain::Resource& r, bool withAccount) {
  JsonObject o = newObject();
  o->set("id", r.id);
  o->set("kind", std::string(domain::toString(r.kind)));
  o->set("name", r.name);
  o->set("timezone", r.timeZone);
  if (withAccount) o->set("userName", r.userName);
  if (!r.email.empty()) o->set("email", r.email);
  o->set("workingHours", workingHoursJson(r.hours));
  return o;
}

}  // namespace bookdav::server::api
