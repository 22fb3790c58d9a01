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
constexpr int kReadsPerEvent = 8;  // then other connections get their turn (epoll is level-triggered)
constexpr int kWritesPerEvent = 32;
// A request asked to come back (every slow password check taken) is tried again this often, and for
// this long before it is answered 503.
constexpr auto kAskAgainAfter = std::chrono::milliseconds(20);
constexpr auto kAskAgainFor = std::chrono::seconds(30);

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

bool readingPhase(Phase p) {
  return p == Phase::Head || p == Phase::Body;
}

std::string seconds(int n) {
  return std::to_string(n) + " s";
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

// ---- reading and parsing ----

void ConnectionEngine::handshake(Connection& c) {
  switch (c.transport.handshake()) {
    case IoStatus::Done:
      c.handshakeWantsWrite = false;
      enterHead(c);
      ready_.push_back(c.id);
      return;
    case IoStatus::WantRead:
      c.handshakeWantsWrite = false;
      return;
    case IoStatus::WantWrite:
      c.handshakeWantsWrite = true;
      return;
    default:
      close(c);
  }
}

void ConnectionEngine::readInput(Connection& c) {
  if (c.phase == Phase::Lingering) {
    for (int i = 0; i < kReadsPerEvent; ++i) {
      IoStatus s = c.transport.discard(scratch_.data(), scratch_.size());
      if (s == IoStatus::WantRead) return;
      if (s != IoStatus::Done) {
        close(c);
        return;
      }
    }
    return;
  }
  c.readWantsWrite = false;
  for (int i = 0; i < kReadsPerEvent && !c.dead && readingPhase(c.phase); ++i) {
    std::size_t n = 0;
    IoStatus s = c.transport.read(scratch_.data(), scratch_.size(), n);
    if (s == IoStatus::Done) {
      c.in.append(scratch_.data(), n);
      advance(c);
      continue;
    }
    if (s == IoStatus::WantRead) return;
    if (s == IoStatus::WantWrite) {
      c.readWantsWrite = true;
      return;
    }
    // The peer closed before the request was complete: it is never dispatched. A client that only
    // shut its sending side still reads why.
    const bool partial =
        (c.phase == Phase::Head && c.headStarted) || (c.phase == Phase::Body && !c.discarding);
    if (s == IoStatus::Closed && partial) {
      refuseAndClose(c, 400, "the request ended before its announced end; nothing was done");
    } else {
      close(c);
    }
    return;
  }
}

void ConnectionEngine::advance(Connection& c) {
  while (!c.dead && readingPhase(c.phase)) {
    std::size_t used = 0;
    RequestParser::Progress p = c.parser.parse(c.in, used);
    c.in.erase(0, used);
    if (c.phase == Phase::Head && !c.headStarted && c.parser.started()) {
      c.headStarted = true;
      c.requestStart = now_;
      leaveIdle(c);
      c.deadline = now_ + std::chrono::seconds(settings_.headerSeconds);
    }
    switch (p) {
      case RequestParser::Progress::NeedMore:
        if (c.phase == Phase::Body && !c.discarding && c.head().framing == BodyFraming::Chunked)
          setBodyDeadline(c);
        if (c.in.empty() && c.in.capacity() > 4096) std::string().swap(c.in);
        return;
      case RequestParser::Progress::Head:
        onHead(c);
        break;
      case RequestParser::Progress::Complete:
        onComplete(c);
        return;
      case RequestParser::Progress::Failed: {
        const ParseFailure& f = c.parser.failure();
        if (c.discarding) {  // the refusal is already on its way; the rest cannot be trusted
          close(c);
          return;
        }
        refuseAndClose(c, f.status, f.message);
        return;
      }
    }
  }
}

void ConnectionEngine::onHead(Connection& c) {
  const RequestHead& h = c.head();
  const bool large = h.framing == BodyFraming::Chunked ||
                     (h.framing == BodyFraming::Length &&
                      h.contentLength > static_cast<std::uint64_t>(settings_.admissionThreshold));
  if (large) {  // a worker asks the Router before a byte of the body is read
    auto request = davRequest(h, {}, originOf(c));
    if (auto* answer = std::get_if<caldav::Response>(&request)) {
      refuseUnread(c, std::move(*answer));
      return;
    }
    c.request = std::move(std::get<caldav::Request>(request));
    enqueue(c, JobKind::Admit);
    return;
  }
  if (h.framing == BodyFraming::Length) {
    const auto bytes = static_cast<std::int64_t>(h.contentLength);
    if (!ledger_.reserveBody(c.address, bytes)) {
      caldav::Response answer =
          refusal(503, "too many request bodies are being read; try again in a moment", h.target);
      answer.set("Retry-After", "1");
      refuseUnread(c, std::move(answer));
      return;
    }
    c.reservedBody = bytes;
    c.parser.body().reserve(h.contentLength);
  }
  startBody(c);
}

void ConnectionEngine::startBody(Connection& c) {
  const RequestHead& h = c.head();
  c.parser.readBody();
  c.phase = Phase::Body;
  c.since = now_;
  setBodyDeadline(c);
  if (h.expectsContinue && h.framing != BodyFraming::None && c.in.empty()) {
    c.out += kContinue;
    flush(c);
  }
}

void ConnectionEngine::onComplete(Connection& c) {
  if (c.discarding) {  // the refused request's body is gone: on to its answer
    c.discarding = false;
    c.phase = Phase::Responding;
    c.since = now_;
    c.deadline = now_ + transferTime(c.out.size() - c.outPos);
    if (!c.outputPending()) afterResponse(c);
    return;
  }
  auto request = davRequest(c.head(), std::move(c.parser.body()), originOf(c));
  if (auto* answer = std::get_if<caldav::Response>(&request)) {
    releaseBody(c);
    respond(c, *answer);
    return;
  }
  c.request = std::move(std::get<caldav::Request>(request));
  enqueue(c, JobKind::Route);
}

// A request answered before its body was read: a small announced body is read and dropped so that
// the connection stays usable; otherwise (a large or chunked body, or a client waiting for 100
// Continue, which may or may not send it now) the connection closes after the answer.
void ConnectionEngine::refuseUnread(Connection& c, caldav::Response answer) {
  releaseBody(c);
  const RequestHead& h = c.head();
  const bool drain = !h.expectsContinue && h.framing == BodyFraming::Length &&
                     h.contentLength <= static_cast<std::uint64_t>(settings_.drainLimit);
  if (h.framing == BodyFraming::None || !drain) {
    if (h.framing != BodyFraming::None) c.closeAfterResponse = true;
    respond(c, answer);
    return;
  }
  c.discarding = true;
  c.parser.discardBody();
  c.phase = Phase::Body;
  c.since = now_;
  setBodyDeadline(c);
  appendAnswer(c, answer);
  flush(c);
}

// ---- the workers ----

void ConnectionEngine::enqueue(Connection& c, JobKind job) {
  c.job = job;
  c.phase = Phase::Queued;
  c.deadline = Clock::time_point::max();  // waiting for the server is not the client's fault
  waiting_.push_back(c.id);
  pump();
}

// Every password check was taken: the job waits here (costing no worker) and is tried again soon;
// after kAskAgainFor the client is told to come back later (503).
void ConnectionEngine::askAgainLater(Connection& c, caldav::Request request) {
  if (c.askingAgainSince == Clock::time_point::max()) c.askingAgainSince = now_;
  if (now_ - c.askingAgainSince > kAskAgainFor) {
    c.askingAgainSince = Clock::time_point::max();
    if (c.job == JobKind::Admit) {
      refuseUnread(c, Router::tooBusy(request.path));
    } else {
      releaseBody(c);
      respond(c, Router::tooBusy(request.path));
    }
    return;
  }
  c.request = std::move(request);
  c.phase = Phase::Queued;
  later_.emplace_back(now_ + kAskAgainAfter, c.id);  // times only grow: the list stays in order
}

void ConnectionEngine::requeueDue() {
  bool moved = false;
  while (!later_.empty() && later_.front().first <= now_) {
    waiting_.push_back(later_.front().second);
    later_.pop_front();
    moved = true;
  }
  if (moved) pump();
}

// Hands waiting jobs to the workers, oldest first, while there is room; an address that holds its
// share of the jobs waits for its own to finish, and the others pass it.
void ConnectionEngine::pump() {
  for (auto it = waiting_.begin(); it != waiting_.end() && inFlight_ < capacity_;) {
    auto found = connections_.find(*it);
    if (found == connections_.end() || found->second->dead || found->second->phase != Phase::Queued) {
      it = waiting_.erase(it);
      continue;
    }
    Connection& c = *found->second;
    if (!ledger_.mayAddJob(c.address)) {
      ++it;
      continue;
    }
    it = waiting_.erase(it);
    submit(c);
  }
}

void ConnectionEngine::submit(Connection& c) {
  ++inFlight_;
  ledger_.addJob(c.address);
  std::shared_ptr<Mailbox> mailbox = mailbox_;
  Router& router = router_;
  if (c.job == JobKind::Admit) {
    c.phase = Phase::Admitting;
    pool_.submit(
        [mailbox, &router, id = c.id, address = c.address, request = std::move(c.request)]() mutable {
          Outcome o{id, address, JobKind::Admit, std::nullopt, std::nullopt};
          try {
            Verdict v = router.admit(request);
            if (v.kind == Verdict::Kind::Answer) o.response = std::move(v.answer);
            if (v.kind == Verdict::Kind::AskAgain) o.askAgain = std::move(request);
          } catch (const std::exception& e) {
            std::cerr << "bookdav: internal error admitting " << request.method << " " << request.path << ": "
                      << e.what() << std::endl;
            o.response = internalError(request.path);
          }
          mailbox->post(std::move(o));
        });
    return;
  }
  c.phase = Phase::Routing;
  pool_.submit([mailbox, &router, id = c.id, address = c.address, target = c.head().target,
                log = settings_.logRequests, request = std::move(c.request)]() mutable {
    auto started = Clock::now();
    const std::string method = request.method;
    Outcome o{id, address, JobKind::Route, std::nullopt, std::nullopt};
    try {
      Verdict v = router.route(request);
      if (v.kind == Verdict::Kind::AskAgain) {
        o.askAgain = std::move(request);
        mailbox->post(std::move(o));
        return;
      }
      o.response = std::move(v.answer);
    } catch (const std::exception& e) {
      std::cerr << "bookdav: internal error on " << method << " " << target << ": " << e.what() << std::endl;
      o.response = internalError(target);
    }
    if (log) {
      auto ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
      std::clog << method << " " << target << " " << o.response->status << " " << ms << " ms\n";
    }
    mailbox->post(std::move(o));
  });
}

void ConnectionEngine::onOutcome(Outcome o) {
  --inFlight_;
  ledger_.removeJob(o.address);
  auto it = connections_.find(o.connection);
  if (it == connections_.end() || it->second->dead) return;  // the client went away meanwhile
  Connection& c = *it->second;
  if (o.askAgain) {
    askAgainLater(c, std::move(*o.askAgain));
    updateInterest(c);
    return;
  }
  c.askingAgainSince = Clock::time_point::max();
  if (o.kind == JobKind::Admit) {
    if (o.response) {
      refuseUnread(c, std::move(*o.response));
    } else {
      startBody(c);
    }
    if (!c.dead && readingPhase(c.phase)) ready_.push_back(c.id);
  } else {
    releaseBody(c);
    respond(c, *o.response);
  }
  updateInterest(c);
}

// ---- answering ----

void ConnectionEngine::appendAnswer(Connection& c, const caldav::Response& answer) {
  const RequestHead& h = c.head();
  const bool keep = !c.closeAfterResponse && h.keepAlive && !stopping_;
  if (!keep) c.closeAfterResponse = true;
  appendResponse(c.out, answer, Framing{h.method == "HEAD", keep, h.minorVersion});
}

void ConnectionEngine::respond(Connection& c, const caldav::Response& answer) {
  appendAnswer(c, answer);
  c.phase = Phase::Responding;
  c.since = now_;
  c.deadline = now_ + transferTime(c.out.size() - c.outPos);
  flush(c);
}

void ConnectionEngine::refuseAndClose(Connection& c, int status, const std::string& message) {
  releaseBody(c);
  c.closeAfterResponse = true;
  if (settings_.logRequests)
    std::clog << (c.head().method.empty() ? "-" : c.head().method) << " "
              << (c.head().target.empty() ? "-" : c.head().target) << " " << status << " (" << message
              << ")\n";
  respond(c, refusal(status, message, c.head().target));
}

void ConnectionEngine::flush(Connection& c) {
  c.writeWantsRead = false;
  for (int i = 0; i < kWritesPerEvent && c.outputPending(); ++i) {
    std::size_t n = 0;
    IoStatus s = c.transport.write(c.out.data() + c.outPos, c.out.size() - c.outPos, n);
    if (s == IoStatus::Done) {
      c.outPos += n;
    } else if (s == IoStatus::WantWrite) {
      break;
    } else if (s == IoStatus::WantRead) {
      c.writeWantsRead = true;
      break;
    } else {
      close(c);
      return;
    }
  }
  if (c.outputPending()) return;
  c.outPos = 0;
  c.out.clear();
  if (c.out.capacity() > 64 * 1024) std::string().swap(c.out);
  if (c.phase == Phase::Responding) afterResponse(c);
}

void ConnectionEngine::afterResponse(Connection& c) {
  releaseBody(c);
  if (c.closeAfterResponse) {
    startLingering(c);
    return;
  }
  enterHead(c);
  if (!c.in.empty()) ready_.push_back(c.id);  // a pipelined request: parsed from the loop, not here
}

void ConnectionEngine::enterHead(Connection& c) {
  c.phase = Phase::Head;
  c.parser.reset();
  c.request = caldav::Request{};
  c.headStarted = false;
  c.discarding = false;
  c.since = now_;
  c.deadline = now_ + std::chrono::seconds(settings_.keepAliveSeconds);
  if (c.in.empty()) {
    if (stopping_) {
      close(c);
      return;
    }
    enterIdle(c);
  }
}

void ConnectionEngine::startLingering(Connection& c) {
  leaveIdle(c);
  if (stopping_) {
    close(c);
    return;
  }
  c.phase = Phase::Lingering;
  c.in.clear();
  c.transport.finishWriting();
  c.deadline = now_ + std::chrono::seconds(settings_.lingerSeconds);
}

void ConnectionEngine::close(Connection& c) {
  if (c.dead) return;
  c.dead = true;
  epoll_ctl(epoll_, EPOLL_CTL_DEL, c.transport.fd(), nullptr);
  leaveIdle(c);
  releaseBody(c);
  ledger_.removeConnection(c.address);
  --live_;
  dead_.push_back(c.id);  // the descriptor closes when the Connection goes, after this iteration
}

void ConnectionEngine::releaseBody(Connection& c) {
  if (c.reservedBody == 0) return;
  ledger_.releaseBody(c.address, c.reservedBody);
  c.reservedBody = 0;
}

void ConnectionEngine::updateInterest(Connection& c) {
  if (c.dead) return;
  std::uint32_t want = 0;
  if (c.phase == Phase::Handshake) want = c.handshakeWantsWrite ? EPOLLOUT : EPOLLIN;
  if (readingPhase(c.phase) || c.phase == Phase::Lingering) want |= EPOLLIN;
  if (c.outputPending()) want |= c.writeWantsRead ? EPOLLIN : EPOLLOUT;
  if (c.readWantsWrite) want |= EPOLLOUT;
  if (want == c.events) return;
  epoll_event ev{};
  ev.events = want;
  ev.data.u64 = c.id;
  epoll_ctl(epoll_, EPOLL_CTL_MOD, c.transport.fd(), &ev);
  c.events = want;
}

void ConnectionEngine::enterIdle(Connection& c) {
  if (c.idleEntry) return;
  c.idleEntry = idle_.insert(idle_.end(), c.id);
}

void ConnectionEngine::leaveIdle(Connection& c) {
  if (!c.idleEntry) return;
  idle_.erase(*c.idleEntry);
  c.idleEntry.reset();
}

// ---- deadlines ----

Clock::duration ConnectionEngine::transferTime(std::uint64_t bytes) const {
  const auto rate = static_cast<std::uint64_t>(std::max<std::int64_t>(1, settings_.minBytesPerSecond));
  return std::chrono::seconds(settings_.graceSeconds) + std::chrono::milliseconds(bytes * 1000 / rate);
}

// The body may take the grace plus its size at the minimum rate: the announced size, or for a
// chunked body what arrived so far (so a trickle runs out of time after the grace).
void ConnectionEngine::setBodyDeadline(Connection& c) {
  const RequestHead& h = c.head();
  const std::uint64_t size = h.framing == BodyFraming::Length ? h.contentLength : c.parser.bodyBytesSeen();
  c.deadline = c.since + transferTime(size);
}

void ConnectionEngine::sweep() {
  for (auto& [id, c] : connections_) {
    if (!c->dead && c->deadline <= now_) {
      onDeadline(*c);
      updateInterest(*c);
    }
  }
}

// 408 when nothing of the request was dispatched and the connection can still take an answer;
// otherwise just close.
void ConnectionEngine::onDeadline(Connection& c) {
  switch (c.phase) {
    case Phase::Head:
      if (!c.headStarted) {
        close(c);
      } else {
        refuseAndClose(
            c, 408, "the request's header block did not arrive within " + seconds(settings_.headerSeconds));
      }
      return;
    case Phase::Body:
      if (c.discarding || c.outputPending()) {
        close(c);
      } else {
        refuseAndClose(c, 408,
                       "the request body did not arrive in time (" +
                           std::to_string(c.parser.bodyBytesSeen()) + " bytes came)");
      }
      return;
    case Phase::Handshake:
    case Phase::Responding:
    case Phase::Lingering:
      close(c);
      return;
    case Phase::Queued:
    case Phase::Admitting:
    case Phase::Routing:
      c.deadline = Clock::time_point::max();
      return;
  }
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
