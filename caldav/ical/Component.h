// The one owner of libical components (icalcomponent*, freed with icalcomponent_free), and the few
// safe accessors the rest of caldav needs.
//
// Strings are copied out of libical; "_r" results are freed. No other file frees libical objects.
//
// Threads: never share one Component between threads, not even for reading. libical keeps iteration
// state inside each component, so two readers corrupt each other. Parse one per thread or request.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// libical's own declarations (identical typedefs may be repeated), so that this header does not
// pull all of <libical/ical.h> into every user.
typedef struct icalcomponent_impl icalcomponent;
typedef struct icalproperty_impl icalproperty;
typedef struct icalrecur_iterator_impl icalrecur_iterator;

namespace bookdav::caldav::ical {

// Process-wide libical setup. Call once, before any thread uses libical: makes libical errors
// non-fatal and builds libical's list of built-in zones (which libical grows without a lock).
// Calling it again is harmless.
void initialize();

class Component {
 public:
  Component() noexcept = default;
  // Takes ownership of a root component (one without a parent).
  explicit Component(icalcomponent* owned) noexcept : owned_(owned) {}

  // libical's parser, nothing more: no validation, X-LIC-ERROR properties stay in the tree.
  // Returns an empty Component when libical finds no component at all.
  static Component parse(std::string_view text);

  Component clone() const;
  // RFC 5545 text: CRLF line ends, lines folded at 75 octets.
  std::string serialize() const;

  // The libical handle. libical's API takes non-const pointers even to read (it moves the
  // component's internal iterators), so this is non-const too; see the threads note above.
  icalcomponent* get() const noexcept { return owned_.get(); }
  icalcomponent* release() noexcept { return owned_.release(); }
  explicit operator bool() const noexcept { return owned_ != nullptr; }

 private:
  struct Free {
    void operator()(icalcomponent* c) const noexcept;
  };
  std::unique_ptr<icalcomponent, Free> owned_;
};

// Owner of a libical recurrence iterator.
struct FreeRecurIterator {
  void operator()(icalrecur_iterator* it) const noexcept;
};
using RecurIterator = std::unique_ptr<icalrecur_iterator, FreeRecurIterator>;

// --- accessors (all copy, none keep pointers into libical's ring buffer) ---

// "VEVENT", "VALARM", or the name of an X- component.
std::string componentName(const icalcomponent* c);
// "DTSTART", "SUMMARY", or the name of an X- property.
std::string propertyName(const icalproperty* p);

// Direct children, collected first so that callers may iterate freely (libical's get_first/get_next
// share one cursor per component). An empty name means all children.
std::vector<icalcomponent*> childComponents(const icalcomponent* c, std::string_view name = {});
std::vector<icalproperty*> properties(const icalcomponent* c, std::string_view name = {});
icalproperty* firstProperty(const icalcomponent* c, std::string_view name);

// The value as text: TEXT values unescaped ("a, b"), every other type in its iCalendar form.
std::string valueText(const icalproperty* p);
// The first value of a parameter, without quotes; nullopt when the parameter is absent.
std::optional<std::string> parameterValue(const icalproperty* p, std::string_view name);
// Every value of every parameter with that name (CN, MEMBER=a,b, X-FOO...).
std::vector<std::string> parameterValues(const icalproperty* p, std::string_view name);
// The first property's value as text, or nullopt.
std::optional<std::string> propertyText(const icalcomponent* c, std::string_view name);

// Removing from a tree frees what was removed.
void removeProperty(icalcomponent* c, icalproperty* p);
void removeProperties(icalcomponent* c, std::string_view name);
void removeComponent(icalcomponent* parent, icalcomponent* child);

// The property line as iCalendar text, folded, with CRLF.
std::string propertyLine(const icalproperty* p);

}  // namespace bookdav::caldav::ical
