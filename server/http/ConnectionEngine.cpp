// ConnectionEngine, the loop: the listening socket, accepting within the caps, epoll events, the
// mailbox of finished jobs, and stopping. Reading, jobs and answers are in ConnectionEngine*.cpp.
#include "server/http/ConnectionEngine.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "server/http/HttpRefusal.h"
#include "server/http/ResponseText.h"
#include "server/http/Router.h"

namespace bookdav::server::http {
namespace {

constexpr std::uint64_t kListener = 0;
constexpr std::uint64_t kMailbox = 1;
constexpr auto kSweepEvery = std::chrono::milliseconds(250);
constexpr std::size_t kScratchBytes = 64 * 1024;

std::runtime_error systemError(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

// Raises the soft limit on open files to the hard one; returns the limit in force.
rlim_t raiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? (1 << 20) : limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? (1 << 20) : limit.rlim_cur;
}

// The ledger key (IPv4 address, or the /64 of an IPv6 address) and the address as text.
std::pair<std::string, std::string> addressOf(const sockaddr_storage& peer) {
  char text[INET6_ADDRSTRLEN] = "";
  if (peer.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(peer).sin6_addr;
    const char* bytes = reinterpret_cast<const char*>(a.s6_addr);
    if (IN6_IS_ADDR_V4MAPPED(&a)) {
      inet_ntop(AF_INET, bytes + 12, text, sizeof text);
      return {"4" + std::string(bytes + 12, 4), text};
    }
    inet_ntop(AF_INET6, &a, text, sizeof text);
    return {"6" + std::string(bytes, 8), text};
  }
  const auto& a = reinterpret_cast<const sockaddr_in&>(peer).sin_addr;
  inet_ntop(AF_INET, &a, text, sizeof text);
  return {"4" + std::string(reinterpret_cast<const char*>(&a), 4), text};
}

}  // namespace

ConnectionEngine::ConnectionEngine(Router& router, const HttpSettings& settings, const TlsContext* tls,
                                   WorkerPool& pool)
    : router_(router),
      settings_(settings),
      tls_(tls),
      pool_(pool),
      ledger_(ClientLedger::Limits{settings.maxConnectionsPerAddress, std::max(1, 2 * pool.threads()),
                                   settings.unauthenticatedBytes, settings.unauthenticatedBytesPerAddress}),
      mailbox_(std::make_shared<Mailbox>()),
      scratch_(kScratchBytes) {
  limits_.maxBody = static_cast<std::uint64_t>(settings.maxBodyBytes);
  capacity_ = 4 * pool.threads();
  // Descriptors kept for the database (three per worker's SQLite connection), logs and the loop.
  const rlim_t files = raiseFileLimit();
  const rlim_t reserve = 64 + 4 * static_cast<rlim_t>(pool.threads());
  maxConnections_ = files > reserve + 16 ? files - reserve : 16;

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string where = settings.host + ":" + std::to_string(settings.port);
  if (int e = getaddrinfo(settings.host.empty() ? nullptr : settings.host.c_str(),
                          std::to_string(settings.port).c_str(), &hints, &found);
      e != 0) {
    throw std::runtime_error("cannot listen on " + where + ": " + gai_strerror(e));
  }
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, freeaddrinfo);
  listener_ =
      ::socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, found->ai_protocol);
  if (listener_ < 0) throw systemError("cannot listen on " + where);
  int one = 1;
  setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(listener_, found->ai_addr, found->ai_addrlen) != 0 || ::listen(listener_, SOMAXCONN) != 0) {
    auto error = systemError("cannot listen on " + where);
    ::close(listener_);
    throw error;
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&bound), &length);
  port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(bound).sin6_port
                                            : reinterpret_cast<sockaddr_in&>(bound).sin_port);
  const bool v6 = settings.host.find(':') != std::string::npos;
  fallbackAuthority_ = (v6 ? "[" + settings.host + "]" : settings.host) + ":" + std::to_string(port_);

  epoll_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_ < 0) throw systemError("epoll_create1");
  epoll_event listen{};
  listen.events = EPOLLIN;
  listen.data.u64 = kListener;
  epoll_ctl(epoll_, EPOLL_CTL_ADD, listener_, &listen);
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.u64 = kMailbox;
  epoll_ctl(epoll_, EPOLL_CTL_ADD, mailbox_->fd(), &wake);
  spare_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

ConnectionEngine::~ConnectionEngine() {
  connections_.clear();
  if (listener_ >= 0) ::close(listener_);
  if (spare_ >= 0) ::close(spare_);
  if (epoll_ >= 0) ::close(epoll_);
}

void ConnectionEngine::requestStop(Clock::time_point deadline) {
  stopDeadline_ = deadline.time_since_epoch().count();
  stopRequested_ = true;
  mailbox_->wake();
}

// ---- the loop ----

void ConnectionEngine::run() {
  std::vector<epoll_event> events(256);
  lastSweep_ = Clock::now();
  while (true) {
    int timeout = ready_.empty() ? static_cast<int>(kSweepEvery.count()) : 0;
    if (!later_.empty() && timeout > 0) {
      auto wait = std::chrono::ceil<std::chrono::milliseconds>(later_.front().first - Clock::now()).count();
      timeout = static_cast<int>(std::clamp<decltype(wait)>(wait, 0, timeout));
    }
    int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), timeout);
    if (n < 0 && errno != EINTR) {
      std::cerr << "bookdav: epoll_wait: " << std::strerror(errno) << std::endl;
      break;
    }
    now_ = Clock::now();
    for (int i = 0; i < n; ++i) {
      const std::uint64_t id = events[i].data.u64;
      if (id == kListener) {
        acceptAll();
      } else if (id == kMailbox) {
        onWake();
      } else if (auto it = connections_.find(id); it != connections_.end() && !it->second->dead) {
        onEvent(*it->second, events[i].events);
      }
    }
    requeueDue();
    processReady();
    if (now_ - lastSweep_ >= kSweepEvery) {
      sweep();
      lastSweep_ = now_;
    }
    bury();
    if (stopping_ && (live_ == 0 || now_ >= stopAt_)) break;
  }
  for (auto& [id, c] : connections_) {
    if (!c->dead) close(*c);
  }
  bury();
}

void ConnectionEngine::acceptAll() {
  for (int i = 0; i < 256 && listener_ >= 0; ++i) {
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    int fd = accept4(listener_, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      accepted(fd, peer);
      continue;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    if ((errno == EMFILE || errno == ENFILE) && spare_ >= 0) {
      // Out of descriptors: take the connection off the backlog and close it (else the listener
      // stays readable for ever), and make room for the next one.
      ::close(spare_);
      int dropped = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (dropped >= 0) ::close(dropped);
      spare_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
      evictIdle();
    }
    return;
  }
}

void ConnectionEngine::accepted(int fd, const sockaddr_storage& peer) {
  auto [address, text] = addressOf(peer);
  if (!ledger_.addConnection(address)) {  // this address holds its share of connections
    ::close(fd);
    return;
  }
  if (live_ >= maxConnections_ && !evictIdle()) {
    ledger_.removeConnection(address);
    ::close(fd);
    return;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  std::unique_ptr<Connection> c;
  try {
    c = std::make_unique<Connection>(nextId_++, fd, tls_, address, text, limits_);
  } catch (const std::exception& e) {  // the Transport closed fd
    ledger_.removeConnection(address);
    std::cerr << "bookdav: " << e.what() << std::endl;
    return;
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = c->id;
  epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
  c->events = EPOLLIN;
  Connection& conn = *c;
  connections_.emplace(c->id, std::move(c));
  ++live_;
  if (tls_) {
    conn.phase = Phase::Handshake;
    conn.deadline = now_ + std::chrono::seconds(settings_.tlsHandshakeSeconds);
  } else {
    enterHead(conn);
  }
}

bool ConnectionEngine::evictIdle() {
  if (idle_.empty()) return false;
  auto it = connections_.find(idle_.front());
  if (it == connections_.end()) {
    idle_.pop_front();
    return false;
  }
  close(*it->second);
  return true;
}

void ConnectionEngine::onEvent(Connection& c, std::uint32_t events) {
  if (events & (EPOLLERR | EPOLLHUP)) {  // reset, or both directions shut
    close(c);
    return;
  }
  if (c.phase == Phase::Handshake) {
    handshake(c);
    updateInterest(c);
    return;
  }
  if (c.outputPending() && ((events & EPOLLOUT) || (c.writeWantsRead && (events & EPOLLIN)))) flush(c);
  if (!c.dead && ((events & EPOLLIN) || (c.readWantsWrite && (events & EPOLLOUT)))) readInput(c);
  updateInterest(c);
}

void ConnectionEngine::onWake() {
  for (Outcome& o : mailbox_->take()) onOutcome(std::move(o));
  pump();
  if (stopRequested_ && !stopping_) beginStop();
}

void ConnectionEngine::processReady() {
  std::vector<std::uint64_t> ready;
  ready.swap(ready_);
  for (std::uint64_t id : ready) {
    auto it = connections_.find(id);
    if (it == connections_.end() || it->second->dead) continue;
    Connection& c = *it->second;
    advance(c);
    // TLS may hold decrypted bytes that epoll knows nothing of; a plain socket just says EAGAIN.
    if (!c.dead && readingPhase(c.phase)) readInput(c);
    updateInterest(c);
  }
}

void ConnectionEngine::bury() {
  for (std::uint64_t id : dead_) connections_.erase(id);
  dead_.clear();
}

// ---- stopping ----

void ConnectionEngine::beginStop() {
  stopping_ = true;
  stopAt_ = Clock::time_point(Clock::duration(stopDeadline_.load()));
  if (listener_ >= 0) {
    epoll_ctl(epoll_, EPOLL_CTL_DEL, listener_, nullptr);
    ::close(listener_);
    listener_ = -1;
  }
  for (auto& [id, c] : connections_) {
    if (c->dead) continue;
    const bool idle = (c->phase == Phase::Head && !c->headStarted) || c->phase == Phase::Handshake ||
                      c->phase == Phase::Lingering;
    if (idle) {
      close(*c);
    } else {
      c->closeAfterResponse = true;
    }
  }
}

Origin ConnectionEngine::originOf(const Connection& c) const {
  return Origin{c.clientAddress, tls_ != nullptr, fallbackAuthority_};
}

}  // namespace bookdav::server::http
