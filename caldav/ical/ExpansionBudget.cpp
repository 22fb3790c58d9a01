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

// The figures (README "Limits"): a step of the rule iterator takes about 0.1 µs, one that converts
// a time zone about 1 µs, so a budget normally ends by its steps, well before its time. The write
// budget also bounds what any later read of the object can cost (RuleCosts.h); a read may touch
// many objects and gets ten times as much.
ExpansionBudget ExpansionBudget::forWrite() {
  return ExpansionBudget(1'000'000, std::chrono::milliseconds(2000));
}

ExpansionBudget ExpansionBudget::forRead() {
  return ExpansionBudget(10'000'000, std::chrono::milliseconds(5000));
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
