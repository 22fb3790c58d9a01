// Generated events stay valid iCalendar even when stored names and notes are not valid text (they
// were stored before bookdav checked text): such text is repaired, never written as it is.
#include "caldav/booking/EventText.h"

#include <gtest/gtest.h>

#include "caldav/ical/ContentLines.h"
#include "domain/text/ValidText.h"

namespace bookdav::caldav {
namespace {

TEST(EventText, StoredTextThatIsNotValidIsRepaired) {
  EventText e("-//test//EN");
  e.begin("VEVENT");
  e.text("DESCRIPTION", std::string("note: a\0b\x01 \xFF end\nnext", 21));
  e.raw("ATTENDEE", std::string("mailto:a\x02@example.com"), {{"CN", std::string("Al\0ce", 5)}});
  e.end("VEVENT");
  std::string text = e.finish();
  ical::ContentLineReader reader(text, ical::ContentLineReader::Check::Incoming);
  ical::ContentLine line;
  int lines = 0;
  EXPECT_NO_THROW(while (reader.next(line))++ lines) << text;
  EXPECT_EQ(lines, 9);
  EXPECT_NE(text.find("DESCRIPTION:note: a\xEF\xBF\xBD"
                      "b\xEF\xBF\xBD \xEF\xBF\xBD end\\nnext"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("CN=Al\xEF\xBF\xBD"
                      "ce:mailto:a\xEF\xBF\xBD@example.com"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace bookdav::caldav
