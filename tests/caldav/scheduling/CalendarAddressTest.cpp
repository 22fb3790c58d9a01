// The addresses of services and resources as calendar users: mailto:, urn:bookdav: and principal URLs
// all name the same one, caselessly; other addresses name none.
#include <gtest/gtest.h>

#include "caldav/booking/BookingNames.h"

namespace bookdav::caldav {
namespace {

TEST(CalendarAddressTest, EveryAddressOfAServiceNamesIt) {
  DavSettings s;
  s.addressDomain = "example.org";
  EXPECT_EQ(serviceAddress("cut", s), "mailto:cut@services.example.org");
  EXPECT_EQ(serviceIdOfAddress("mailto:cut@services.example.org", s), "cut");
  EXPECT_EQ(serviceIdOfAddress("MAILTO:Cut@Services.Example.ORG", s), "cut");
  EXPECT_EQ(serviceIdOfAddress(serviceUrn("cut"), s), "cut");
  EXPECT_EQ(serviceIdOfAddress("/dav/principals/services/cut/", s), "cut");
  EXPECT_EQ(serviceIdOfAddress("https://h:8443/dav/principals/services/cut/", s), "cut");
}

TEST(CalendarAddressTest, OtherAddressesNameNoService) {
  DavSettings s;
  EXPECT_EQ(serviceIdOfAddress("mailto:cut@resources.localhost", s), std::nullopt);
  EXPECT_EQ(serviceIdOfAddress("mailto:alice@localhost", s), std::nullopt);
  EXPECT_EQ(serviceIdOfAddress("urn:bookdav:service:", s), std::nullopt);
  EXPECT_EQ(serviceIdOfAddress("/dav/principals/services/", s), std::nullopt);
  EXPECT_EQ(serviceIdOfAddress("/dav/principals/services/a/b/", s), std::nullopt);
  EXPECT_EQ(serviceIdOfAddress("urn:bookdav:resource:cut", s), std::nullopt);
}

TEST(CalendarAddressTest, ResourcesKeepTheirMailtoAndGainUrnAndPrincipal) {
  DavSettings s;
  EXPECT_EQ(resourceIdOfAddress(resourceAddress("hall", s), s), "hall");
  EXPECT_EQ(resourceIdOfAddress("urn:bookdav:resource:hall", s), "hall");
  EXPECT_EQ(resourceIdOfAddress("/dav/principals/resources/hall/", s), "hall");
  EXPECT_EQ(resourceIdOfAddress("mailto:hall@services.localhost", s), std::nullopt);
}

}  // namespace
}  // namespace bookdav::caldav
