#include "storage/sql/process/SqlSignInSessions.h"

#include "storage/sql/process/ProcessSchema.h"

namespace bookdav::storage::sql {

using domain::Instant;
using domain::toUnix;

namespace {
// A session's last use is written at most this often (a page load makes several requests).
constexpr std::int64_t kUseResolution = 60;
}  // namespace

SqlSignInSessions::SqlSignInSessions(Database& db) : db_(db) {
  db_.migrate("process", processMigrations());
}

void SqlSignInSessions::add(const domain::SignInSession& session, Instant idleBefore, std::size_t bound) {
  db_.write([&](Connection& c) {
    c.prepare("DELETE FROM desk_sessions WHERE last_use <= ?1").bindAll(toUnix(idleBefore)).run();
    auto count = c.prepare("SELECT count(*) FROM desk_sessions");
    const std::int64_t held = count.step() ? count.int64(0) : 0;
    if (bound > 0 && held >= static_cast<std::int64_t>(bound))
      c.prepare(
           "DELETE FROM desk_sessions WHERE id_digest IN"
           " (SELECT id_digest FROM desk_sessions ORDER BY last_use, id_digest LIMIT ?1)")
          .bindAll(held - static_cast<std::int64_t>(bound) + 1)
          .run();
    c.prepare(
         "INSERT INTO desk_sessions (id_digest, csrf_digest, user_name, role, last_use)"
         " VALUES (?1, ?2, ?3, ?4, ?5)")
        .bindAll(session.idDigest, session.csrfDigest, session.user, domain::roleName(session.role),
                 toUnix(session.lastUse))
        .run();
  });
}

std::optional<domain::SignInSession> SqlSignInSessions::use(std::string_view idDigest, Instant now,
                                                            Instant idleBefore) {
  auto found = db_.read([&](Connection& c) -> std::optional<domain::SignInSession> {
    auto s =
        c.prepare("SELECT csrf_digest, user_name, role, last_use FROM desk_sessions WHERE id_digest = ?1");
    s.bindAll(idDigest);
    if (!s.step()) return std::nullopt;
    domain::SignInSession session;
    session.idDigest = std::string(idDigest);
    session.csrfDigest = s.text(0);
    session.user = s.text(1);
    session.role = domain::parseRole(s.text(2)).value_or(domain::Role::Customer);
    session.lastUse = domain::fromUnix(s.int64(3));
    return session;
  });
  if (!found) return std::nullopt;
  if (found->lastUse <= idleBefore) {
    remove(idDigest);
    return std::nullopt;
  }
  if (toUnix(now) - toUnix(found->lastUse) >= kUseResolution) {
    db_.write([&](Connection& c) {
      c.prepare("UPDATE desk_sessions SET last_use = ?2 WHERE id_digest = ?1 AND last_use < ?2")
          .bindAll(idDigest, toUnix(now))
          .run();
    });
    found->lastUse = now;
  }
  return found;
}

void SqlSignInSessions::remove(std::string_view idDigest) {
  db_.write([&](Connection& c) {
    c.prepare("DELETE FROM desk_sessions WHERE id_digest = ?1").bindAll(idDigest).run();
  });
}

}  // namespace bookdav::storage::sql
