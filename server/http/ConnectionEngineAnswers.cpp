// ConnectionEngine, answering: responses written without blocking, keep-alive and lingering closes,
// epoll interest, and the deadlines that end slow or idle connections.
#include "server/http/ConnectionEngine.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <iostream>

#include "server/http/HttpRefusal.h"
#include "server/http/ResponseText.h"
#include "server/http/Router.h"

namespace bookdav::server::http {
namespace {

constexpr int kWritesPerEvent = 32;

std::string seconds(int n) {
  return std::to_string(n) + " s";
}

}  // namespace

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

}  // namespace bookdav::server::http
