// A set of weekdays (the BYDAY of a weekly rule), as a plain value with equality.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace bookdav::domain {

class Weekdays {
 public:
  Weekdays() = default;
  Weekdays(std::initializer_list<std::chrono::weekday> days) {
    for (auto d : days) add(d);
  }
  static Weekdays fromBits(std::uint8_t bits) {
    Weekdays w;
    w.bits_ = bits & 0x7f;
    return w;
  }
  static Weekdays everyDay() { return fromBits(0x7f); }
  static Weekdays mondayToFriday() {
    using namespace std::chrono;
    return {Monday, Tuesday, Wednesday, Thursday, Friday};
  }

  void add(std::chrono::weekday d) { bits_ |= static_cast<std::uint8_t>(1u << d.c_encoding()); }
  bool contains(std::chrono::weekday d) const { return bits_ & (1u << d.c_encoding()); }
  bool empty() const { return bits_ == 0; }
  // Bit n is set for the weekday whose c_encoding() is n (Sunday = 0).
  std::uint8_t bits() const { return bits_; }
  // Monday first, as iCalendar lists BYDAY.
  std::vector<std::chrono::weekday> list() const {
    std::vector<std::chrono::weekday> out;
    for (unsigned iso = 1; iso <= 7; ++iso)
      if (contains(std::chrono::weekday{iso % 7})) out.push_back(std::chrono::weekday{iso % 7});
    return out;
  }
  bool operator==(const Weekdays&) const = default;

 private:
  std::uint8_t bits_ = 0;
};

}  // namespace bookdav::domain
