#include "server/web/Assets.h"

namespace bookdav::server::web {

const Asset* findAsset(std::string_view name) {
  for (const Asset& a : embeddedAssets())
    if (a.name == name) return &a;
  return nullptr;
}

std::string_view contentType(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace bookdav::server::web
