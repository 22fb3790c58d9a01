#include "domain/booking/Session.h"

#include "domain/booking/EnumText.h"

namespace bookdav::domain {
namespace {

constexpr EnumText<SessionKind, 4> kKind{{{
    {SessionKind::Appointment, "appointment"},
    {SessionKind::Class, "class"},
    {SessionKind::Course, "course"},
    {SessionKind::TimeOff, "time-off"},
}}};

constexpr EnumText<SessionStatus, 2> kStatus{{{
    {SessionStatus::Scheduled, "scheduled"},
    {SessionStatus::Canceled, "canceled"},
}}};

}  // namespace

std::string_view toString(SessionKind kind) {
  return kKind.name(kind);
}
std::optional<SessionKind> parseSessionKind(std::string_view text) {
  return kKind.parse(text);
}
std::string_view toString(SessionStatus status) {
  return kStatus.name(status);
}
std::optional<SessionStatus> parseSessionStatus(std::string_view text) {
  return kStatus.parse(text);
}

}  // namespace bookdav::domain
