#include "bench/booking/SalonBusiness.h"

#include <filesystem>
#include <random>
#include <stdexcept>

#include "caldav/ical/IcalZoneRules.h"

namespace bookdav::bench {

using namespace domain;
using namespace std::chrono;

namespace {

const Instant kNow = fromUnix(1795420800);  // 2026-11-23T08:00:00Z, a Monday

}  // namespace

SalonBusiness::SalonBusiness(storage::sql::Durability durability) : clock(kNow) {
  std::random_device rd;
  dir = (std::filesystem::temp_directory_path() / ("bookdav-bench-" + std::to_string(rd()))).string();
  std::filesystem::create_directories(dir);
  db = std::make_unique<storage::sql::Database>(dir + "/bench.db", durability);
  store = std::make_unique<storage::sql::SqlBookingStore>(*db);
  const ZoneRules& zones = caldav::ical::IcalZoneRules::instance();
  catalog = std::make_unique<Catalog>(*store, clock, zones);
  timetable = std::make_unique<Timetable>(*store, clock, zones);
  desk = std::make_unique<BookingDesk>(*store, clock, zones);

  ResourceGroup stylists;
  for (int i = 0; i < kStaff; ++i) {
    Resource r;
    r.id = "stylist-" + std::to_string(i);
    r.name = "Stylist " + std::to_string(i);
    r.timeZone = "Europe/Berlin";
    r.userName = r.id;
    r.hours.weekly.push_back(WeeklyHours{Weekdays{Monday, Tuesday, Wednesday, Thursday, Friday, Saturday},
                                         hours{9}, hours{17}, std::nullopt, std::nullopt});
    catalog->putResource(r);
    stylists.anyOf.push_back(r.id);
  }
  catalog->putResource(
      Resource{"studio", ResourceKind::Room, "Studio", "Europe/Berlin", "", WorkingHours{}, ""});
  ResourceGroup therapists;
  for (int i = 0; i < 8; ++i) {
    Resource r{"therapist-" + std::to_string(i),
               ResourceKind::Staff,
               "Therapist",
               "Europe/Berlin",
               "",
               WorkingHours{},
               ""};
    r.hours.weekly.push_back(
        WeeklyHours{Weekdays::everyDay(), hours{0}, hours{24}, std::nullopt, std::nullopt});
    catalog->putResource(r);
    therapists.anyOf.push_back(r.id);
  }

  Service haircut;
  haircut.id = "haircut";
  haircut.name = "Haircut";
  haircut.timeZone = "Europe/Berlin";
  haircut.duration = minutes{30};
  haircut.price = Price{3500, "EUR"};
  haircut.resources = {stylists};
  haircut.policy.slotGranularity = minutes{15};
  haircut.policy.bufferAfter = minutes{10};
  catalog->putService(haircut);

  Service massage = haircut;  // for the throughput benchmark, apart from the haircut bookings
  massage.id = "massage";
  massage.name = "Massage";
  massage.resources = {therapists};
  catalog->putService(massage);

  Service yoga;
  yoga.id = "yoga";
  yoga.kind = ServiceKind::Class;
  yoga.name = "Yoga";
  yoga.timeZone = "Europe/Berlin";
  yoga.duration = hours{1};
  yoga.capacity = 10;
  yoga.policy.waitlistCapacity = 10;
  catalog->putService(yoga);
  Schedule weekly;
  weekly.serviceId = "yoga";
  weekly.resourceIds = {"studio"};
  weekly.rules.push_back(WeeklyRecurrence{Weekdays::everyDay(), hours{20}, year_month_day{floor<days>(kNow)},
                                          std::nullopt, std::nullopt});
  timetable->putSchedule(weekly);
  for (const Session& s : timetable->sessions("yoga", month())) yogaSessions.push_back(s.id);

  // 2,000 appointments at random (seeded, so every run books the same): a day of the 30 (not a
  // Sunday), a stylist, and a full hour between 09:00 and 16:00; a taken choice is drawn again.
  const Instant midnight = fromUnix(1795388400);  // 2026-11-23T00:00 Berlin
  std::mt19937 random(42);
  int made = 0;
  for (int tries = 0; made < kBookings; ++tries) {
    if (tries > 100000) throw std::runtime_error("could not place the benchmark's bookings");
    int day = static_cast<int>(random() % kDays);
    if (weekday{floor<days>(midnight + days{day} + hours{12})} == Sunday) continue;
    BookingRequest r;
    r.serviceId = "haircut";
    r.resourceId = "stylist-" + std::to_string(random() % kStaff);
    r.start = midnight + days{day} + hours{9 + static_cast<int>(random() % 8)};
    r.customer = "customer-" + std::to_string(made);
    try {
      desk->book(r, Actor::admin());
      ++made;
    } catch (const Refused&) {
      // taken already; draw again
    }
  }
}

SalonBusiness::~SalonBusiness() {
  desk.reset();
  timetable.reset();
  catalog.reset();
  store.reset();
  db.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

SalonBusiness& salon(storage::sql::Durability durability) {
  if (durability == storage::sql::Durability::ProcessCrash) {
    static SalonBusiness buffered(durability);
    return buffered;
  }
  static SalonBusiness synced(durability);
  return synced;
}

}  // namespace bookdav::bench
