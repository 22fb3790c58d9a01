// Which properties a request asks for (RFC 4918 14.20 propfind, also DAV:prop in REPORTs), and
// writing them for one resource into PropStats.
#pragma once

#include <pugixml.hpp>
#include <string_view>
#include <vector>

#include "caldav/dav/LiveProperties.h"
#include "caldav/webdav/Multistatus.h"
#include "caldav/xml/Xml.h"

namespace bookdav::caldav {

// Properties one request may name: each is answered for every resource, so that 90,000 names in a
// 1 MB PROPFIND of a calendar of 50 events built a 105 MB answer. Real clients name fewer than 50.
inline constexpr size_t kMaxRequestedProperties = 256;

// The names of the elements of a DAV:prop (or DAV:include); throws DavError 400 beyond the limit.
std::vector<xml::QName> requestedNames(pugi::xml_node prop);

struct PropertyRequest {
  enum class Mode { Prop, Allprop, Propname };
  Mode mode = Mode::Allprop;
  std::vector<xml::QName> names;    // Prop: the properties asked for
  std::vector<xml::QName> include;  // Allprop: DAV:include

  // Parses a PROPFIND body ("" means allprop); throws DavError 400 for anything malformed.
  static PropertyRequest fromPropfind(std::string_view body);
  // Reads a DAV:prop element (REPORT bodies).
  static PropertyRequest fromProp(pugi::xml_node prop);
  // True when any requested property may be a dead one (so dead properties must be loaded).
  bool needsDeadProperties() const;
};

// Writes the requested properties of ctx.resource. Properties that do not apply are reported 404.
void describe(const PropertyContext& ctx, const PropertyRequest& request, PropStats& out);

}  // namespace bookdav::caldav
