#include "domain/booking/BookingPolicy.h"

#include <chrono>

namespace bookdav::domain {

PolicySnapshot snapshotOf(const BookingPolicy& p) {
  return PolicySnapshot{p.minimumNotice, p.maximumHorizon, p.cancellationDeadline, p.rescheduleDeadline};
}

std::optional<Refusal> bookingWindowRefusal(const BookingPolicy& p, Instant start, Instant now) {
  const Seconds ahead = start - now;
  if (ahead < p.minimumNotice) return Refusal::TooEarly;
  if (p.maximumHorizon && ahead > *p.maximumHorizon) return Refusal::TooLate;
  return std::nullopt;
}

bool cancellationOpen(const PolicySnapshot& p, Instant start, Instant now) {
  return start - now >= p.cancellationDeadline;
}

bool rescheduleOpen(const PolicySnapshot& p, Instant start, Instant now) {
  return start - now >= p.rescheduleDeadline;
}

std::optional<std::string> validate(const BookingPolicy& p) {
  constexpr Seconds kDay = std::chrono::hours{24};
  if (p.minimumNotice < Seconds{0}) return "the minimum notice must not be negative";
  if (p.maximumHorizon && *p.maximumHorizon < p.minimumNotice)
    return "the booking horizon must not be shorter than the minimum notice";
  if (p.maxParticipantsPerBooking < 1) return "a booking must be allowed at least one participant";
  if (p.waitlistCapacity < 0) return "the waitlist size must not be negative";
  if (p.bufferBefore < Seconds{0} || p.bufferAfter < Seconds{0} || p.bufferBefore > kDay ||
      p.bufferAfter > kDay)
    return "buffers must lie between 0 and 24 hours";
  if (p.slotGranularity < Seconds{0} || p.slotGranularity > kDay || p.slotGranularity.count() % 60 != 0)
    return "the slot granularity must be whole minutes between 0 and 24 hours";
  return std::nullopt;
}

}  // namespace bookdav::domain
