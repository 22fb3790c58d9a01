// ConnectionEngine, reading: TLS handshakes, bytes in, the parser's progress, and what a complete
// header block or request leads to (admission, a body, a job, or a refusal).
#include "server/http/ConnectionEngine.h"

#include <iostream>

#include "server/http/HttpRefusal.h"
#include "server/http/ResponseText.h"
#include "server/http/Router.h"

namespace bookdav::server::http {
namespace {

constexpr int kReadsPerEvent = 8;  // then other connections get their turn (epoll is level-triggered)

}  // namespace

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

}  // namespace bookdav::server::http
