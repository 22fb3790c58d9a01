#include "caldav/ical/ExpansionBudget.h"

namespace bookdav::caldav::ical {
namespace {

std::string sentence(const std::string& reason, const std::string& subject) {
  return (subject.empty() ? std::string("the calendar data") : subject) + " " + reason;
}

}  // namespace

ExpansionTooComplex::ExpansionTooComplex(std::string reason, std::string subject)
    : std::runtime_error(sentence(reason, subject)),
      reason_(std::move(reason)),
      subject_(std::move(subject)) {}

ExpansionTooComplex ExpansionTooComplex::about(const std::string& subject) const {
  if (!subject_.empty()) return *this;
  return ExpansionTooComplex(reason_, subject);
}

ExpansionBudget::ExpansionBudget(std::uint64_t steps, std::chrono::milliseconds time)
    : steps_(steps), time_(time), deadline_(Clock::now() + time) {}

// The figures (README "Limits"): a step costs about 0.1 to 1 µs, so a budget ends in well under
// its time unless the machine is starved. A write budget bounds what any later read of the object
// can cost (see CalendarObject.cpp on rules with COUNT); a read may touch many objects and gets more.
ExpansionBudget ExpansionBudget::forWrite() {
  return ExpansionBudget(1'000'000, std::chrono::milliseconds(2000));
}

ExpansionBudget ExpansionBudget::forRead() {
  return ExpansionBudget(4'000'000, std::chrono::milliseconds(3000));
}

void ExpansionBudget::exhausted() const {
  throw ExpansionTooComplex("needs more than " + std::to_string(steps_) + " steps to expand");
}

void ExpansionBudget::checkClock() {
  sinceClock_ = 0;
  if (Clock::now() > deadline_)
    throw ExpansionTooComplex("takes longer than " + std::to_string(time_.count()) + " ms to expand");
}

}  // namespace bookdav::caldav::ical
