// Fuzz target: a JSON API body: the parser, then the readers of the largest bodies the API takes (a
// service with its policy and schedule, a resource with its working hours).
#include "server/api/CatalogJson.h"
#include "server/api/JsonInput.h"
#include "tests/fuzz/FuzzInput.h"

using namespace bookdav::server::api;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bookdav::fuzz::prepareOnce();
  try {
    JsonValue body = parseJson(bookdav::fuzz::textOf(data, size));
    if (!isObject(body)) return 0;
    try {
      JsonFields service(body, "");
      readService(service, "Europe/Berlin");
    } catch (const InvalidInput&) {
    }
    JsonFields resource(body, "");
    readResource(resource, "Europe/Berlin");
  } catch (const InvalidInput&) {
  }
  return 0;
}
