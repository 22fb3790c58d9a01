// The event-driven front door: one epoll loop owns every socket (non-blocking), reads requests
// incrementally, hands only complete requests (and admission questions for large bodies) to the
// worker pool, and writes answers back without blocking. An idle or slow connection costs a file
// descriptor and a small buffer, never a thread. Limits and deadlines: README, "Connections".
#pragma once

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/http/ClientLedger.h"
#include "server/http/Connection.h"
#include "server/http/DavRequest.h"
#include "server/http/HttpSettings.h"
#include "server/http/Mailbox.h"
#include "server/http/Tls.h"
#include "server/http/WorkerPool.h"

namespace bookdav::server {
class Router;
}

namespace bookdav::server::http {

class ConnectionEngine {
 public:
  // Binds the listening socket (throws std::runtime_error when it cannot) and raises the soft
  // RLIMIT_NOFILE to the hard limit; the connection cap is derived from it.
  ConnectionEngine(Router& router, const HttpSettings& settings, const TlsContext* tls, WorkerPool& pool);
  ~ConnectionEngine();
  ConnectionEngine(const ConnectionEngine&) = delete;
  ConnectionEngine& operator=(const ConnectionEngine&) = delete;

  std::uint16_t port() const { return port_; }
  std::size_t connectionCap() const { return maxConnections_; }

  // The loop; returns once a stop was requested and every connection closed or the deadline passed.
  void run();
  // From any thread: stop accepting, close idle connections, finish requests in flight until deadline.
  void requestStop(Clock::time_point deadline);

 private:
  void acceptAll();
  void accepted(int fd, const sockaddr_storage& peer);
  bool evictIdle();
  void onEvent(Connection& c, std::uint32_t events);
  void onWake();
  void onOutcome(Outcome outcome);
  void handshake(Connection& c);
  void readInput(Connection& c);
  void advance(Connection& c);
  void onHead(Connection& c);
  void startBody(Connection& c);
  void onComplete(Connection& c);
  void refuseUnread(Connection& c, caldav::Response answer);
  void enqueue(Connection& c, JobKind job);
  void askAgainLater(Connection& c, caldav::Request request);
  void requeueDue();
  void pump();
  void submit(Connection& c);
  void appendAnswer(Connection& c, const caldav::Response& answer);
  void respond(Connection& c, const caldav::Response& answer);
  void refuseAndClose(Connection& c, int status, const std::string& message);
  void flush(Connection& c);
  void afterResponse(Connection& c);
  void enterHead(Connection& c);
  void startLingering(Connection& c);
  void close(Connection& c);
  void releaseBody(Connection& c);
  void updateInterest(Connection& c);
  void enterIdle(Connection& c);
  void leaveIdle(Connection& c);
  void setBodyDeadline(Connection& c);
  void onDeadline(Connection& c);
  void sweep();
  void beginStop();
  void processReady();
  void bury();
  Origin originOf(const Connection& c) const;
  Clock::duration transferTime(std::uint64_t bytes) const;

  Router& router_;
  const HttpSettings& settings_;
  const TlsContext* tls_;
  WorkerPool& pool_;
  ParserLimits limits_;
  ClientLedger ledger_;
  std::shared_ptr<Mailbox> mailbox_;

  int epoll_ = -1;
  int listener_ = -1;
  int spare_ = -1;  // a descriptor given up to accept-and-close when the process runs out of them
  std::uint16_t port_ = 0;
  std::string fallbackAuthority_;
  std::size_t maxConnections_ = 0;

  std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;
  std::size_t live_ = 0;
  std::uint64_t nextId_ = 2;          // 0 is the listener, 1 the mailbox
  std::list<std::uint64_t> idle_;     // idle keep-alive connections, longest idle first
  std::list<std::uint64_t> waiting_;  // Queued connections, in arrival order
  // Queued connections whose job comes back to waiting_ at a time (every password check was taken).
  std::list<std::pair<Clock::time_point, std::uint64_t>> later_;
  std::vector<std::uint64_t> ready_;  // back in a reading phase: parse what is buffered, read again
  std::vector<std::uint64_t> dead_;
  int inFlight_ = 0;  // jobs on the workers (queued or running)
  int capacity_ = 0;  // at most this many

  std::vector<char> scratch_;
  Clock::time_point now_;
  Clock::time_point lastSweep_;
  std::atomic<bool> stopRequested_{false};
  std::atomic<Clock::rep> stopDeadline_{0};
  bool stopping_ = false;
  Clock::time_point stopAt_;
};

}  // namespace bookdav::server::http
