#include "caldav/xml/XmlWriter.h"

#include "domain/text/ValidText.h"

namespace bookdav::caldav::xml {
namespace {

struct KnownPrefix {
  std::string_view ns;
  std::string_view prefix;
};

constexpr KnownPrefix kKnown[] = {
    {kDav, "d"}, {kCalDav, "c"}, {kCalendarServer, "cs"}, {kAppleIcal, "ical"}, {kBookdav, "b"},
};

std::string_view knownPrefix(std::string_view ns) {
  for (const auto& k : kKnown) {
    if (k.ns == ns) return k.prefix;
  }
  return {};
}

}  // namespace

XmlWriter::XmlWriter() {
  out_ = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
}

XmlWriter XmlWriter::fragment() {
  XmlWriter w;
  w.out_.clear();
  w.fragment_ = true;
  return w;
}

void XmlWriter::start(std::string_view ns, std::string_view givenLocal, bool selfClosing,
                      Attributes attributes) {
  // Names of dead properties stored before bookdav checked text may not be valid.
  std::string repaired;
  std::string_view local = givenLocal;
  if (!domain::isValidText(local, domain::Controls::None))
    local = repaired = domain::repairText(local, domain::Controls::None);
  const bool root = stack_.empty() && !fragment_;
  const std::string inheritedDefault = stack_.empty() ? std::string() : stack_.back().defaultNs;
  std::string tag, decl, defaultNs = inheritedDefault;
  if (std::string_view p = knownPrefix(ns); !p.empty()) {
    tag.append(p).append(":").append(local);
  } else {
    tag = std::string(local);
    if (ns != inheritedDefault) {
      decl = " xmlns=\"" + escapeAttribute(ns) + "\"";
      defaultNs = std::string(ns);
    }
  }
  out_ += "<" + tag + decl;
  if (root) {
    for (const auto& k : kKnown) {
      out_.append(" xmlns:").append(k.prefix).append("=\"").append(k.ns).append("\"");
    }
  }
  for (const auto& [name, value] : attributes) {
    out_.append(" ").append(name).append("=\"").append(escapeAttribute(value)).append("\"");
  }
  if (selfClosing) {
    out_ += "/>";
  } else {
    out_ += ">";
    stack_.push_back({std::move(tag), std::move(defaultNs)});
  }
}

XmlWriter& XmlWriter::open(std::string_view ns, std::string_view local, Attributes attributes) {
  start(ns, local, false, attributes);
  return *this;
}

XmlWriter& XmlWriter::close() {
  if (!stack_.empty()) {
    out_ += "</" + stack_.back().tag + ">";
    stack_.pop_back();
  }
  return *this;
}

XmlWriter& XmlWriter::empty(std::string_view ns, std::string_view local, Attributes attributes) {
  start(ns, local, true, attributes);
  return *this;
}

XmlWriter& XmlWriter::leaf(std::string_view ns, std::string_view local, std::string_view content) {
  open(ns, local);
  text(content);
  return close();
}

XmlWriter& XmlWriter::text(std::string_view content) {
  out_ += escape(content);
  return *this;
}

XmlWriter& XmlWriter::raw(std::string_view xml) {
  if (domain::isValidText(xml, domain::Controls::TabAndNewlines))
    out_ += xml;
  else
    out_ += domain::repairText(xml, domain::Controls::TabAndNewlines);
  return *this;
}

std::string XmlWriter::finish() {
  while (!stack_.empty()) close();
  return std::move(out_);
}

}  // namespace bookdav::caldav::xml
