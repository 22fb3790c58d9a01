// The text names of the booking domain's enums, kept in one table per enum so that printing and
// parsing cannot disagree.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace bookdav::domain {

template <typename E, std::size_t N>
struct EnumText {
  std::array<std::pair<E, std::string_view>, N> names;

  // The name of `value`; the first entry's name for a value missing from the table.
  constexpr std::string_view name(E value) const {
    for (const auto& [e, text] : names)
      if (e == value) return text;
    return names[0].second;
  }
  constexpr std::optional<E> parse(std::string_view text) const {
    for (const auto& [e, n] : names)
      if (n == text) return e;
    return std::nullopt;
  }
};

}  // namespace bookdav::domain
