#include "caldav/ical/Component.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::ical {
namespace {

using ::testing::ElementsAre;

const char* kEvent =
    "BEGIN:VEVENT\nUID:c\nDTSTART:20240101T100000Z\nSUMMARY:Tea\\, cake\\; and more\\nnext line\n"
    "ATTENDEE;CN=\"Ana, Staff\";MEMBER=\"mailto:a@x\",\"mailto:b@x\";X-FOO=bar:mailto:ana@example.com\n"
    "X-BOOKDAV-PARTICIPANTS:3\nX-LOWER:v\nBEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT5M\nDESCRIPTION:x\nEND:"
    "VALARM\n"
    "END:VEVENT\n";

TEST(Component, OwnsClonesAndSerialises) {
  Component cal = testing::calendarOf(kEvent);
  ASSERT_TRUE(cal);
  Component copy = cal.clone();
  EXPECT_NE(copy.get(), cal.get());
  EXPECT_EQ(copy.serialize(), cal.serialize());
  EXPECT_EQ(cal.serialize().substr(0, 17), "BEGIN:VCALENDAR\r\n");
  Component moved = std::move(copy);
  EXPECT_TRUE(moved);
  EXPECT_FALSE(Component::parse("nothing here"));
  EXPECT_EQ(Component().serialize(), "");
}

TEST(Component, Accessors) {
  Component cal = testing::calendarOf(kEvent);
  std::vector<icalcomponent*> events = childComponents(cal.get(), "VEVENT");
  ASSERT_EQ(events.size(), 1u);
  icalcomponent* e = events.front();
  EXPECT_EQ(componentName(e), "VEVENT");
  EXPECT_EQ(childComponents(e, "VALARM").size(), 1u);
  EXPECT_TRUE(childComponents(e, "VTODO").empty());
  EXPECT_TRUE(childComponents(e, "NOT-A-COMPONENT").empty());
  EXPECT_EQ(*propertyText(e, "SUMMARY"), "Tea, cake; and more\nnext line");  // unescaped
  EXPECT_EQ(*propertyText(e, "X-BOOKDAV-PARTICIPANTS"), "3");
  EXPECT_EQ(*propertyText(e, "X-LOWER"), "v");
  EXPECT_FALSE(propertyText(e, "LOCATION"));
  EXPECT_EQ(*propertyText(e, "DTSTART"), "20240101T100000Z");
  icalproperty* attendee = firstProperty(e, "ATTENDEE");
  ASSERT_NE(attendee, nullptr);
  EXPECT_EQ(propertyName(attendee), "ATTENDEE");
  EXPECT_EQ(*parameterValue(attendee, "cn"), "Ana, Staff");
  // libical 3.0 keeps only the first value of a multi-valued parameter.
  EXPECT_THAT(parameterValues(attendee, "MEMBER"), ElementsAre("mailto:a@x"));
  EXPECT_EQ(*parameterValue(attendee, "X-FOO"), "bar");
  EXPECT_FALSE(parameterValue(attendee, "ROLE"));
  EXPECT_EQ(properties(e).size(), 6u);
}

TEST(Component, RemovingFreesWhatWasRemoved) {
  Component cal = testing::calendarOf(kEvent);
  icalcomponent* e = childComponents(cal.get(), "VEVENT").front();
  removeProperties(e, "SUMMARY");
  EXPECT_FALSE(propertyText(e, "SUMMARY"));
  removeComponent(e, childComponents(e, "VALARM").front());
  EXPECT_TRUE(childComponents(e, "VALARM").empty());
  removeComponent(cal.get(), e);
  EXPECT_TRUE(childComponents(cal.get()).empty());
}

}  // namespace
}  // namespace bookdav::caldav::ical
