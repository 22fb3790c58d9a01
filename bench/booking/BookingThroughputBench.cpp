// Book/cancel throughput on one database file: every booking and every cancellation is one
// BEGIN IMMEDIATE transaction (re-reading what it decides on, writing rows and change-log entries),
// with the write-ahead log synced on every commit (power_loss, the default) or only at checkpoints
// (process_crash; see storage/sql/Sql.h Durability).
#include <benchmark/benchmark.h>

#include "bench/booking/SalonBusiness.h"

namespace bookdav::bench {
namespace {

using namespace domain;
using namespace std::chrono;
using storage::sql::Durability;

// An appointment booked and canceled again; each thread books its own therapist's slot.
void BM_BookAndCancelAppointment(benchmark::State& state, Durability durability) {
  SalonBusiness& s = salon(durability);
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
BENCHMARK_CAPTURE(BM_BookAndCancelAppointment, power_loss, Durability::PowerLoss)
    ->Threads(1)
    ->Threads(2)
    ->Threads(4)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_BookAndCancelAppointment, process_crash, Durability::ProcessCrash)
    ->Threads(1)
    ->Threads(4)
    ->UseRealTime();

// A place in a 10-place class session taken and given back, going round the month's sessions (each
// keeps its canceled bookings, as a real session keeps its history).
void BM_BookAndCancelClassPlace(benchmark::State& state, Durability durability) {
  SalonBusiness& s = salon(durability);
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
BENCHMARK_CAPTURE(BM_BookAndCancelClassPlace, power_loss, Durability::PowerLoss)
    ->Threads(1)
    ->Threads(4)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_BookAndCancelClassPlace, process_crash, Durability::ProcessCrash)
    ->Threads(1)
    ->Threads(4)
    ->UseRealTime();

}  // namespace
}  // namespace bookdav::bench
