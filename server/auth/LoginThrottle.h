// Slows down password guessing: failed sign-ins are counted per client address and per user name
// in bounded, expiring in-memory tables, and past a small allowance each further failure makes the
// counted party wait (doubling delays, capped). While it waits, its attempts are refused before
// any password is checked, so guesses cost the server no hashing.
//
// The rule, and why it cannot lock a real user out for long:
// - Address: 5 failures are free; the 6th blocks the address for 1 s, the 7th for 2 s, ... up to
//   5 minutes. The record is forgotten 15 minutes after its last failure. IPv6 clients are counted
//   per /64 (one host usually holds a whole /64), IPv4 per address.
// - User name (known or not, so the answers reveal nothing about which names exist): 10 failures
//   are free, then 1 s, 2 s, ... up to 30 seconds; forgotten after 5 minutes. It is looser and
//   shorter than the address rule, and it only holds back addresses that have failures of their
//   own: a client at an address with a clean record is always let through to the password check,
//   so a guesser spread over many addresses makes a user's name wait for at most 30 s and never
//   keeps the user out from a clean address.
// - Once a party has failures on record, its attempts in progress count as failures too, so past
//   its allowance it gets one attempt at a time and concurrent guesses do not all slip through
//   before the failures are counted. Without failures (a first sync opening several connections,
//   an office behind one NAT) concurrent sign-ins are bounded only by the PasswordCheckGate.
// - A success clears the failures of its address and of its user name.
// - Each table keeps at most `capacity` records; when full, the least recently active goes.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>

namespace bookdav::server {

// How one table counts: see the rule above.
struct ThrottleRule {
  int allowance;  // failures without any delay
  std::chrono::seconds
      firstDelay;  // after the first failure past the allowance; doubles after each further one
  std::chrono::seconds maxDelay;     // the delay never grows beyond this
  std::chrono::seconds forgetAfter;  // a record is dropped this long after its last failure
  std::size_t capacity;              // records kept at most
};

struct ThrottleRules {
  ThrottleRule address{5, std::chrono::seconds(1), std::chrono::minutes(5), std::chrono::minutes(15), 10000};
  ThrottleRule userName{10, std::chrono::seconds(1), std::chrono::seconds(30), std::chrono::minutes(5),
                        10000};
};

class LoginThrottle {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  using Rule = ThrottleRule;
  using Rules = ThrottleRules;

  // Why an attempt was not let through, and for how long to wait.
  struct Refusal {
    std::chrono::seconds retryAfter;  // at least 1 s
    std::string message;              // a sentence for the client
  };

  // An attempt let through to the password check; report how it went (an attempt dropped without a
  // verdict, e.g. because the server was too busy to check, counts as nothing).
  class Attempt {
   public:
    Attempt(Attempt&& other) noexcept;
    Attempt& operator=(Attempt&&) = delete;
    ~Attempt();
    void succeeded();
    void failed();

   private:
    friend class LoginThrottle;
    Attempt(LoginThrottle& throttle, std::string address, std::string userName)
        : throttle_(&throttle), address_(std::move(address)), userName_(std::move(userName)) {}
    LoginThrottle* throttle_;  // nullptr once settled
    std::string address_;
    std::string userName_;
  };

  explicit LoginThrottle(Rules rules = {}, Clock clock = std::chrono::steady_clock::now);

  // Whether a sign-in from `address` as `userName` ("" when the credentials name no valid user)
  // may have its password checked now.
  std::variant<Attempt, Refusal> begin(std::string_view address, std::string_view userName);

  std::size_t addressesTracked() const;
  std::size_t userNamesTracked() const;

  // The key an address is counted under: IPv4 as is, IPv6 by its /64 ("2001:db8:1:2::/64"),
  // IPv4-mapped IPv6 as IPv4.
  static std::string addressKey(std::string_view address);

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  struct Record {
    int failures = 0;
    int pending = 0;  // attempts let through and not decided yet
    TimePoint blockedUntil{};
    TimePoint lastFailure{};
  };

  // One bounded, expiring table of records, most recently active first.
  class Table {
   public:
    explicit Table(const Rule& rule) : rule_(rule) {}
    Record* find(const std::string& key, TimePoint now);  // nullptr when absent or expired
    Record& touch(const std::string& key, TimePoint now);
    void erase(const std::string& key);
    std::size_t size() const { return index_.size(); }
    const Rule& rule() const { return rule_; }

   private:
    bool expired(const Record& r, TimePoint now) const;
    Rule rule_;
    std::list<std::string> order_;
    struct Slot {
      Record record;
      std::list<std::string>::iterator position;
    };
    std::unordered_map<std::string, Slot> index_;
  };

  // The wait a record imposes now, if any (blocked, or past the allowance with an attempt pending).
  static std::optional<std::chrono::seconds> waitOf(const Record& r, const Rule& rule, TimePoint now);
  static void countFailure(Table& table, const std::string& key, TimePoint now);
  static void release(Table& table, const std::string& key, TimePoint now);
  void settle(Attempt& attempt, bool success, bool decided);

  Clock clock_;
  mutable std::mutex mutex_;
  Table addresses_;
  Table userNames_;
};

}  // namespace bookdav::server
