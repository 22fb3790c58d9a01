// One client connection as the event loop sees it: its socket, where it is in the cycle of reading
// a request, handing it to a worker and writing the answer, its buffers and its one deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <list>
#include <optional>
#include <string>

#include "caldav/webdav/Message.h"
#include "server/http/Mailbox.h"
#include "server/http/RequestParser.h"
#include "server/http/Transport.h"

namespace bookdav::server::http {

using Clock = std::chrono::steady_clock;

enum class Phase {
  Handshake,   // TLS handshake
  Head,        // reading a header block (idle until its first byte)
  Queued,      // a job (admission or routing) waits for room on the workers; nothing is read
  Admitting,   // a worker decides whether the body may come
  Body,        // reading the body (or dropping the body of a refused request)
  Routing,     // a worker runs the request
  Responding,  // writing the answer
  Lingering,   // answered and closing: our side is shut, what still comes is dropped
};

// The phases in which bytes from the client are wanted.
inline bool readingPhase(Phase p) {
  return p == Phase::Head || p == Phase::Body;
}

struct Connection {
  Connection(std::uint64_t id, int fd, const TlsContext* tls, std::string address, std::string clientAddress,
             const ParserLimits& limits)
      : id(id),
        transport(fd, tls),
        address(std::move(address)),
        clientAddress(std::move(clientAddress)),
        parser(limits) {}

  bool outputPending() const { return outPos < out.size(); }
  const RequestHead& head() const { return parser.head(); }

  const std::uint64_t id;
  Transport transport;
  const std::string address;        // the ClientLedger's key: an IPv4 address or an IPv6 /64
  const std::string clientAddress;  // as text, for caldav::Request::clientAddress

  Phase phase = Phase::Head;
  RequestParser parser;
  std::string in;  // received, not yet parsed
  std::string out;
  std::size_t outPos = 0;  // written so far of out

  Clock::time_point deadline = Clock::time_point::max();
  Clock::time_point since;         // when the phase began (body, answer)
  Clock::time_point requestStart;  // the first byte of the current request
  bool headStarted = false;        // a byte of the current request arrived
  bool discarding = false;         // the body is being dropped; the refusal is already in out
  bool closeAfterResponse = false;
  std::int64_t reservedBody = 0;  // ClientLedger bytes held for a body read before authentication
  JobKind job = JobKind::Route;   // what Queued waits for
  caldav::Request request;        // handed to the worker
  // Since when the job has been asked to come back (every password check was taken); max when not.
  Clock::time_point askingAgainSince = Clock::time_point::max();

  // What the socket waits for besides the obvious (TLS may read to write and write to read).
  bool handshakeWantsWrite = false;
  bool readWantsWrite = false;
  bool writeWantsRead = false;
  std::uint32_t events = 0;  // registered with epoll

  std::optional<std::list<std::uint64_t>::iterator> idleEntry;  // in the engine's idle list
  bool dead = false;  // closed; freed at the end of the loop iteration
};

}  // namespace bookdav::server::http
