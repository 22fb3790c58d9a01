#include "caldav/methods/PropertyUpdate.h"

#include "caldav/dav/LiveProperties.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

PropertyUpdate::PropertyUpdate(pugi::xml_node element) {
  for (pugi::xml_node op : xml::elements(element)) {
    bool remove = xml::is(op, xml::kDav, "remove");
    if (!remove && !xml::is(op, xml::kDav, "set")) continue;
    for (pugi::xml_node prop : xml::elements(op)) {
      if (!xml::is(prop, xml::kDav, "prop")) continue;
      for (pugi::xml_node p : xml::elements(prop)) instructions_.push_back({remove, p, xml::nameOf(p)});
    }
  }
}

void PropertyUpdate::checkValues() {
  refusals_.assign(instructions_.size(), std::nullopt);
  for (size_t i = 0; i < instructions_.size(); ++i) {
    const Instruction& in = instructions_[i];
    const LiveProperty* live = findLiveProperty(in.name.ns, in.name.local);
    if (in.remove || !live || !live->check) continue;
    try {
      live->check(in.element);
    } catch (const DavError& e) {
      refusals_[i] = e;
    }
  }
  checked_ = true;
}

bool PropertyUpdate::prepare(ResourceKind kind, domain::CollectionRecord* collection, bool creating,
                             PropStats& report, std::string_view baseUrl) {
  struct Outcome {
    xml::QName name;
    int status;
    const LiveProperty* shown;  // a live property set whose answer shows its value
  };
  std::vector<Outcome> outcomes;
  bool failed = false;
  deadChanges_.clear();
  for (size_t i = 0; i < instructions_.size(); ++i) {
    const Instruction& in = instructions_[i];
    int status = 200;
    const LiveProperty* live = findLiveProperty(in.name.ns, in.name.local);
    // Live values apply to calendars; a plain collection keeps only its display name live.
    const bool liveTarget = collection && live &&
                            (kind == ResourceKind::Calendar ||
                             (in.name.is(xml::kDav, "displayname") && kind != ResourceKind::Object));
    try {
      if (live && !live->set) {
        throw DavError::forbidden(xml::kDav, "cannot-modify-protected-property",
                                  in.name.clark() + " is computed by the server");
      } else if (live && live->creationOnly && !creating) {
        throw DavError::forbidden(xml::kDav, "cannot-modify-protected-property",
                                  in.name.clark() + " can only be set when the calendar is made");
      } else if (live && live->answer && creating && !in.remove) {
        throw DavError::forbidden(
            xml::kDav, "cannot-modify-protected-property",
            in.name.clark() + " is set with PROPPATCH once the calendar exists: only that answer shows it");
      } else if (liveTarget) {
        if (in.remove) {
          if (live->remove) live->remove(*collection);
        } else {
          if (checked_ && refusals_[i]) throw *refusals_[i];
          if (!checked_ && live->check) live->check(in.element);
          live->set(*collection, in.element);
        }
      } else if (in.remove) {
        deadChanges_.push_back({true, {in.name.ns, in.name.local, {}}});
      } else {
        deadChanges_.push_back({false, {in.name.ns, in.name.local, xml::serializeElement(in.element)}});
      }
    } catch (const DavError& e) {
      status = e.status();
      failed = true;
    }
    const bool liveSet = liveTarget && !in.remove && live->answer;
    outcomes.push_back({in.name, status, liveSet ? live : nullptr});
  }
  for (const Outcome& o : outcomes) {
    if (failed)
      report.add(o.status == 200 ? 424 : o.status, o.name);
    else if (!o.shown || !o.shown->answer(*collection, baseUrl, report.found()))
      report.found().empty(o.name);
  }
  return !failed;
}

void PropertyUpdate::writeDeadProperties(domain::CalendarWriter& store, domain::ResourceRef resource) const {
  for (const auto& change : deadChanges_) {
    if (change.remove)
      store.removeDeadProperty(resource, change.property.ns, change.property.name);
    else
      store.setDeadProperty(resource, change.property);
  }
}

}  // namespace bookdav::caldav
