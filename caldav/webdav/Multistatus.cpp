#include "caldav/webdav/Multistatus.h"

#include "caldav/webdav/Message.h"

namespace bookdav::caldav {

xml::XmlWriter& PropStats::writerFor(int status) {
  auto it = byStatus_.find(status);
  if (it == byStatus_.end()) {
    it = byStatus_.emplace(status, xml::XmlWriter::fragment()).first;
    it->second.open(xml::kDav, "prop");
  }
  return it->second;
}

void PropStats::add(int status, const xml::QName& name) {
  writerFor(status).empty(name);
}

Multistatus::Multistatus() {
  out_.open(xml::kDav, "multistatus");
}

void Multistatus::add(std::string_view href, PropStats& props) {
  out_.open(xml::kDav, "response").leaf(xml::kDav, "href", href);
  for (auto& [status, writer] : props.byStatus_) {
    std::string prop = writer.finish();
    out_.open(xml::kDav, "propstat").raw(prop).leaf(xml::kDav, "status", statusLine(status)).close();
  }
  out_.close();
}

void Multistatus::addStatus(std::string_view href, int status) {
  out_.open(xml::kDav, "response")
      .leaf(xml::kDav, "href", href)
      .leaf(xml::kDav, "status", statusLine(status));
  out_.close();
}

void Multistatus::addError(std::string_view href, int status, const xml::QName& precondition) {
  out_.open(xml::kDav, "response")
      .leaf(xml::kDav, "href", href)
      .leaf(xml::kDav, "status", statusLine(status));
  out_.open(xml::kDav, "error").empty(precondition).close();
  out_.close();
}

std::string Multistatus::finish() {
  if (!syncToken_.empty()) out_.leaf(xml::kDav, "sync-token", syncToken_);
  return out_.finish();
}

}  // namespace bookdav::caldav
