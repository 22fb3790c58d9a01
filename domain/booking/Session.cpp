#include "domain/booking/Session.h"

namespace bookdav::domain {

std::string_view toString(SessionKind kind) {
  switch (kind) {
    case SessionKind::Appointment:
      return "appointment";
    case SessionKind::Class:
      return "class";
    case SessionKind::Course:
      return "course";
    case SessionKind::TimeOff:
      return "time-off";
  }
  return "class";
}

std::optional<SessionKind> parseSessionKind(std::string_view text) {
  if (text == "appointment") return SessionKind::Appointment;
  if (text == "class") return SessionKind::Class;
  if (text == "course") return SessionKind::Course;
  if (text == "time-off") return SessionKind::TimeOff;
  return std::nullopt;
}

std::string_view toString(SessionStatus status) {
  return status == SessionStatus::Scheduled ? "scheduled" : "canceled";
}

std::optional<SessionStatus> parseSessionStatus(std::string_view text) {
  if (text == "scheduled") return SessionStatus::Scheduled;
  if (text == "canceled") return SessionStatus::Canceled;
  return std::nullopt;
}

}  // namespace bookdav::domain
