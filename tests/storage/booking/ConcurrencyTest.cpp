// Many threads and several OS processes race for the same places on one SQLite file: exactly the
// capacity is confirmed, the waitlist fills in order, everything else is refused, and the database is
// consistent afterwards. The other processes run booking_race_worker (tests/booking_race/).
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "tests/booking_race/RaceAttempts.h"
#include "tests/storage/booking/BookingFixture.h"

extern char** environ;

namespace bookdav::domain::testing {
namespace {

using namespace std::chrono;
using race::Outcome;

constexpr int kThreads = 64;
constexpr int kProcesses = 2;
constexpr int kProcessThreads = 8;

class BookingRace : public BookingFixture {
 protected:
  // Starts the helper processes, waits until they have the database open, then lets everyone go at
  // once: kThreads threads here and kProcessThreads in each process.
  std::vector<Outcome> race(const BookingRequest& request, int attemptsHere, int attemptsThere) {
    const std::string go = dir.file("go-" + request.serviceId);
    std::vector<std::string> outputs;
    std::vector<pid_t> pids;
    for (int p = 0; p < kProcesses; ++p) {
      outputs.push_back(dir.file("worker-" + request.serviceId + "-" + std::to_string(p)));
      std::vector<std::string> args = {BOOKDAV_RACE_WORKER,
                                       db.path(),
                                       request.serviceId,
                                       std::to_string(request.sessionId.value_or(0)),
                                       std::to_string(request.start ? toUnix(*request.start) : 0),
                                       std::to_string(toUnix(clock.now())),
                                       std::to_string(kProcessThreads),
                                       std::to_string(attemptsThere),
                                       "process" + std::to_string(p),
                                       go,
                                       outputs.back()};
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      pid_t pid = 0;
      EXPECT_EQ(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ), 0) << argv[0];
      pids.push_back(pid);
    }
    for (const std::string& out : outputs) waitFor(out + ".ready");

    std::atomic<bool> started{false};
    std::vector<Outcome> outcomes;
    std::thread here([&] {
      outcomes = race::run(desk, request, "thread", kThreads, attemptsHere, [&] {
        while (!started.load()) std::this_thread::yield();
      });
    });
    std::ofstream(go).put('\n');
    started = true;
    here.join();
    for (pid_t pid : pids) {
      int status = 0;
      EXPECT_EQ(waitpid(pid, &status, 0), pid);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "worker status " << status;
    }
    for (const std::string& out : outputs) {
      std::ifstream in(out);
      std::string line;
      int lines = 0;
      while (std::getline(in, line)) {
        std::istringstream fields(line);
        Outcome o;
        fields >> o.customer >> o.result >> o.id >> o.lostRace >> o.began >> o.ended;
        outcomes.push_back(o);
        ++lines;
      }
      EXPECT_EQ(lines, kProcessThreads * attemptsThere) << out;
    }
    return outcomes;
  }

  void waitFor(const std::string& path) {
    for (int i = 0; i < 30000 && !std::filesystem::exists(path); ++i)
      std::this_thread::sleep_for(milliseconds(1));
    ASSERT_TRUE(std::filesystem::exists(path)) << "the worker never got ready: " << path;
  }

  // The processes' attempts and this process's attempts overlapped in time: they really raced.
  static void expectOverlap(const std::vector<Outcome>& outcomes) {
    std::int64_t hereFirst = INT64_MAX, hereLast = 0, thereFirst = INT64_MAX, thereLast = 0;
    for (const Outcome& o : outcomes) {
      bool fromProcess = o.customer.rfind("process", 0) == 0;
      (fromProcess ? thereFirst : hereFirst) = std::min(fromProcess ? thereFirst : hereFirst, o.began);
      (fromProcess ? thereLast : hereLast) = std::max(fromProcess ? thereLast : hereLast, o.ended);
    }
    EXPECT_LT(thereFirst, hereLast);
    EXPECT_LT(hereFirst, thereLast);
  }

  static std::map<std::string, int> tally(const std::vector<Outcome>& outcomes) {
    std::map<std::string, int> count;
    for (const Outcome& o : outcomes) ++count[o.result];
    return count;
  }
};

TEST_P(BookingRace, TenPlaceClassSessionTakesTenAndQueuesTwentyInOrder) {
  catalog.putResource(staff("maria"));
  Service y = yoga(10);
  y.policy.waitlistCapacity = 20;
  catalog.putService(y);
  Schedule s = mondays("yoga");
  s.rules[0].firstDate = date(2026, 11, 23);
  s.resourceIds = {"maria"};
  timetable.putSchedule(s);
  const Session target = sessionsOf("yoga").at(0);

  const int here = 32, there = 64;  // 3,072 attempts
  std::vector<Outcome> outcomes = race(inSession("yoga", target.id), here, there);
  const int total = kThreads * here + kProcesses * kProcessThreads * there;
  ASSERT_EQ(static_cast<int>(outcomes.size()), total);
  auto count = tally(outcomes);
  EXPECT_EQ(count["CONFIRMED"], 10);
  EXPECT_EQ(count["WAITLISTED"], 20);
  EXPECT_EQ(count["session-full"], total - 30);
  EXPECT_EQ(count.size(), 3u) << "unexpected outcomes, e.g. errors";
  expectOverlap(outcomes);

  Session after = *timetable.session(target.id);
  EXPECT_EQ(after.taken, 10);
  EXPECT_EQ(after.waitlisted, 20);
  expectConsistent();

  // The first ten to commit have the places, the next twenty wait in commit order.
  BookingFilter onSession;
  onSession.serviceId = "yoga";
  std::vector<Booking> booked = desk.bookings(onSession);
  std::sort(booked.begin(), booked.end(), [](const Booking& a, const Booking& b) { return a.id < b.id; });
  ASSERT_EQ(booked.size(), 30u);
  for (int i = 0; i < 30; ++i)
    EXPECT_EQ(booked[i].status, i < 10 ? BookingStatus::Confirmed : BookingStatus::Waitlisted) << i;
  for (int i = 11; i < 30; ++i) EXPECT_LT(booked[i - 1].queue, booked[i].queue);

  // Ten customers cancel at once: the ten longest waiting move up, in order; ten still wait.
  std::vector<std::thread> cancels;
  for (int i = 0; i < 10; ++i)
    cancels.emplace_back([&, i] { desk.cancel(booked[i].id, Actor::customer(booked[i].customer)); });
  for (auto& t : cancels) t.join();
  for (int i = 10; i < 30; ++i)
    EXPECT_EQ(desk.booking(booked[i].id)->status,
              i < 20 ? BookingStatus::Confirmed : BookingStatus::Waitlisted)
        << i;
  EXPECT_EQ(desk.waitlistPosition(booked[20].id), 1);
  EXPECT_EQ(timetable.session(target.id)->taken, 10);
  expectConsistent();
}

TEST_P(BookingRace, OneAppointmentSlotGoesToExactlyOneCustomer) {
  catalog.putResource(staff("ana"));
  catalog.putService(haircut({"ana"}));
  const Instant ten = utc("2026-12-01T09:00:00Z");

  const int here = 16, there = 32;  // 1,536 attempts
  std::vector<Outcome> outcomes = race(at("haircut", ten), here, there);
  const int total = kThreads * here + kProcesses * kProcessThreads * there;
  ASSERT_EQ(static_cast<int>(outcomes.size()), total);
  auto count = tally(outcomes);
  EXPECT_EQ(count["CONFIRMED"], 1);
  EXPECT_EQ(count["slot-unavailable"], total - 1);
  EXPECT_EQ(count.size(), 2u) << "unexpected outcomes, e.g. errors";
  for (const Outcome& o : outcomes) {
    if (o.result == "slot-unavailable") {
      EXPECT_TRUE(o.lostRace) << o.customer;
    }
  }
  expectOverlap(outcomes);

  BookingFilter all;
  all.serviceId = "haircut";
  std::vector<Booking> booked = desk.bookings(all);
  ASSERT_EQ(booked.size(), 1u);
  EXPECT_EQ(booked[0].time.start, ten);
  EXPECT_EQ(timetable.busy("ana", Interval{ten, ten + hours{1}}).busy.size(), 1u);
  expectConsistent();
}

BOOKDAV_ON_BOTH_ENGINES(BookingRace);

}  // namespace
}  // namespace bookdav::domain::testing
