#include "domain/booking/Sentences.h"

#include "domain/booking/LocalText.h"

namespace bookdav::domain {
namespace {

std::string plural(long long n, const char* unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

}  // namespace

std::string describeDuration(Seconds d) {
  long long s = d.count() < 0 ? -d.count() : d.count();
  long long days = s / 86400, hours = s / 3600 % 24, minutes = s / 60 % 60;
  std::string out;
  auto add = [&](long long n, const char* unit) {
    if (!n) return;
    if (!out.empty()) out += " ";
    out += plural(n, unit);
  };
  add(days, "day");
  add(hours, "hour");
  add(minutes, "minute");
  if (out.empty()) out = s % 60 ? plural(s % 60, "second") : "0 minutes";
  return d.count() < 0 ? "minus " + out : out;
}

std::string refusalSentence(Refusal reason, const Service& service, const ZoneRules& rules, Instant at,
                            bool lostRace) {
  const std::string when = describeTime(rules, service.timeZone, at);
  const std::string& name = service.name;
  const BookingPolicy& p = service.policy;
  switch (reason) {
    case Refusal::SlotUnavailable:
      return when + (lostRace ? " is no longer free for " : " is not a free slot of ") + name;
    case Refusal::NotASessionTime:
      return "no session of " + name + " starts at " + when;
    case Refusal::SessionFull:
      return "the session of " + name + " at " + when + " is full" +
             (p.waitlistCapacity > 0 ? ", and so is its waitlist" : "");
    case Refusal::SessionLocked:
      return "the session of " + name + " at " + when + " is not open for booking";
    case Refusal::SessionCanceled:
      return "the session of " + name + " at " + when + " was canceled";
    case Refusal::SessionStarted:
      return "the session of " + name + " at " + when + " has already started";
    case Refusal::TooEarly:
      return when + " is too soon to book " + name + ": bookings close " + describeDuration(p.minimumNotice) +
             " before the start";
    case Refusal::TooLate:
      return when + " is too far ahead to book " + name + ": bookings open " +
             describeDuration(p.maximumHorizon.value_or(Seconds{0})) + " before the start";
    case Refusal::TooManyParticipants:
      return name + " takes at most " + std::to_string(p.maxParticipantsPerBooking) + " participant" +
             (p.maxParticipantsPerBooking == 1 ? "" : "s") + " per booking";
    case Refusal::CourseStarted:
      return name + " started at " + when + " and can no longer be joined";
    case Refusal::CancellationClosed:
      return "the booking of " + name + " at " + when + " can no longer be canceled";
    case Refusal::RescheduleClosed:
      return "the booking of " + name + " at " + when + " can no longer be rescheduled";
    case Refusal::NotYourBooking:
      return "the booking of " + name + " at " + when + " belongs to someone else";
    case Refusal::NotAllowed:
      return "only the business or the staff it is with can confirm or decline the booking of " + name +
             " at " + when;
    case Refusal::NotPending:
      return "the booking of " + name + " at " + when + " is not waiting for approval";
    case Refusal::AlreadyBooked:
      return "this booking of " + name + " exists already";
    case Refusal::AlreadyCanceled:
      return "the booking of " + name + " at " + when + " is already canceled";
    case Refusal::ConflictsWithBookings:
      return "the change would overlap bookings of " + name + " at " + when;
    case Refusal::NotFound:
      return "nothing of " + name + " at " + when + " was found";
    case Refusal::InvalidRequest:
      return "the request to book " + name + " at " + when + " is not valid";
  }
  return name;
}

void refuse(Refusal reason, const Service& service, const ZoneRules& rules, Instant at, bool lostRace) {
  throw Refused(reason, refusalSentence(reason, service, rules, at, lostRace), lostRace);
}

}  // namespace bookdav::domain
