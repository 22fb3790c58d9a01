#include <Poco/Net/SSLManager.h>
#include <malloc.h>
#include <signal.h>

#include <cstdlib>
#include <iostream>

#include "caldav/ical/Component.h"
#include "caldav/ical/IcalZoneRules.h"
#include "server/Backend.h"
#include "server/FileClock.h"
#include "server/LeasedWork.h"
#include "server/SchedulingDelivery.h"
#include "server/auth/PasswordHash.h"
#include "server/business/BusinessLoader.h"
#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"
#include "server/cli/NotifyOptions.h"
#include "server/http/HttpServer.h"
#include "server/http/Router.h"
#include "server/notify/DeliveryWorker.h"
#include "server/notify/NotificationConsumer.h"
#include "server/notify/WebhookCourier.h"

namespace bookdav::server {
namespace {

// The demo accounts of DESIGN.md: each user's password is their name.
void addDemoAccounts(Backend& backend) {
  const std::pair<const char*, domain::Role> users[] = {
      {"admin", domain::Role::Admin}, {"ana", domain::Role::Staff}, {"alice", domain::Role::Customer}};
  for (const auto& [name, role] : users) {
    if (backend.accounts.find(name)) continue;
    domain::Account a;
    a.name = name;
    a.role = role;
    a.passwordHash = hashPassword(name);
    backend.accounts.save(a);
    backend.dav.provision(name);
  }
}

// The demo business (DESIGN.md, "Running it"): the three example businesses of examples/ together
// give services of all three kinds; ana, the staff account, is one of the salon's stylists.
constexpr const char* kDemoFiles[] = {"hair-salon.json", "yoga-studio.json", "language-school.json"};

#ifndef BOOKDAV_EXAMPLES_DIR
#define BOOKDAV_EXAMPLES_DIR "examples"
#endif

void loadDemoBusiness(Backend& backend, const std::filesystem::path& examples) {
  const auto& zones = caldav::ical::IcalZoneRules::instance();
  for (const char* name : kDemoFiles) {
    const std::filesystem::path file = examples / name;
    business::BusinessFile b = business::loadBusinessFile(file, zones);
    business::checkCalendarEmails(b, backend.booking, backend.accounts);
    business::LoadReport report = business::loadBusiness(backend.booking, b);
    business::recordNotificationSettings(backend.notifications, b);
    std::cerr << "bookdav: demo business " << file.string() << ": " << report.summary() << std::endl;
  }
}

// Blocks SIGINT/SIGTERM in this thread (and so in every thread started later) and waits for one.
class TerminationSignal {
 public:
  TerminationSignal() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    signal(SIGPIPE, SIG_IGN);
  }
  int wait() {
    int sig = 0;
    sigwait(&set_, &sig);
    return sig;
  }

 private:
  sigset_t set_;
};

// A command-line count, e.g. --threads 16.
int positiveNumber(const std::string& option, const std::string& text) {
  int n = 0;
  try {
    n = std::stoi(text);
  } catch (const std::exception&) {
  }
  if (n <= 0 || std::to_string(n) != text) throw UsageError(option + " wants a positive number, not " + text);
  return n;
}

// Answers to large listings (PROPFIND Depth 1, exports, reports) build buffers of hundreds of KiB.
// glibc serves those from fresh mmap()ed pages and returns them on free, so every such request paid
// for faulting its pages in again (a 2,000-member PROPFIND Depth 1 took 16 ms, 5.8 ms without that).
// Keeping them in the heap (up to 64 MiB each, trimmed beyond 128 MiB free) makes them reusable.
void keepLargeBuffersInTheHeap() {
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
}

}  // namespace

int serveCommand(const std::vector<std::string>& args) {
  TerminationSignal termination;
  std::set<std::string> flags = {"demo", "log-requests"};
  flags.insert(notifyFlagNames().begin(), notifyFlagNames().end());
  Arguments a(args, flags);
  std::set<std::string> known = {"listen",
                                 "data",
                                 "database",
                                 "demo",
                                 "examples",
                                 "tls-cert",
                                 "tls-key",
                                 "max-resource-size",
                                 "log-requests",
                                 "threads",
                                 "max-connections-per-address",
                                 "durability",
                                 "clock"};
  known.insert(notifyOptionNames().begin(), notifyOptionNames().end());
  known.insert(notifyFlagNames().begin(), notifyFlagNames().end());
  a.allowOnly(known);
  const NotifyOptions notifyOptions = readNotifyOptions(a);
  if (a.option("examples") && !a.flag("demo")) throw UsageError("--examples goes with --demo");
  HttpSettings http;
  parseListen(a.option("listen", "127.0.0.1:8080"), http);
  http.tlsCertificate = a.option("tls-cert", "");
  http.tlsKey = a.option("tls-key", "");
  if (http.tlsCertificate.empty() != http.tlsKey.empty())
    throw UsageError("--tls-cert and --tls-key go together");
  http.logRequests = a.flag("log-requests");
  if (auto t = a.option("threads")) http.workerThreads = positiveNumber("--threads", *t);
  if (auto m = a.option("max-connections-per-address"))
    http.maxConnectionsPerAddress = positiveNumber("--max-connections-per-address", *m);
  caldav::DavSettings dav;
  if (auto m = a.option("max-resource-size")) dav.maxResourceSize = std::stoll(*m);
  http.maxBodyBytes = std::max<std::int64_t>(http.maxBodyBytes, dav.maxResourceSize * 2);

  keepLargeBuffersInTheHeap();
  // libical loads zones lazily and rewrites them as it does: load the common ones before threads.
  caldav::ical::initialize();
  for (const char* zone : {"UTC", "Europe/Berlin", "Europe/London", "America/New_York", "Europe/Paris"}) {
    caldav::ical::IcalZoneRules::instance().warm(zone);
  }

  // What an acknowledged change survives: a power cut (the default) or only a crash of the process.
  const std::string durability = a.option("durability", "power-loss");
  if (durability != "power-loss" && durability != "process-crash")
    throw UsageError("--durability is power-loss or process-crash");
  const std::string dataDir = storageLocation(a);
  // Tests move a server through time with --clock FILE (README, "Command line").
  std::unique_ptr<FileClock> fileClock;
  if (auto file = a.option("clock")) fileClock = std::make_unique<FileClock>(*file);
  Backend backend(dataDir, dav,
                  fileClock ? static_cast<const domain::Clock&>(*fileClock) : Backend::systemClock(),
                  durability == "power-loss" ? storage::sql::Durability::PowerLoss
                                             : storage::sql::Durability::ProcessCrash);
  if (a.flag("demo")) {
    addDemoAccounts(backend);
    try {
      loadDemoBusiness(backend, a.option("examples", BOOKDAV_EXAMPLES_DIR));
    } catch (const domain::Refused& e) {
      throw std::runtime_error(std::string("the demo business cannot be loaded: ") + e.what());
    }
  }

  // Notifications: events become outbox rows; with --smtp the worker sends them (README, "Notifications").
  notify::NotificationConsumer consumer(backend.notifications, backend.accounts, backend.dav.settings(),
                                        caldav::ical::IcalZoneRules::instance(), backend.clock);
  consumer.setManageLinks(notifyOptions.baseUrl.value_or(
      (http.tlsCertificate.empty() ? "http://" : "https://") +
      (http.host.find(':') == std::string::npos ? http.host : "[" + http.host + "]") + ":" +
      std::to_string(http.port)));
  std::unique_ptr<notify::SmtpCourier> smtp;
  if (notifyOptions.smtp) {
    if (notifyOptions.smtp->startTls) Poco::Net::initializeSSL();
    smtp = std::make_unique<notify::SmtpCourier>(*notifyOptions.smtp);
  } else if (a.flag("demo")) {
    consumer.onMade([](const domain::notify::Notification& n) {
      std::cerr << "bookdav: notification " << n.id << " (" << domain::notify::toString(n.kind)
                << ") would go to " << n.recipient << " by " << domain::notify::toString(n.channel) << ": "
                << n.content.subject << " (no --smtp: it waits in the outbox)" << std::endl;
    });
  }
  notify::WebhookCourier webhooks(backend.notifications, backend.clock);
  // Several processes may serve this database: one at a time runs the worker (README, "Several processes").
  LeasedWork deliveryLease(backend.workLeases, "notifications", backend.clock);
  notify::DeliveryWorker delivery(backend.notifications, consumer, {smtp.get(), &webhooks},
                                  notifyOptions.retry, backend.clock, &deliveryLease);
  delivery.start();

  // Booking changes made while no server ran (bookdav load, a crash before delivery) reach the
  // organizers' copies and inboxes before the first request.
  if (int n = backend.dav.deliverSchedulingMessages(); n > 0)
    std::cerr << "bookdav: delivered scheduling messages for " << n << " booking change(s)" << std::endl;

  SchedulingDelivery scheduling(backend.dav);
  Router router(backend);
  HttpServer server(router, http);
  server.start();
  std::cerr << "bookdav listening on " << (http.tlsCertificate.empty() ? "http://" : "https://") << http.host
            << ":" << server.port() << "/ (data in " << dataDir << ", " << server.workerThreads()
            << " worker threads)" << std::endl;
  int sig = termination.wait();
  std::cerr << "bookdav: " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ", finishing requests in flight"
            << std::endl;
  if (!server.stop(http.shutdownGraceSeconds)) {
    // A handler is stuck (e.g. on a lock another process holds): it must not keep the process
    // alive, and the database is crash-safe, so leave without running destructors under it.
    std::cerr << "bookdav: a request was still running after " << http.shutdownGraceSeconds
              << " s; stopped without waiting for it" << std::endl;
    std::_Exit(0);
  }
  delivery.stop();
  std::cerr << "bookdav: stopped" << std::endl;
  return 0;
}

}  // namespace bookdav::server
