// bookdav: command-line entry point (serve, user, feed, load, import, export).
#include <iostream>
#include <string>
#include <vector>

#include "caldav/ical/Component.h"
#include "server/BuildInfo.h"
#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"

namespace {

const char* kUsage =
    "usage: bookdav serve [--listen HOST:PORT] [--data DIR|--database URL] [--demo [--examples DIR]]\n"
    "                     [--tls-cert FILE --tls-key FILE] [--durability power-loss|process-crash]\n"
    "                     [--smtp HOST:PORT --mail-from ADDRESS [--smtp-starttls] [--smtp-credentials FILE]]\n"
    "       bookdav user add NAME --password PW --role admin|staff|customer [--data DIR|--database URL]\n"
    "       bookdav user list|remove [NAME] [--data DIR|--database URL]\n"
    "       bookdav feed create|revoke --calendar PATH [--data DIR|--database URL] [--base-url URL]\n"
    "       bookdav load FILE.json [--data DIR|--database URL] [--force]\n"
    "       bookdav import FILE.ics --calendar PATH [--data DIR|--database URL]\n"
    "       bookdav export --calendar PATH [--data DIR|--database URL] [--output FILE]\n"
    "       bookdav notifications list [--state queued|sent|dead] [--limit N] [--json] [--data DIR|--database URL]\n"
    "       bookdav notifications retry ID [--data DIR|--database URL]\n"
    "       bookdav copy --from DIR --to postgresql://USER@HOST:PORT/DB\n"
    "Every option can also come from BOOKDAV_<OPTION> in the environment (BOOKDAV_TLS_CERT for\n"
    "--tls-cert) or from an INI file given by --config FILE or BOOKDAV_CONFIG (key tls-cert, at the top\n"
    "or in a [serve] / [user] / ... section); the command line wins, then the environment.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << bookdav::server::serverHeader() << "\n";
    return 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  bookdav::server::Arguments::setCommand(command);
  bookdav::caldav::ical::initialize();
  try {
    if (command == "serve") return bookdav::server::serveCommand(args);
    if (command == "user") return bookdav::server::userCommand(args);
    if (command == "feed") return bookdav::server::feedCommand(args);
    if (command == "load") return bookdav::server::loadCommand(args);
    if (command == "import") return bookdav::server::importCommand(args);
    if (command == "export") return bookdav::server::exportCommand(args);
    if (command == "notifications") return bookdav::server::notificationsCommand(args);
    if (command == "copy") return bookdav::server::copyCommand(args);
    std::cerr << "bookdav: unknown command '" << command << "'\n" << kUsage;
    return 2;
  } catch (const bookdav::server::UsageError& e) {
    std::cerr << "bookdav: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bookdav: " << e.what() << "\n";
    return 1;
  }
}
