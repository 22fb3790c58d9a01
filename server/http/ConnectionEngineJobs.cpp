// ConnectionEngine, the workers: jobs queued fairly per client address, handed to the pool, asked
// again when every password check is taken, and their outcomes.
#include "server/http/ConnectionEngine.h"

#include <iostream>

#include "server/http/HttpRefusal.h"
#include "server/http/ResponseText.h"
#include "server/http/Router.h"

namespace bookdav::server::http {
namespace {

// A request asked to come back (every slow password check taken) is tried again this often, and for
// this long before it is answered 503.
constexpr auto kAskAgainAfter = std::chrono::milliseconds(20);
constexpr auto kAskAgainFor = std::chrono::seconds(30);

}  // namespace

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
    pool_.submit([mailbox, &router, id = c.id, address = c.address,
                  request = std::move(c.request)]() mutable {
      Outcome o{id, address, JobKind::Admit, std::nullopt, std::nullopt};
      try {
        Verdict v = router.admit(request);
        if (v.kind == Verdict::Kind::Answer) o.response = std::move(v.answer);
        if (v.kind == Verdict::Kind::AskAgain) o.askAgain = std::move(request);
      } catch (const domain::StoreUnavailable& e) {
        std::cerr << "bookdav: " << request.method << " " << request.path << ": " << e.what() << std::endl;
        o.response = storeUnavailable(e, request.path);
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
    } catch (const domain::StoreUnavailable& e) {
      std::cerr << "bookdav: " << method << " " << target << ": " << e.what() << std::endl;
      o.response = storeUnavailable(e, target);
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

}  // namespace bookdav::server::http
