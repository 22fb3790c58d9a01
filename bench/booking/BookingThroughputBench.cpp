// Book/cancel throughput on one database file: every booking and every cancellation is one
// BEGIN IMMEDIATE transaction (re-reading what it decides on, writing rows and change-log entries).
#include <benchmark/benchmark.h>

#include "bench/booking/SalonBusiness.h"

namespace bookdav::bench {
namespace {

using namespace domain;
using namespace std::chrono;

// An appointment booked and canceled again; each thread books its own therapist's slot.
void BM_BookAndCancelAppointment(benchmark::State& state) {
  SalonBusiness& s = salon();
  BookingRequest r;
  r.serviceId = "massage";
  r.resourceId = "therapist-" + std::to_string(state.thread_index() % 8);
  r.start = s.now() + days{2};
  r.customer = "bench";
  for (auto _ : state) {
    Booking b = s.desk->book(r, Actor::admin());
    s.desk->cancel(b.id, Actor::admin());
  }
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_BookAndCancelAppointment)->Threads(1)->Threads(2)->Threads(4)->UseRealTime();

// A place in a 10-place class session taken and given back, going round the month's sessions (each
// keeps its canceled bookings, as a real session keeps its history).
void BM_BookAndCancelClassPlace(benchmark::State& state) {
  SalonBusiness& s = salon();
  BookingRequest r;
  r.serviceId = "yoga";
  r.customer = "bench";
  size_t next = static_cast<size_t>(state.thread_index());
  for (auto _ : state) {
    r.sessionId = s.yogaSessions[next++ % s.yogaSessions.size()];
    Booking b = s.desk->book(r, Actor::admin());
    s.desk->cancel(b.id, Actor::admin());
  }
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_BookAndCancelClassPlace)->Threads(1)->Threads(4)->UseRealTime();

}  // namespace
}  // namespace bookdav::bench
