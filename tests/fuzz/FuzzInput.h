// What every fuzz target shares: the libFuzzer entry point's bytes as text, and the one-time set-up
// a process needs before it parses iCalendar (libical's zones loaded before use).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace bookdav::fuzz {

inline std::string_view textOf(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Loads libical's settings and the common zones once per process.
void prepareOnce();

}  // namespace bookdav::fuzz
