#include "caldav/ical/Component.h"

#include <libical/ical.h>

#include <cstdlib>
#include <mutex>

#include "caldav/ical/IcalZoneRules.h"

namespace bookdav::caldav::ical {
namespace {

// A malloc'ed string from a libical "_r" function, freed on scope exit.
struct OwnedCString {
  char* p;
  ~OwnedCString() { std::free(p); }
  std::string str() const { return p ? std::string(p) : std::string(); }
};

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

icalcomponent* mut(const icalcomponent* c) {
  return const_cast<icalcomponent*>(c);
}
icalproperty* mut(const icalproperty* p) {
  return const_cast<icalproperty*>(p);
}

std::string parameterName(icalparameter* a) {
  icalparameter_kind k = icalparameter_isa(a);
  if (k == ICAL_X_PARAMETER) return icalparameter_get_xname(a) ? icalparameter_get_xname(a) : "";
  if (k == ICAL_IANA_PARAMETER) return icalparameter_get_iana_name(a) ? icalparameter_get_iana_name(a) : "";
  const char* n = icalparameter_kind_to_string(k);
  return n ? n : "";
}

// "NAME=a,\"b\"" -> {"a", "b"}.
std::vector<std::string> splitParameterValues(std::string_view serialized) {
  std::vector<std::string> out;
  size_t eq = serialized.find('=');
  if (eq == std::string_view::npos) return out;
  std::string_view rest = serialized.substr(eq + 1);
  std::string current;
  bool quoted = false;
  for (char c : rest) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  out.push_back(std::move(current));
  return out;
}

}  // namespace

void initialize() {
  static std::once_flag once;
  std::call_once(once, [] {
    icalerror_set_errors_are_fatal(0);
    icaltimezone_get_builtin_timezones();  // builds libical's zone list once, before threads start
    const IcalZoneRules& zones = IcalZoneRules::instance();
    for (const char* z : {"UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles"})
      zones.warm(z);
  });
}

void Component::Free::operator()(icalcomponent* c) const noexcept {
  if (c) icalcomponent_free(c);
}

void FreeRecurIterator::operator()(icalrecur_iterator* it) const noexcept {
  if (it) icalrecur_iterator_free(it);
}

Component Component::parse(std::string_view text) {
  std::string copy(text);  // libical wants a NUL-terminated string
  return Component(icalparser_parse_string(copy.c_str()));
}

Component Component::clone() const {
  return owned_ ? Component(icalcomponent_new_clone(owned_.get())) : Component();
}

std::string Component::serialize() const {
  if (!owned_) return {};
  return OwnedCString{icalcomponent_as_ical_string_r(owned_.get())}.str();
}

std::string componentName(const icalcomponent* c) {
  const char* n = icalcomponent_kind_to_string(icalcomponent_isa(c));
  return n ? n : "";
}

std::string propertyName(const icalproperty* p) {
  return OwnedCString{icalproperty_get_property_name_r(p)}.str();
}

std::vector<icalcomponent*> childComponents(const icalcomponent* c, std::string_view name) {
  std::vector<icalcomponent*> out;
  icalcomponent_kind kind = ICAL_ANY_COMPONENT;
  if (!name.empty()) {
    kind = icalcomponent_string_to_kind(std::string(name).c_str());
    if (kind == ICAL_NO_COMPONENT) return out;
  }
  // icalcompiter keeps its own cursor, so this does not disturb other iterations over c.
  for (icalcompiter it = icalcomponent_begin_component(mut(c), kind); icalcompiter_deref(&it) != nullptr;
       icalcompiter_next(&it))
    out.push_back(icalcompiter_deref(&it));
  return out;
}

std::vector<icalproperty*> properties(const icalcomponent* c, std::string_view name) {
  std::vector<icalproperty*> out;
  icalproperty_kind kind = ICAL_ANY_PROPERTY;
  bool byXName = false;
  if (!name.empty()) {
    kind = icalproperty_string_to_kind(std::string(name).c_str());
    if (kind == ICAL_NO_PROPERTY || kind == ICAL_X_PROPERTY) {
      kind = ICAL_X_PROPERTY;
      byXName = true;
    }
  }
  icalcomponent* m = mut(c);
  for (icalproperty* p = icalcomponent_get_first_property(m, kind); p;
       p = icalcomponent_get_next_property(m, kind)) {
    if (byXName) {
      const char* x = icalproperty_get_x_name(p);
      if (!x || !equalsIgnoreCase(x, name)) continue;
    }
    out.push_back(p);
  }
  return out;
}

icalproperty* firstProperty(const icalcomponent* c, std::string_view name) {
  icalproperty_kind kind = icalproperty_string_to_kind(std::string(name).c_str());
  if (kind != ICAL_NO_PROPERTY && kind != ICAL_X_PROPERTY)
    return icalcomponent_get_first_property(mut(c), kind);
  std::vector<icalproperty*> all = properties(c, name);
  return all.empty() ? nullptr : all.front();
}

std::string valueText(const icalproperty* p) {
  icalvalue* v = icalproperty_get_value(mut(p));
  if (!v) return {};
  switch (icalvalue_isa(v)) {
    case ICAL_TEXT_VALUE: {
      const char* t = icalvalue_get_text(v);
      return t ? t : "";
    }
    case ICAL_X_VALUE: {
      const char* t = icalvalue_get_x(v);
      return t ? t : "";
    }
    default:
      return OwnedCString{icalvalue_as_ical_string_r(v)}.str();
  }
}

std::vector<std::string> parameterValues(const icalproperty* p, std::string_view name) {
  std::vector<std::string> out;
  icalproperty* m = mut(p);
  for (icalparameter* a = icalproperty_get_first_parameter(m, ICAL_ANY_PARAMETER); a;
       a = icalproperty_get_next_parameter(m, ICAL_ANY_PARAMETER)) {
    if (!equalsIgnoreCase(parameterName(a), name)) continue;
    OwnedCString s{icalparameter_as_ical_string_r(a)};
    if (!s.p) continue;
    for (std::string& v : splitParameterValues(s.p)) out.push_back(std::move(v));
  }
  return out;
}

std::optional<std::string> parameterValue(const icalproperty* p, std::string_view name) {
  std::vector<std::string> all = parameterValues(p, name);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

std::optional<std::string> propertyText(const icalcomponent* c, std::string_view name) {
  icalproperty* p = firstProperty(c, name);
  if (!p) return std::nullopt;
  return valueText(p);
}

void removeProperty(icalcomponent* c, icalproperty* p) {
  icalcomponent_remove_property(c, p);
  icalproperty_free(p);
}

void removeProperties(icalcomponent* c, std::string_view name) {
  for (icalproperty* p : properties(c, name)) removeProperty(c, p);
}

void removeComponent(icalcomponent* parent, icalcomponent* child) {
  icalcomponent_remove_component(parent, child);
  Component owned(child);  // frees it and its children
}

std::string propertyLine(const icalproperty* p) {
  return OwnedCString{icalproperty_as_ical_string_r(mut(p))}.str();
}

}  // namespace bookdav::caldav::ical
