#include "storage/sql/booking/RowCodec.h"

#include "domain/booking/LocalText.h"
#include "storage/sql/Sql.h"

namespace bookdav::storage::sql {
namespace {

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t at = text.find(sep, start);
    out.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::string join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

}  // namespace

std::string joinIds(const std::vector<std::string>& ids) {
  return join(ids, ',');
}
std::vector<std::string> splitIds(std::string_view text) {
  return split(text, ',');
}

std::string joinGroups(const std::vector<domain::ResourceGroup>& groups) {
  std::vector<std::string> parts;
  for (const auto& g : groups) parts.push_back(joinIds(g.anyOf));
  return join(parts, ';');
}

std::vector<domain::ResourceGroup> splitGroups(std::string_view text) {
  std::vector<domain::ResourceGroup> groups;
  for (const std::string& part : split(text, ';')) groups.push_back(domain::ResourceGroup{splitIds(part)});
  return groups;
}

std::string joinNames(const std::vector<std::string>& names) {
  return join(names, '\x1f');
}
std::vector<std::string> splitNames(std::string_view text) {
  return split(text, '\x1f');
}

std::optional<std::int64_t> secondsOrNull(const std::optional<domain::Seconds>& d) {
  if (!d) return std::nullopt;
  return d->count();
}

std::chrono::year_month_day dateColumn(std::string_view text) {
  auto date = domain::parseDate(text);
  if (!date) throw StorageError(0, "damaged booking data: bad date \"" + std::string(text) + "\"");
  return *date;
}

domain::LocalDateTime localColumn(std::string_view text) {
  auto local = domain::parseLocal(text);
  if (!local) throw StorageError(0, "damaged booking data: bad local time \"" + std::string(text) + "\"");
  return *local;
}

}  // namespace bookdav::storage::sql
