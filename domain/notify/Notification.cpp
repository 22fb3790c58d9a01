#include "domain/notify/Notification.h"

#include "domain/booking/EnumText.h"

namespace bookdav::domain::notify {
namespace {

constexpr EnumText<Channel, 2> kChannels{{{{Channel::Email, "email"}, {Channel::Webhook, "webhook"}}}};

constexpr EnumText<Audience, 4> kAudiences{{{
    {Audience::Customer, "customer"},
    {Audience::Staff, "staff"},
    {Audience::Business, "business"},
    {Audience::Endpoint, "endpoint"},
}}};

constexpr EnumText<MessageKind, 12> kKinds{{{
    {MessageKind::Confirmed, "confirmed"},
    {MessageKind::AwaitingApproval, "awaiting-approval"},
    {MessageKind::ApprovalNeeded, "approval-needed"},
    {MessageKind::Approved, "approved"},
    {MessageKind::Declined, "declined"},
    {MessageKind::Waitlisted, "waitlisted"},
    {MessageKind::Promoted, "promoted"},
    {MessageKind::Rescheduled, "rescheduled"},
    {MessageKind::Canceled, "canceled"},
    {MessageKind::SessionChanged, "session-changed"},
    {MessageKind::Ping, "ping"},
    {MessageKind::Reminder, "reminder"},
}}};

constexpr EnumText<ImipMethod, 3> kMethods{
    {{{ImipMethod::None, ""}, {ImipMethod::Request, "REQUEST"}, {ImipMethod::Cancel, "CANCEL"}}}};

constexpr EnumText<NotificationState, 4> kStates{{{
    {NotificationState::Queued, "queued"},
    {NotificationState::Sent, "sent"},
    {NotificationState::Dead, "dead"},
    {NotificationState::Superseded, "superseded"},
}}};

}  // namespace

std::string_view toString(Channel channel) {
  return kChannels.name(channel);
}
std::optional<Channel> parseChannel(std::string_view text) {
  return kChannels.parse(text);
}
std::string_view toString(Audience audience) {
  return kAudiences.name(audience);
}
std::optional<Audience> parseAudience(std::string_view text) {
  return kAudiences.parse(text);
}
std::string_view toString(MessageKind kind) {
  return kKinds.name(kind);
}
std::optional<MessageKind> parseMessageKind(std::string_view text) {
  return kKinds.parse(text);
}
std::string_view toString(ImipMethod method) {
  return kMethods.name(method);
}
std::optional<ImipMethod> parseImipMethod(std::string_view text) {
  return kMethods.parse(text);
}
std::string_view toString(NotificationState state) {
  return kStates.name(state);
}
std::optional<NotificationState> parseNotificationState(std::string_view text) {
  return kStates.parse(text);
}

}  // namespace bookdav::domain::notify
