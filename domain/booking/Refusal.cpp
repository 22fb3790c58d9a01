#include "domain/booking/Refusal.h"

#include "domain/booking/EnumText.h"

namespace bookdav::domain {
namespace {

constexpr EnumText<Refusal, 20> kNames{{{
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
    {Refusal::SessionStarted, "session-started"},
    {Refusal::ConflictsWithBookings, "conflicts-with-bookings"},
}}};

}  // namespace

std::string_view refusalName(Refusal reason) {
  return kNames.name(reason);
}
std::optional<Refusal> parseRefusal(std::string_view name) {
  return kNames.parse(name);
}

}  // namespace bookdav::domain
