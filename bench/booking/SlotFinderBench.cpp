// Availability queries over the salon (SalonBusiness.h): 20 stylists, 30 days, 2,000 bookings.
// Target: under 5 ms per 30-day query, end to end (SQLite read + slot computation).
#include <benchmark/benchmark.h>

#include "bench/booking/SalonBusiness.h"
#include "caldav/ical/IcalZoneRules.h"
#include "domain/booking/SlotContext.h"
#include "domain/booking/SlotFinder.h"

namespace bookdav::bench {
namespace {

using namespace domain;

// Runs BookingDesk::slots for the query: one read transaction loading service, resources, working
// hours and busy time, then SlotFinder.
void runSlots(benchmark::State& state, const std::string& service, Interval range,
              std::vector<std::string> resourceIds = {}) {
  SlotQuery q;
  q.serviceId = service;
  q.range = range;
  q.resourceIds = std::move(resourceIds);
  std::vector<Slot> slots;
  for (auto _ : state) {
    slots = salon().desk->slots(q);
    benchmark::DoNotOptimize(slots.data());
  }
  state.counters["slots"] = static_cast<double>(slots.size());
}

void BM_AppointmentSlots_30Days_20Staff(benchmark::State& state) {
  runSlots(state, "haircut", salon().month());
}
BENCHMARK(BM_AppointmentSlots_30Days_20Staff)->Unit(benchmark::kMillisecond);

// The slot computation alone, on a context read once.
void BM_SlotFinderOnly_30Days_20Staff(benchmark::State& state) {
  SalonBusiness& s = salon();
  SlotQuery q;
  q.serviceId = "haircut";
  q.range = s.month();
  SlotContext ctx = s.store->reading(
      [&](BookingData& data) { return loadSlotContext(data, *data.service("haircut"), q.range); });
  state.counters["busy_sessions"] = static_cast<double>(ctx.busy.size());
  SlotFinder finder(caldav::ical::IcalZoneRules::instance());
  std::vector<Slot> slots;
  for (auto _ : state) {
    slots = finder.find(ctx, q, s.now());
    benchmark::DoNotOptimize(slots.data());
  }
  state.counters["slots"] = static_cast<double>(slots.size());
}
BENCHMARK(BM_SlotFinderOnly_30Days_20Staff)->Unit(benchmark::kMillisecond);

void BM_AppointmentSlots_1Day_20Staff(benchmark::State& state) {
  runSlots(state, "haircut",
           Interval{salon().now() + std::chrono::days{3}, salon().now() + std::chrono::days{4}});
}
BENCHMARK(BM_AppointmentSlots_1Day_20Staff)->Unit(benchmark::kMillisecond);

void BM_AppointmentSlots_30Days_OneStylist(benchmark::State& state) {
  runSlots(state, "haircut", salon().month(), {"stylist-7"});
}
BENCHMARK(BM_AppointmentSlots_30Days_OneStylist)->Unit(benchmark::kMillisecond);

void BM_ClassSlots_30Days(benchmark::State& state) {
  runSlots(state, "yoga", salon().month());
}
BENCHMARK(BM_ClassSlots_30Days)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace bookdav::bench
