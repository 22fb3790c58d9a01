// The booking race shared by the concurrency test and its helper process: many threads, each booking
// for customers of its own, against one database file; every outcome is written down.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "domain/booking/BookingDesk.h"

namespace bookdav::domain::race {

// One booking attempt: who, what came of it ("CONFIRMED", "WAITLISTED", a refusal name, or
// "error: ..."), the booking id, whether a refusal was a lost race, and when it began and ended
// (system clock, nanoseconds: comparable across processes).
struct Outcome {
  std::string customer;
  std::string result;
  BookingId id = 0;
  bool lostRace = false;
  std::int64_t began = 0;
  std::int64_t ended = 0;
};

inline std::int64_t wallNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline Outcome attempt(BookingDesk& desk, const BookingRequest& request, const std::string& customer) {
  Outcome o{customer, "", 0, false, wallNanos(), 0};
  try {
    Booking b = desk.book(request, Actor::customer(customer));
    o.id = b.id;
    o.result = std::string(toString(b.status));
  } catch (const Refused& r) {
    o.result = std::string(r.name());
    o.lostRace = r.lostRace();
  } catch (const std::exception& e) {
    o.result = std::string("error: ") + e.what();
  }
  o.ended = wallNanos();
  return o;
}

// Runs `threads` threads of `attempts` attempts each, every one for a new customer named
// "<prefix>-<thread>-<attempt>"; `ready` is called in each thread before its first attempt (a barrier).
template <typename Ready>
std::vector<Outcome> run(BookingDesk& desk, const BookingRequest& request, const std::string& prefix,
                         int threads, int attempts, Ready&& ready) {
  std::vector<std::vector<Outcome>> perThread(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      ready();
      for (int i = 0; i < attempts; ++i) {
        std::string customer = prefix + "-" + std::to_string(t) + "-" + std::to_string(i);
        perThread[t].push_back(attempt(desk, request, customer));
      }
    });
  }
  for (auto& th : pool) th.join();
  std::vector<Outcome> all;
  for (auto& v : perThread) all.insert(all.end(), v.begin(), v.end());
  return all;
}

}  // namespace bookdav::domain::race
