#include "domain/notify/Recipients.h"

namespace bookdav::domain::notify {
namespace {

// The calendar part for the customer: an invitation while the booking holds or awaits its places,
// a cancellation once it is over, none while it only waits on a waitlist.
ImipMethod customerMethod(BookingStatus status) {
  switch (status) {
    case BookingStatus::Confirmed:
    case BookingStatus::Pending:
      return ImipMethod::Request;
    case BookingStatus::Canceled:
    case BookingStatus::Declined:
      return ImipMethod::Cancel;
    case BookingStatus::Waitlisted:
      return ImipMethod::None;
  }
  return ImipMethod::None;
}

MessageKind placedKind(BookingStatus status) {
  switch (status) {
    case BookingStatus::Pending:
      return MessageKind::AwaitingApproval;
    case BookingStatus::Waitlisted:
      return MessageKind::Waitlisted;
    default:
      return MessageKind::Confirmed;
  }
}

}  // namespace

std::vector<Planned> plan(const BookingEvent& e) {
  std::vector<Planned> out;
  auto customer = [&](MessageKind kind) {
    out.push_back({Audience::Customer, kind, customerMethod(e.status)});
  };
  auto staff = [&](MessageKind kind) { out.push_back({Audience::Staff, kind, ImipMethod::None}); };
  auto business = [&](MessageKind kind) { out.push_back({Audience::Business, kind, ImipMethod::None}); };
  const bool confirmed = e.status == BookingStatus::Confirmed;
  const bool pending = e.status == BookingStatus::Pending;
  switch (e.kind) {
    case BookingEventKind::Placed:
      customer(placedKind(e.status));
      if (confirmed) staff(MessageKind::Confirmed);
      if (pending) business(MessageKind::ApprovalNeeded);
      break;
    case BookingEventKind::Approved:
      customer(MessageKind::Approved);
      if (confirmed) staff(MessageKind::Confirmed);
      break;
    case BookingEventKind::Declined:
      customer(MessageKind::Declined);
      break;
    case BookingEventKind::Promoted:
      customer(MessageKind::Promoted);
      if (confirmed) staff(MessageKind::Confirmed);
      if (pending) business(MessageKind::ApprovalNeeded);
      break;
    case BookingEventKind::Rescheduled:
      customer(MessageKind::Rescheduled);
      if (confirmed) staff(MessageKind::Rescheduled);
      break;
    case BookingEventKind::Canceled:
      customer(MessageKind::Canceled);
      staff(MessageKind::Canceled);
      break;
    case BookingEventKind::SessionChanged:
      customer(MessageKind::SessionChanged);
      break;
  }
  return out;
}

}  // namespace bookdav::domain::notify
