// GET /api/v1/me: who the API thinks the caller is: user name, role and (staff) own resources.
#include "server/api/ApiError.h"
#include "server/api/Endpoints.h"
#include "server/api/JsonOutput.h"

namespace bookdav::server::api {

caldav::Response meEndpoint(ApiCall& call) {
  if (!call.rest.empty()) throw ApiError::notFound("there is nothing at " + call.request.path);
  call.allow({"GET"});
  call.finishQuery();
  JsonObject o = newObject();
  o->set("user", call.caller.user());
  o->set("role", std::string(domain::roleName(call.caller.role())));
  o->set("resourceIds", stringArray(call.caller.ownResources()));
  return jsonResponse(200, o);
}

}  // namespace bookdav::server::api
