// The files of the web pages (server/web/assets/: HTML, CSS, JavaScript modules), embedded in the
// binary at build time (cmake/EmbedWebAssets.cmake), found by file name.
#pragma once

#include <span>
#include <string_view>

namespace bookdav::server::web {

struct Asset {
  std::string_view name;  // "book.js"
  std::string_view body;
};

std::span<const Asset> embeddedAssets();  // generated
const Asset* findAsset(std::string_view name);
// "text/html; charset=utf-8", "text/css; charset=utf-8", "text/javascript; charset=utf-8", ...
std::string_view contentType(std::string_view name);

}  // namespace bookdav::server::web
