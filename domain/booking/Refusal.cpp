#include "domain/booking/Refusal.h"

#include <array>
#include <utility>

namespace bookdav::domain {
namespace {

constexpr std::array<std::pair<Refusal, std::string_view>, 18> kNames{{
    {Refusal::SlotUnavailable, "slot-unavailable"},
    {Refusal::NotASessionTime, "not-a-session-time"},
    {Refusal::SessionFull, "session-full"},
    {Refusal::SessionLocked, "session-locked"},
    {Refusal::SessionCanceled, "session-canceled"},
    {Refusal::TooEarly, "too-early"},
    {Refusal::TooLate, "too-late"},
    {Refusal::TooManyParticipants, "too-many-participants"},
    {Refusal::CancellationClosed, "cancellation-closed"},
    {Refusal::RescheduleClosed, "reschedule-closed"},
    {Refusal::NotYourBooking, "not-your-booking"},
    {Refusal::NotAllowed, "not-allowed"},
    {Refusal::NotFound, "not-found"},
    {Refusal::InvalidRequest, "invalid-request"},
    {Refusal::CourseStarted, "course-started"},
    {Refusal::NotPending, "not-pending"},
    {Refusal::AlreadyBooked, "already-booked"},
    {Refusal::AlreadyCanceled, "already-canceled"},
}};

}  // namespace

std::string_view refusalName(Refusal reason) {
  for (const auto& [r, name] : kNames)
    if (r == reason) return name;
  return "invalid-request";
}

std::optional<Refusal> parseRefusal(std::string_view name) {
  for (const auto& [r, n] : kNames)
    if (n == name) return r;
  return std::nullopt;
}

}  // namespace bookdav::domain
