#include "caldav/dav/PropertyRequest.h"

#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

std::vector<xml::QName> requestedNames(pugi::xml_node prop) {
  std::vector<xml::QName> out;
  for (pugi::xml_node p : xml::elements(prop)) {
    if (out.size() == kMaxRequestedProperties)
      throw DavError::badRequest("a request names at most " + std::to_string(kMaxRequestedProperties) +
                                 " properties");
    out.push_back(xml::nameOf(p));
  }
  return out;
}

PropertyRequest PropertyRequest::fromProp(pugi::xml_node prop) {
  PropertyRequest r;
  r.mode = Mode::Prop;
  r.names = requestedNames(prop);
  return r;
}

PropertyRequest PropertyRequest::fromPropfind(std::string_view body) {
  PropertyRequest r;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return r;  // no body: allprop
  xml::Document doc = xml::Document::parse(body);
  pugi::xml_node root = doc.root();
  if (!xml::is(root, xml::kDav, "propfind"))
    throw DavError::badRequest("the body must be a DAV:propfind element");
  bool seen = false;
  for (pugi::xml_node c : xml::elements(root)) {
    if (xml::is(c, xml::kDav, "prop")) {
      if (seen) throw DavError::badRequest("DAV:propfind takes one of prop, allprop or propname");
      r = fromProp(c);
      seen = true;
    } else if (xml::is(c, xml::kDav, "allprop")) {
      if (seen) throw DavError::badRequest("DAV:propfind takes one of prop, allprop or propname");
      r.mode = Mode::Allprop;
      seen = true;
    } else if (xml::is(c, xml::kDav, "propname")) {
      if (seen) throw DavError::badRequest("DAV:propfind takes one of prop, allprop or propname");
      r.mode = Mode::Propname;
      seen = true;
    } else if (xml::is(c, xml::kDav, "include")) {
      r.include = requestedNames(c);
    }
  }
  if (!seen) throw DavError::badRequest("DAV:propfind needs prop, allprop or propname");
  return r;
}

bool PropertyRequest::needsDeadProperties() const {
  if (mode != Mode::Prop) return true;
  for (const auto& n : names) {
    if (!findLiveProperty(n.ns, n.local)) return true;
  }
  return false;
}

void describe(const PropertyContext& ctx, const PropertyRequest& request, PropStats& out) {
  const Resource& r = ctx.resource;
  // Dead properties live on stored collections and members, and on the settings rows of
  // computed calendars (their members have none).
  std::optional<domain::ResourceRef> ref;
  if (r.kind == ResourceKind::Object && !r.isComputed()) ref = domain::ResourceRef{false, r.object->id};
  if ((r.isStoredCollection() || r.isCalendar()) && r.collection && r.collection->id) {
    ref = domain::ResourceRef{true, r.collection->id};
  }
  std::vector<domain::DeadProperty> dead;
  if (ref && request.needsDeadProperties()) dead = ctx.store.deadProperties(*ref);
  auto findDead = [&](const xml::QName& n) -> const domain::DeadProperty* {
    for (const auto& d : dead) {
      if (d.ns == n.ns && d.name == n.local) return &d;
    }
    return nullptr;
  };

  switch (request.mode) {
    case PropertyRequest::Mode::Prop:
      for (const xml::QName& n : request.names) {
        if (const LiveProperty* live = findLiveProperty(n.ns, n.local)) {
          if (!live->get(ctx, out.found())) out.add(404, n);
        } else if (const auto* d = findDead(n)) {
          out.found().raw(d->xml);
        } else {
          out.add(404, n);
        }
      }
      break;
    case PropertyRequest::Mode::Allprop:
      for (const LiveProperty& live : liveProperties()) {
        bool included = live.inAllprop;
        for (const auto& n : request.include)
          included = included || (n.ns == live.ns && n.local == live.local);
        if (included) live.get(ctx, out.found());
      }
      for (const auto& d : dead) out.found().raw(d.xml);
      break;
    case PropertyRequest::Mode::Propname: {
      xml::XmlWriter scratch = xml::XmlWriter::fragment();
      for (const LiveProperty& live : liveProperties()) {
        if (live.get(ctx, scratch)) out.found().empty(live.ns, live.local);
      }
      for (const auto& d : dead) out.found().empty(d.ns, d.name);
      break;
    }
  }
  if (out.empty()) out.found();  // an empty <prop/> with 200 rather than no propstat at all
}

}  // namespace bookdav::caldav
