// A separate OS process for the booking concurrency test (tests/storage/booking/ConcurrencyTest.cpp):
// it opens the same database file, waits for the go file, races with its own threads and writes one
// line per attempt ("customer result id lostRace began ended") to the output file.
//
// booking_race_worker DB SERVICE SESSION_ID|0 START_UNIX NOW_UNIX THREADS ATTEMPTS PREFIX GO_FILE OUT_FILE
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include "caldav/ical/IcalZoneRules.h"
#include "storage/sql/booking/SqlBookingStore.h"
#include "tests/booking_race/RaceAttempts.h"

using namespace bookdav;

int main(int argc, char** argv) {
  if (argc != 11) {
    std::cerr << "usage: booking_race_worker DB SERVICE SESSION_ID START_UNIX NOW_UNIX THREADS ATTEMPTS "
                 "PREFIX GO OUT\n";
    return 2;
  }
  const std::string dbPath = argv[1], service = argv[2], prefix = argv[8], goFile = argv[9],
                    outFile = argv[10];
  const long long sessionId = std::stoll(argv[3]), start = std::stoll(argv[4]), now = std::stoll(argv[5]);
  const int threads = std::stoi(argv[6]), attempts = std::stoi(argv[7]);

  const auto& zones = caldav::ical::IcalZoneRules::instance();
  zones.warm("Europe/Berlin");
  storage::sql::Database db(dbPath);
  storage::sql::SqlBookingStore store(db);
  domain::FixedClock clock(domain::fromUnix(now));
  domain::BookingDesk desk(store, clock, zones);

  domain::BookingRequest request;
  request.serviceId = service;
  if (sessionId) request.sessionId = sessionId;
  if (start) request.start = domain::fromUnix(start);

  std::ofstream(outFile + ".ready").put('\n');
  auto ready = [&] {
    while (!std::filesystem::exists(goFile)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  };
  auto outcomes = domain::race::run(desk, request, prefix, threads, attempts, ready);
  std::ofstream out(outFile + ".tmp");
  for (const auto& o : outcomes)
    out << o.customer << ' ' << o.result << ' ' << o.id << ' ' << o.lostRace << ' ' << o.began << ' '
        << o.ended << '\n';
  out.close();
  std::filesystem::rename(outFile + ".tmp", outFile);
  return 0;
}
