#include <iostream>
#include <stdexcept>

#include "caldav/booking/CalendarAddresses.h"
#include "server/Backend.h"
#include "server/auth/PasswordHash.h"
#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"

namespace bookdav::server {
namespace {

// An e-mail another calendar user has (a service, a resource or another account).
class TakenAddress : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace

std::string dataDirectory(const std::string& fromOption) {
  return fromOption.empty() ? "data" : fromOption;
}

int userCommand(const std::vector<std::string>& args) {
  Arguments a(args, {});
  a.allowOnly({"password", "role", "data", "database", "email", "name"});
  const auto& words = a.positional();
  if (words.empty()) throw UsageError("bookdav user add|list|remove ...");
  Backend backend(storageLocation(a));
  const std::string& verb = words[0];
  if (verb == "list") {
    for (const auto& account : backend.accounts.list()) {
      std::cout << account.name << "\t" << domain::roleName(account.role) << "\t" << account.displayName
                << "\n";
    }
    return 0;
  }
  if (words.size() != 2) throw UsageError("bookdav user " + verb + " NAME");
  const std::string& name = words[1];
  if (!domain::isValidAccountName(name)) {
    throw UsageError("'" + name + "' is not a valid user name (letters, digits, '.', '_', '-'; at most 64)");
  }
  if (verb == "remove") {
    if (!backend.accounts.remove(name)) {
      std::cerr << "bookdav: no user " << name << "\n";
      return 1;
    }
    std::cout << "removed " << name << "\n";
    return 0;
  }
  if (verb != "add") throw UsageError("unknown user command '" + verb + "'");
  const std::string password = a.requiredText("password");
  if (password.empty()) throw UsageError("--password must not be empty");
  auto role = domain::parseRole(a.option("role", "customer"));
  if (!role) throw UsageError("--role must be admin, staff or customer");
  domain::Account account = backend.accounts.find(name).value_or(domain::Account{});
  const bool existed = !account.name.empty();
  account.name = name;
  account.role = *role;
  account.passwordHash = hashPassword(password);
  if (auto e = a.text("email")) account.email = *e;
  if (auto n = a.text("name")) account.displayName = *n;
  try {
    backend.accounts.save(account, [&] {
      if (account.email.empty()) return;  // <name>@<domain>: CalendarAddresses' fallback keeps it apart
      caldav::CalendarAddresses addresses =
          caldav::CalendarAddresses::of(backend.booking, backend.accounts, backend.dav.settings());
      if (auto holder = addresses.holderOf(account.email, "account:" + name))
        throw TakenAddress("the e-mail " + account.email + " is already " + *holder +
                           "'s calendar address: each calendar user needs its own");
    });
  } catch (const TakenAddress& e) {
    std::cerr << "bookdav: " << e.what() << "\n";
    return 1;
  }
  backend.dav.provision(name);
  std::cout << (existed ? "updated " : "added ") << name << " (" << domain::roleName(*role) << ")\n";
  return 0;
}

}  // namespace bookdav::server
