// A refused WebDAV/CalDAV request: one HTTP status, at most one precondition element, and a human
// sentence. Thrown anywhere in the protocol layer; turned into a response in one place (toResponse).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "caldav/webdav/Message.h"
#include "caldav/xml/Xml.h"

namespace bookdav::caldav {

class DavError : public std::runtime_error {
 public:
  DavError(int status, std::optional<xml::QName> precondition, const std::string& message)
      : std::runtime_error(message), status_(status), precondition_(std::move(precondition)) {}

  // An href inside the precondition element (CALDAV:no-uid-conflict names the existing resource;
  // bookdav:conflicts-with-bookings one per booking in the way). Each call adds one.
  DavError& withHref(std::string href) {
    hrefs_.push_back(std::move(href));
    return *this;
  }

  int status() const { return status_; }
  const std::optional<xml::QName>& precondition() const { return precondition_; }

  // 403 with a precondition in the DAV:, CalDAV or bookdav namespace.
  static DavError forbidden(std::string_view ns, std::string_view precondition, const std::string& message) {
    return DavError(403, xml::QName{std::string(ns), std::string(precondition)}, message);
  }
  static DavError status(int status, const std::string& message) {
    return DavError(status, std::nullopt, message);
  }
  static DavError badRequest(const std::string& message) { return status(400, message); }
  static DavError notFound(const std::string& message) { return status(404, message); }
  static DavError conflict(const std::string& message) { return status(409, message); }
  static DavError preconditionFailed(const std::string& message) { return status(412, message); }
  static DavError methodNotAllowed(const std::string& message) { return status(405, message); }

  // <d:error> with the precondition and <b:message>, or a plain-text body without one.
  Response toResponse() const;

 private:
  int status_;
  std::optional<xml::QName> precondition_;
  std::vector<std::string> hrefs_;
};

}  // namespace bookdav::caldav
