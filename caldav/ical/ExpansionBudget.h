// How much work expanding recurrences may do: a step count and a deadline, charged inside the
// innermost loops of the recurrence engine (also loops that produce no instance), so that no
// iCalendar object can keep a thread busy. Exceeding it throws ExpansionTooComplex.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace bookdav::caldav::ical {

// An expansion that would take more than its budget. The one error for it: CalDAV answers 403
// with {urn:bookdav:}too-complex and this sentence.
class ExpansionTooComplex : public std::runtime_error {
 public:
  // reason: "needs more than 1000000 expansion steps"; subject: "the RRULE FREQ=... of VEVENT "x"".
  explicit ExpansionTooComplex(std::string reason, std::string subject = {});

  const std::string& reason() const { return reason_; }
  const std::string& subject() const { return subject_; }
  // The same error about `subject`, unless it already names one (the innermost subject wins).
  ExpansionTooComplex about(const std::string& subject) const;

 private:
  std::string reason_;
  std::string subject_;
};

class ExpansionBudget {
 public:
  using Clock = std::chrono::steady_clock;

  ExpansionBudget(std::uint64_t steps, std::chrono::milliseconds time);

  // Storing one object: checking its rules and computing its instance index.
  static ExpansionBudget forWrite();
  // Answering one request (reports, expand, free/busy): every object it expands shares it.
  static ExpansionBudget forRead();

  // Counts n steps; throws ExpansionTooComplex when the steps or the time are used up.
  void charge(std::uint64_t n = 1) {
    used_ += n;
    if (used_ > steps_) exhausted();
    sinceClock_ += n;
    if (sinceClock_ >= kClockEvery) checkClock();
  }

  std::uint64_t used() const { return used_; }
  std::uint64_t steps() const { return steps_; }
  std::chrono::milliseconds time() const { return time_; }

 private:
  static constexpr std::uint64_t kClockEvery = 256;
  [[noreturn]] void exhausted() const;
  void checkClock();

  std::uint64_t steps_;
  std::chrono::milliseconds time_;
  Clock::time_point deadline_;
  std::uint64_t used_ = 0;
  std::uint64_t sinceClock_ = 0;
};

}  // namespace bookdav::caldav::ical
