#include "domain/account/Account.h"

#include <cctype>

namespace bookdav::domain {

std::string_view roleName(Role role) {
  switch (role) {
    case Role::Admin:
      return "admin";
    case Role::Staff:
      return "staff";
    case Role::Customer:
      return "customer";
  }
  return "customer";
}

std::optional<Role> parseRole(std::string_view name) {
  if (name == "admin") return Role::Admin;
  if (name == "staff") return Role::Staff;
  if (name == "customer") return Role::Customer;
  return std::nullopt;
}

bool isValidAccountName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name == "." || name == "..") return false;
  // /dav/principals/resources/ and services/ hold the principals of resources and services.
  if (name == "resources" || name == "services") return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

bool isMailAddress(std::string_view address) {
  const size_t at = address.find('@');
  if (address.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  for (char c : local) {
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("._+-").find(c) == std::string_view::npos)
      return false;
  }
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return false;
  for (char c : domain) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') return false;
  }
  return true;
}

}  // namespace bookdav::domain
