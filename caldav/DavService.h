// The CalDAV/WebDAV face of bookdav: takes a signed-in user's request, dispatches it to the
// handler of its method, and turns every refusal into its status and DAV:error body.
#pragma once

#include "caldav/dav/DavContext.h"
#include "caldav/webdav/Message.h"

namespace bookdav::caldav {

class DavService {
 public:
  DavService(domain::CalendarStore& store, domain::AccountRepository& accounts, DavSettings settings);

  // Never throws for protocol errors; storage failures propagate as exceptions.
  Response handle(const Request& request);

  // Makes the account's calendar home and its default calendar if they are missing.
  void provision(const std::string& user);

  const DavSettings& settings() const { return settings_; }

 private:
  domain::CalendarStore& store_;
  domain::AccountRepository& accounts_;
  DavSettings settings_;
};

}  // namespace bookdav::caldav
