// A login account: who may sign in, with which role, and their stored password hash.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bookdav::domain {

enum class Role { Admin, Staff, Customer };

std::string_view roleName(Role role);  // "admin", "staff", "customer"
std::optional<Role> parseRole(std::string_view name);

struct Account {
  std::string name;  // login name; also the URL segment of the principal and home
  Role role = Role::Customer;
  std::string passwordHash;  // self-describing salted slow hash (see server/auth/PasswordHash.h)
  std::string displayName;
  std::string email;  // calendar user address; "" means <name>@<server host>
};

// True for names usable as a URL segment: [A-Za-z0-9._-]{1,64}, not "." or "..", and not
// "resources" or "services" (the principals of staff, rooms and equipment live under
// /dav/principals/resources/, those of services under /dav/principals/services/).
bool isValidAccountName(std::string_view name);

// True for an e-mail address as calendar user addresses carry them after "mailto:": one "@" with a
// local part and a domain of letters, digits and ".-_+" (the local part), no spaces, at most 254 bytes.
bool isMailAddress(std::string_view address);

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  virtual std::optional<Account> find(std::string_view name) = 0;
  virtual std::vector<Account> list() = 0;
  // Creates the account or replaces role, hash and names of an existing one.
  virtual void save(const Account& account) = 0;
  // The same, after `check` (which throws to refuse) ran inside the write transaction: checks against
  // other data of the database hold at the commit (write transactions are serialised).
  virtual void save(const Account& account, const std::function<void()>& check) = 0;
  // Replaces the stored password hash only if it is still `expected`, in one transaction (an
  // upgrade of the hash never undoes a password change made meanwhile); false when it was not.
  virtual bool replacePasswordHash(std::string_view name, std::string_view expected,
                                   std::string_view replacement) = 0;
  virtual bool remove(std::string_view name) = 0;
};

}  // namespace bookdav::domain
