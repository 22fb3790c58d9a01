// Applying DAV:set / DAV:remove instructions (PROPPATCH, and the bodies of MKCALENDAR and extended
// MKCOL) all-or-nothing: every instruction is checked first; only if all pass is anything written.
#pragma once

#include <optional>
#include <pugixml.hpp>
#include <vector>

#include "caldav/dav/Resource.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/Multistatus.h"
#include "caldav/xml/Xml.h"
#include "domain/calendar/CalendarStore.h"

namespace bookdav::caldav {

class PropertyUpdate {
 public:
  // Reads the DAV:set / DAV:remove children of element, in document order.
  explicit PropertyUpdate(pugi::xml_node element);

  // Checks the live values that are client data to parse (calendar-timezone): call it before the
  // write transaction, so that prepare() inside it only looks the results up.
  void checkValues();

  // Checks every instruction against a collection record (new or existing) or an object, applying
  // live values to `collection`. Returns false when any instruction fails; `report` then holds the
  // failures and 424 for the rest, and nothing may be written. baseUrl makes the absolute URLs a
  // successful report may show (a new feed's).
  bool prepare(ResourceKind kind, domain::CollectionRecord* collection, bool creating, PropStats& report,
               std::string_view baseUrl = {});
  // Writes the dead properties after the collection record was saved (or the object exists).
  void writeDeadProperties(domain::CalendarWriter& store, domain::ResourceRef resource) const;
  bool empty() const { return instructions_.empty(); }

 private:
  struct Instruction {
    bool remove;
    pugi::xml_node element;
    xml::QName name;
  };
  std::vector<Instruction> instructions_;
  bool checked_ = false;
  std::vector<std::optional<DavError>> refusals_;  // checkValues(): per instruction
  // Dead-property changes in document order (a remove then a set of one name leaves it set).
  struct DeadChange {
    bool remove;
    domain::DeadProperty property;
  };
  std::vector<DeadChange> deadChanges_;
};

}  // namespace bookdav::caldav
