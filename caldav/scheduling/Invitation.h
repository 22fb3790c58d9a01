// An organizer's event that invites a service (RFC 6638 §3.2: implicit scheduling): what it asks the
// booking engine for, read before the write transaction, and the organizer's copy answered with the
// service's reply (PARTSTAT, SCHEDULE-STATUS, X-BOOKDAV-REASON, the assigned resources as
// NON-PARTICIPANT attendees) and its Schedule-Tag.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caldav/dav/DavContext.h"
#include "caldav/ical/Component.h"
#include "domain/booking/Booking.h"
#include "domain/booking/Refusal.h"

namespace bookdav::caldav {

struct Invitation {
  ical::Component calendar;  // the organizer's object as it will be stored, before the answer
  std::string uid;
  bool organizedByUser = false;  // ORGANIZER is one of the user's addresses
  // The invited service (SCHEDULE-AGENT absent or SERVER); empty when the event invites none.
  std::string serviceId;
  std::string serviceAddress;  // as the organizer wrote it
  // The service attendee's PARTSTAT as sent ("" when absent): NEEDS-ACTION (or none) asks again.
  std::string sentPartstat;
  domain::Instant start{};
  std::optional<domain::Instant> end;
  bool recurring = false;
  bool allDay = false;
  int participants = 1;  // the organizer and the other people invited
  std::vector<std::string> participantNames;
  std::optional<std::string> resourceId;  // one resource the organizer named (not added by bookdav)
  std::string resourceAddress;            // as the organizer wrote it
  // A resource invited without a service books the one appointment service that uses it (the
  // service is then added to the copy); when none or several do, the sentence saying which to invite.
  bool serviceInferred = false;
  std::optional<std::string> resourceAloneProblem;
  std::string note;

  bool invitesService() const { return organizedByUser && !serviceId.empty(); }
  // A resource alone that cannot be booked: answered DECLINED, nothing booked.
  bool invitesUnbookableResource() const {
    return organizedByUser && serviceId.empty() && resourceAloneProblem;
  }
  // True when the organizer asks (again) for an answer: a new PARTSTAT of NEEDS-ACTION or none.
  bool asksForAnswer() const { return sentPartstat.empty() || sentPartstat == "NEEDS-ACTION"; }
};

// Reads a prepared (validated, normalised) calendar object of `user`. Never throws for objects
// that are not invitations: organizedByUser/serviceId then say so.
Invitation readInvitation(DavContext& ctx, const std::string& user, std::string_view preparedText);

// The service's answer as the organizer's copy shows it.
struct ServiceAnswer {
  std::string partstat;               // ACCEPTED, TENTATIVE, DECLINED
  std::string scheduleStatus;         // "2.0" delivered; "3.x"/"5.x" refused (see scheduleStatusOf)
  std::string reason;                 // "<precondition>: <sentence>", "" when none
  std::vector<std::string> assigned;  // resource ids added as NON-PARTICIPANT attendees
};

ServiceAnswer answerFor(const domain::Booking& booking);
ServiceAnswer refusalAnswer(const domain::Refused& refused);
// The answer to a resource invited alone that no single appointment service uses (RFC 5546 5.3,
// no scheduling support for that calendar user on its own).
ServiceAnswer resourceAloneAnswer(const std::string& problem);
// The SCHEDULE-STATUS of a refusal: 3.1 for a request that can never be booked as written
// (invalid-request, too-many-participants, a whole-day or repeating event), 3.8 for refusals of who
// asks (not-your-booking, not-allowed), 5.1 for every refusal of the time (not free, full, locked,
// too early or late, closed deadlines).
std::string scheduleStatusOf(domain::Refusal reason);

// The organizer's copy with the answer written on the service attendee and the resource the organizer
// named of every VEVENT (the service added when it was inferred), resources bookdav added before
// replaced by `answer.assigned`, and X-BOOKDAV-SCHEDULE-TAG set to
// `scheduleTag`. No parsing: cheap enough for the write transaction.
std::string answeredText(DavContext& ctx, Invitation& invitation, const ServiceAnswer& answer,
                         const std::string& scheduleTag);

// The Schedule-Tag (RFC 6638 §3.2.10) kept in a stored object's text, read without parsing.
std::optional<std::string> scheduleTagOf(std::string_view storedText);

}  // namespace bookdav::caldav
