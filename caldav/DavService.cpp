#include "caldav/DavService.h"

#include "caldav/calendar/CalendarErrors.h"
#include "caldav/calendar/Feed.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/Methods.h"
#include "caldav/scheduling/SchedulingReplies.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/HeaderText.h"

namespace bookdav::caldav {

DavService::DavService(domain::CalendarStore& store, domain::AccountRepository& accounts,
                       domain::BookingEngine& booking, domain::ChangeLog& changes, const domain::Clock& clock,
                       DavSettings settings, domain::Transactions& transactions,
                       domain::notify::NotificationStore* notifications)
    : store_(store),
      accounts_(accounts),
      booking_(booking),
      changes_(changes),
      clock_(clock),
      settings_(std::move(settings)),
      transactions_(transactions),
      notifications_(notifications) {}

std::string allowedMethods(std::string_view path) {
  std::string allow =
      "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, MKCOL, MKCALENDAR, COPY, MOVE, REPORT";
  if (path.size() >= 8 && path.substr(path.size() - 8) == "/outbox/") allow += ", POST";
  return allow;
}

DavContext DavService::context(ical::ExpansionBudget& budget) {
  return DavContext{store_,    accounts_, booking_,      changes_,      clock_,
                    settings_, budget,    transactions_, notifications_};
}

Response DavService::serveFeed(const Request& request) {
  ical::ExpansionBudget budget = ical::ExpansionBudget::forRead();
  DavContext ctx = context(budget);
  try {
    checkHeaderText(request);
    return caldav::serveFeed(ctx, request);
  } catch (const DavError& e) {
    return e.toResponse();
  } catch (const domain::Refused& e) {
    return toDavError(e).toResponse();
  } catch (const ical::ExpansionTooComplex& e) {
    return toDavError(e).toResponse();
  }
}

Response DavService::handle(const Request& request) {
  Response r = answer(request);
  const std::string& m = request.method;
  if (r.status < 400 && (m == "PUT" || m == "DELETE" || m == "MOVE" || m == "COPY")) afterBookingWrite();
  return r;
}

void DavService::afterBookingWrite() {
  if (afterBookingWrite_) {
    afterBookingWrite_();
    return;
  }
  try {
    deliverSchedulingMessages();
  } catch (const std::exception&) {
    // The events stay after the consumer's position: the next request or start-up delivers them.
  }
}

int DavService::deliverSchedulingMessages() {
  ical::ExpansionBudget budget = ical::ExpansionBudget::forRead();
  DavContext ctx = context(budget);
  return caldav::deliverSchedulingMessages(ctx);
}

Response DavService::answer(const Request& request) {
  ical::ExpansionBudget budget = ical::ExpansionBudget::forRead();
  DavContext ctx = context(budget);
  try {
    checkHeaderText(request);
    const std::string& m = request.method;
    if (m == "OPTIONS") return handleOptions(ctx, request);
    if (m == "PROPFIND") return handlePropfind(ctx, request);
    if (m == "PROPPATCH") return handleProppatch(ctx, request);
    if (m == "MKCOL" || m == "MKCALENDAR") return handleMkcol(ctx, request);
    if (m == "GET" || m == "HEAD") return handleGet(ctx, request);
    if (m == "PUT") return handlePut(ctx, request);
    if (m == "DELETE") return handleDelete(ctx, request);
    if (m == "COPY" || m == "MOVE") return handleCopyMove(ctx, request);
    if (m == "REPORT") return handleReport(ctx, request);
    if (m == "POST") return handlePost(ctx, request);
    if (m == "LOCK" || m == "UNLOCK") {
      throw DavError::methodNotAllowed("bookdav does not lock resources (DAV class 2 is not offered)");
    }
    throw DavError(501, std::nullopt, "the method " + m + " is not implemented");
  } catch (const DavError& e) {
    Response r = e.toResponse();
    if (e.status() == 405) r.set("Allow", allowedMethods(request.path));
    return r;
  } catch (const xml::XmlError& e) {
    return DavError::badRequest(e.what()).toResponse();
  } catch (const ical::CalendarDataError& e) {
    return toDavError(e).toResponse();
  } catch (const calendar::FilterError& e) {
    return toDavError(e).toResponse();
  } catch (const calendar::CalendarDataRequestError& e) {
    return toDavError(e).toResponse();
  } catch (const domain::Refused& e) {
    return toDavError(e, request.user).toResponse();
  } catch (const ical::ExpansionTooComplex& e) {
    return toDavError(e).toResponse();
  }
}

void DavService::provision(const std::string& user) {
  store_.write([&](domain::CalendarWriter& store) {
    const std::string home = homePath(user);
    if (!store.collection(home)) {
      domain::CollectionRecord h;
      h.path = home;
      h.owner = user;
      h.kind = domain::CollectionKind::Home;
      store.createCollection(h);
      domain::CollectionRecord c;
      c.path = home + "calendar/";
      c.owner = user;
      c.kind = domain::CollectionKind::Calendar;
      c.displayName = "Calendar";
      c.components = {"VEVENT", "VTODO", "VJOURNAL"};
      store.createCollection(c);
    }
    // The scheduling inbox (RFC 6638), where iTIP messages arrive (SchedulingReplies.h).
    if (!store.collection(inboxPath(user))) {
      domain::CollectionRecord inbox;
      inbox.path = inboxPath(user);
      inbox.owner = user;
      inbox.kind = domain::CollectionKind::Plain;
      inbox.displayName = "Inbox";
      store.createCollection(inbox);
    }
  });
}

}  // namespace bookdav::caldav
