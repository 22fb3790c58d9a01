#include "caldav/webdav/HeaderText.h"

#include "caldav/webdav/DavError.h"
#include "domain/text/ValidText.h"

namespace bookdav::caldav {

void checkHeaderText(const Request& request) {
  static constexpr std::string_view kRead[] = {"Content-Type", "Depth",         "Destination",
                                               "If-Match",     "If-None-Match", "Overwrite"};
  for (std::string_view name : kRead) {
    std::optional<std::string> value = request.header(name);
    if (!value) continue;
    if (auto fault = domain::findTextFault(*value, domain::Controls::Tab))
      throw DavError::badRequest("the " + std::string(name) + " header " + fault->problem);
  }
}

}  // namespace bookdav::caldav
