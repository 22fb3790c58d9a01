#include "caldav/calendar/Filter.h"

#include "caldav/calendar/TimeRange.h"
#include "caldav/ical/ContentLines.h"
#include "caldav/xml/Xml.h"

namespace bookdav::caldav::calendar {
namespace {

using xml::kCalDav;

constexpr int kMaxDepth = 16;

[[noreturn]] void invalid(std::string message) {
  throw FilterError(FilterError::Kind::InvalidFilter, std::move(message));
}

std::string nameAttribute(pugi::xml_node element, const char* what) {
  std::string name = pugi::xml_attribute(element.attribute("name")).value();
  if (name.empty()) invalid(std::string("CALDAV:") + what + " needs a name attribute");
  return ical::upper(name);
}

domain::Interval timeRangeOf(pugi::xml_node element) {
  try {
    return parseTimeRange(element, Bounds::AtLeastOne);
  } catch (const TimeRangeError& e) {
    throw FilterError(FilterError::Kind::InvalidTimeRange, e.what());
  }
}

TextMatch textMatchOf(pugi::xml_node element) {
  TextMatch m;
  m.text = xml::textOf(element);
  if (pugi::xml_attribute c = element.attribute("collation")) {
    if (!collationFromName(c.value(), m.collation))
      throw FilterError(
          FilterError::Kind::UnsupportedCollation,
          std::string("collation \"") + c.value() + "\" is not supported; use i;ascii-casemap or i;octet");
  }
  if (pugi::xml_attribute n = element.attribute("negate-condition")) {
    std::string v = n.value();
    if (v != "yes" && v != "no") invalid("negate-condition must be \"yes\" or \"no\", not \"" + v + "\"");
    m.negate = v == "yes";
  }
  return m;
}

// CalDAV children only; elements of other namespaces are extensions and ignored.
std::vector<pugi::xml_node> caldavChildren(pugi::xml_node parent) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node child : xml::elements(parent))
    if (xml::nameOf(child).ns == kCalDav) out.push_back(child);
  return out;
}

ParamFilter paramFilterOf(pugi::xml_node element) {
  ParamFilter f;
  f.name = nameAttribute(element, "param-filter");
  for (pugi::xml_node child : caldavChildren(element)) {
    std::string local = xml::nameOf(child).local;
    if (local == "is-not-defined") {
      f.isNotDefined = true;
    } else if (local == "text-match") {
      if (f.textMatch) invalid("param-filter " + f.name + " has more than one text-match");
      f.textMatch = textMatchOf(child);
    } else {
      invalid("CALDAV:" + local + " cannot appear in param-filter " + f.name);
    }
  }
  if (f.isNotDefined && f.textMatch)
    invalid("param-filter " + f.name + " has both is-not-defined and text-match");
  return f;
}

PropFilter propFilterOf(pugi::xml_node element) {
  PropFilter f;
  f.name = nameAttribute(element, "prop-filter");
  for (pugi::xml_node child : caldavChildren(element)) {
    std::string local = xml::nameOf(child).local;
    if (local == "is-not-defined") {
      f.isNotDefined = true;
    } else if (local == "time-range") {
      if (f.timeRange) invalid("prop-filter " + f.name + " has more than one time-range");
      f.timeRange = timeRangeOf(child);
    } else if (local == "text-match") {
      if (f.textMatch) invalid("prop-filter " + f.name + " has more than one text-match");
      f.textMatch = textMatchOf(child);
    } else if (local == "param-filter") {
      f.paramFilters.push_back(paramFilterOf(child));
    } else {
      invalid("CALDAV:" + local + " cannot appear in prop-filter " + f.name);
    }
  }
  if (f.timeRange && f.textMatch) invalid("prop-filter " + f.name + " has both time-range and text-match");
  if (f.isNotDefined && (f.timeRange || f.textMatch || !f.paramFilters.empty()))
    invalid("prop-filter " + f.name + " has is-not-defined together with other tests");
  return f;
}

bool timeRangeApplies(const std::string& component) {
  return component == "VEVENT" || component == "VTODO" || component == "VJOURNAL" ||
         component == "VFREEBUSY" || component == "VALARM" || component == "VAVAILABILITY";
}

CompFilter compFilterOf(pugi::xml_node element, int depth) {
  if (depth > kMaxDepth) invalid("comp-filters are nested too deeply");
  CompFilter f;
  f.name = nameAttribute(element, "comp-filter");
  for (pugi::xml_node child : caldavChildren(element)) {
    std::string local = xml::nameOf(child).local;
    if (local == "is-not-defined") {
      f.isNotDefined = true;
    } else if (local == "time-range") {
      if (f.timeRange) invalid("comp-filter " + f.name + " has more than one time-range");
      if (!timeRangeApplies(f.name)) invalid("time-range does not apply to " + f.name);
      f.timeRange = timeRangeOf(child);
    } else if (local == "prop-filter") {
      f.propFilters.push_back(propFilterOf(child));
    } else if (local == "comp-filter") {
      f.compFilters.push_back(compFilterOf(child, depth + 1));
    } else {
      invalid("CALDAV:" + local + " cannot appear in comp-filter " + f.name);
    }
  }
  if (f.isNotDefined && (f.timeRange || !f.propFilters.empty() || !f.compFilters.empty()))
    invalid("comp-filter " + f.name + " has is-not-defined together with other tests");
  return f;
}

bool indexable(const std::string& name) {
  return name == "VEVENT" || name == "VTODO" || name == "VJOURNAL" || name == "VFREEBUSY" ||
         name == "VAVAILABILITY";
}

}  // namespace

Filter Filter::parse(pugi::xml_node filterElement) {
  try {
    if (!filterElement || !xml::is(filterElement, kCalDav, "filter"))
      invalid("expected a CALDAV:filter element");
    std::vector<pugi::xml_node> children = caldavChildren(filterElement);
    if (children.size() != 1 || xml::nameOf(children.front()).local != "comp-filter")
      invalid("CALDAV:filter must hold exactly one comp-filter");
    Filter f;
    f.root_ = compFilterOf(children.front(), 0);
    if (f.root_.name != "VCALENDAR")
      invalid("the outermost comp-filter must be VCALENDAR, not " + f.root_.name);
    return f;
  } catch (const xml::XmlError& e) {
    invalid(e.what());
  }
}

std::optional<IndexHint> Filter::indexHint() const {
  if (root_.isNotDefined) return std::nullopt;
  for (const CompFilter& c : root_.compFilters) {
    if (c.isNotDefined || !indexable(c.name)) continue;
    return IndexHint{c.name, c.timeRange};
  }
  return std::nullopt;
}

bool Filter::isPlainTimeRange() const {
  if (root_.isNotDefined || !root_.propFilters.empty() || root_.compFilters.size() != 1) return false;
  const CompFilter& c = root_.compFilters.front();
  return indexable(c.name) && !c.isNotDefined && c.propFilters.empty() && c.compFilters.empty();
}

}  // namespace bookdav::caldav::calendar
