// The addresses of services and resources as calendar users: the business file's e-mail, else
// <id>@<domain>, else the older <id>@services./@resources.<domain> when another calendar user has it;
// mailto:, urn:bookdav: and principal URLs all name the same one, caselessly, old forms included.
#include "caldav/booking/CalendarAddresses.h"

#include <gtest/gtest.h>

#include "caldav/booking/BookingNames.h"
#include "storage/sql/SqlAccountRepository.h"
#include "tests/storage/TempDir.h"

namespace bookdav::caldav {
namespace {

domain::Service service(std::string id, std::string email = {}) {
  domain::Service s;
  s.id = std::move(id);
  s.email = std::move(email);
  return s;
}

domain::Resource resource(std::string id, std::string email = {}) {
  domain::Resource r;
  r.id = std::move(id);
  r.email = std::move(email);
  return r;
}

class CalendarAddressesTest : public ::testing::Test {
 protected:
  CalendarAddressesTest() { settings.addressDomain = "salon.example"; }

  CalendarAddresses addresses() {
    return CalendarAddresses([this] { return services; }, [this] { return resources; }, accounts, settings);
  }
  void addAccount(std::string name, std::string email = {}) {
    domain::Account a;
    a.name = std::move(name);
    a.email = std::move(email);
    a.passwordHash = "x";
    accounts.save(a);
  }

  TempDir dir;
  storage::sql::Database db{dir.file("a.db")};
  storage::sql::SqlAccountRepository accounts{db};
  DavSettings settings;
  std::vector<domain::Service> services;
  std::vector<domain::Resource> resources;
};

TEST_F(CalendarAddressesTest, TheFilesEmailElseIdAtTheDomain) {
  services = {service("cut", "Haircut@Salon.example"), service("trim")};
  resources = {resource("chair-1"), resource("hall", "front-room@salon.example")};
  auto a = addresses();
  EXPECT_EQ(a.ofService(services[0]), "mailto:Haircut@Salon.example");
  EXPECT_EQ(a.ofService(services[1]), "mailto:trim@salon.example");
  EXPECT_EQ(a.ofResource(resources[0]), "mailto:chair-1@salon.example");
  EXPECT_EQ(a.ofResourceId("hall"), "mailto:front-room@salon.example");
  EXPECT_EQ(a.serviceOf("MAILTO:haircut@salon.EXAMPLE"), "cut");
  EXPECT_EQ(a.serviceOf("mailto:trim@salon.example"), "trim");
  EXPECT_EQ(a.resourceOf("mailto:front-room@salon.example"), "hall");
  EXPECT_EQ(a.resourceOf("mailto:chair-1@salon.example"), "chair-1");
  EXPECT_EQ(a.serviceOf("mailto:chair-1@salon.example"), std::nullopt);
  EXPECT_EQ(a.resourceOf("mailto:trim@salon.example"), std::nullopt);
}

TEST_F(CalendarAddressesTest, TheOlderAddressesUrnsAndPrincipalsStillNameThem) {
  services = {service("cut", "haircut@salon.example")};
  resources = {resource("hall")};
  auto a = addresses();
  EXPECT_EQ(a.serviceOf("mailto:cut@services.salon.example"), "cut");
  EXPECT_EQ(a.serviceOf(serviceUrn("cut")), "cut");
  EXPECT_EQ(a.serviceOf("https://h:8443/dav/principals/services/cut/"), "cut");
  EXPECT_EQ(a.resourceOf("mailto:hall@resources.salon.example"), "hall");
  EXPECT_EQ(a.resourceOf("urn:bookdav:resource:hall"), "hall");
  EXPECT_EQ(a.resourceOf("/dav/principals/resources/hall/"), "hall");
  // ids the catalog does not have name nothing
  EXPECT_EQ(a.serviceOf("mailto:nope@services.salon.example"), std::nullopt);
  EXPECT_EQ(a.resourceOf("urn:bookdav:resource:nope"), std::nullopt);
  EXPECT_EQ(a.serviceOf("urn:bookdav:service:"), std::nullopt);
  EXPECT_EQ(a.serviceOf("/dav/principals/services/a/b/"), std::nullopt);
}

TEST_F(CalendarAddressesTest, ADerivedAddressSomeoneElseHasFallsBackToTheOlderForm) {
  // a service and a resource with the same id: the service gets <id>@<domain>
  services = {service("yoga"), service("ana"), service("front")};
  resources = {resource("yoga"), resource("sam"), resource("lee"), resource("desk")};
  resources.push_back(resource("mat", "front@salon.example"));  // an explicit e-mail wins over a derived one
  addAccount("sam");                                            // an account without e-mail is sam@<domain>
  addAccount("leonor", "lee@salon.example");                    // an account with that e-mail
  addAccount("ana", "ana.garcia@mail.example");  // an account named ana has another address: no clash
  auto a = addresses();
  EXPECT_EQ(a.ofServiceId("yoga"), "mailto:yoga@salon.example");
  EXPECT_EQ(a.ofResourceId("yoga"), "mailto:yoga@resources.salon.example");
  EXPECT_EQ(a.ofResourceId("sam"), "mailto:sam@resources.salon.example");
  EXPECT_EQ(a.ofResourceId("lee"), "mailto:lee@resources.salon.example");
  EXPECT_EQ(a.ofServiceId("ana"), "mailto:ana@salon.example");
  EXPECT_EQ(a.ofServiceId("front"), "mailto:front@services.salon.example");
  EXPECT_EQ(a.ofResourceId("desk"), "mailto:desk@salon.example");
  EXPECT_EQ(a.serviceOf("mailto:yoga@salon.example"), "yoga");
  EXPECT_EQ(a.resourceOf("mailto:yoga@salon.example"), std::nullopt);
  EXPECT_EQ(a.resourceOf("mailto:yoga@resources.salon.example"), "yoga");
  EXPECT_EQ(a.resourceOf("mailto:sam@salon.example"), std::nullopt);  // that is the account's
  EXPECT_EQ(a.resourceOf("mailto:front@salon.example"), "mat");
  EXPECT_EQ(a.serviceOf("mailto:front@salon.example"), std::nullopt);
}

}  // namespace
}  // namespace bookdav::caldav
