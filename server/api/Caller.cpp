#include "server/api/Caller.h"

namespace bookdav::server::api {

const domain::Actor& Caller::actor() {
  if (!actor_) actor_ = guest() ? domain::Actor::guest() : catalog_.actor(user_, role_);
  return *actor_;
}

}  // namespace bookdav::server::api
