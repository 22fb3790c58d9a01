#include "storage/postgres/PgConnection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace bookdav::storage::postgres {
namespace {

// Oids of the parameter types bookdav binds (pg_type.dat).
constexpr Oid kInt8 = 20, kText = 25, kFloat8 = 701, kBytea = 17;

// SQLSTATE classes: 23 integrity constraint violation; 40001 serialization failure, 40P01 deadlock,
// 55P03 lock not available (lock_timeout) are "busy": the transaction may be retried from the start.
sql::StorageError::Kind kindOf(std::string_view sqlstate) {
  if (sqlstate.starts_with("23")) return sql::StorageError::Kind::Constraint;
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") return sql::StorageError::Kind::Busy;
  // 08 connection exception; 57P01-57P03 the server shuts down, crashed, or is not accepting yet.
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57P")) return sql::StorageError::Kind::Disconnected;
  return sql::StorageError::Kind::Other;
}

void ignoreNotice(void*, const char*) {}

}  // namespace

void PgResultFree::operator()(pg_result* r) const {
  PQclear(r);
}
void PgConnFree::operator()(pg_conn* c) const {
  PQfinish(c);
}

std::string dollarParameters(std::string_view sql, int& highest) {
  std::string out;
  out.reserve(sql.size());
  highest = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char ch = sql[i];
    if (quote) {
      if (ch == quote) quote = 0;  // a doubled quote reopens at once: same result
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
    } else if (ch == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      int n = 0;
      std::size_t j = i + 1;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
      if (n > highest) highest = n;
      out += '$';
      out.append(sql.substr(i + 1, j - i - 1));
      i = j - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

// ---- PgStatement ----

PgStatement::Parameter& PgStatement::at(int index) {
  if (index < 1) throw sql::StorageError(0, "bind: parameter index " + std::to_string(index));
  if (static_cast<std::size_t>(index) > params_.size()) params_.resize(index);
  return params_[index - 1];
}

void PgStatement::bindInt64(int index, std::int64_t value) {
  at(index) = {std::to_string(value), kInt8, false, true};
}

void PgStatement::bindReal(int index, double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  at(index) = {std::string(buf), kFloat8, false, true};
}

void PgStatement::bindText(int index, std::string_view text) {
  at(index) = {std::string(text), kText, false, true};
}

void PgStatement::bindBlob(int index, std::string_view bytes) {
  at(index) = {std::string(bytes), kBytea, true, true};
}

void PgStatement::bindNull(int index) {
  at(index) = {std::nullopt, 0, false, true};
}

void PgStatement::reset() {
  params_.clear();
  result_.reset();
  executed_ = false;
  row_ = -1;
}

void PgStatement::execute() {
  const int n = std::max<int>(parameters_, static_cast<int>(params_.size()));
  params_.resize(n);
  std::string signature;
  std::vector<Oid> types(n);
  std::vector<const char*> values(n);
  std::vector<int> lengths(n), formats(n);
  for (int i = 0; i < n; ++i) {
    const Parameter& p = params_[i];
    // An unbound parameter is NULL, as in SQLite, typed text: the SQL may not use it (a filter's
    // optional condition left out), and then the server could not infer its type.
    types[i] = p.bound ? p.type : kText;
    signature += std::to_string(types[i]) + ",";
    values[i] = p.value ? p.value->data() : nullptr;
    lengths[i] = p.value ? static_cast<int>(p.value->size()) : 0;
    formats[i] = p.binary ? 1 : 0;
  }
  auto it = prepared_.find(signature);
  if (it == prepared_.end()) {
    std::string name = conn_.nextStatementName();
    PgResult prepared(PQprepare(conn_.handle(), name.c_str(), sql_.c_str(), n, types.data()));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK)
      conn_.fail(prepared.get(), "prepare: " + sql_);
    it = prepared_.emplace(signature, std::move(name)).first;
  }
  result_.reset(PQexecPrepared(conn_.handle(), it->second.c_str(), n, values.data(), lengths.data(),
                               formats.data(), 0));
  ExecStatusType status = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    PgResult failed = std::move(result_);
    conn_.fail(failed.get(), "step: " + sql_.substr(0, 200));
  }
  const char* tuples = PQcmdTuples(result_.get());
  changes_ = tuples && *tuples ? std::atoll(tuples) : 0;
  executed_ = true;
  row_ = -1;
}

bool PgStatement::step() {
  if (!executed_) execute();
  if (row_ + 1 < PQntuples(result_.get())) {
    ++row_;
    return true;
  }
  row_ = PQntuples(result_.get());
  return false;
}

const char* PgStatement::value(int col) const {
  if (!result_ || row_ < 0 || row_ >= PQntuples(result_.get()) || col >= PQnfields(result_.get()))
    return nullptr;
  if (PQgetisnull(result_.get(), row_, col)) return nullptr;
  return PQgetvalue(result_.get(), row_, col);
}

bool PgStatement::isNull(int col) const {
  return value(col) == nullptr;
}

std::int64_t PgStatement::int64(int col) const {
  const char* v = value(col);
  if (!v) return 0;
  if (v[0] == 't' && v[1] == 0) return 1;  // boolean
  if (v[0] == 'f' && v[1] == 0) return 0;
  return std::strtoll(v, nullptr, 10);  // bigint, integer, numeric ("12" or "12.5": whole part)
}

double PgStatement::real(int col) const {
  const char* v = value(col);
  return v ? std::strtod(v, nullptr) : 0.0;
}

std::string PgStatement::text(int col) const {
  const char* v = value(col);
  if (!v) return {};
  if (PQftype(result_.get(), col) == kBytea) {
    std::size_t n = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
    if (!bytes) throw sql::StorageError(0, "out of memory decoding bytea");
    std::string out(reinterpret_cast<const char*>(bytes), n);
    PQfreemem(bytes);
    return out;
  }
  return std::string(v, PQgetlength(result_.get(), row_, col));
}

// ---- PgConnection ----

namespace {
// A server that does not answer (a host down, packets dropped) must not hold a request past its
// deadline: 5 s to connect unless the URL says otherwise (libpq waits forever by default).
std::string withConnectTimeout(const std::string& url) {
  if (url.find("connect_timeout=") != std::string::npos) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=5";
}
}  // namespace

PgConnection::PgConnection(const std::string& url) : conn_(PQconnectdb(withConnectTimeout(url).c_str())) {
  if (!conn_) throw sql::StorageError(0, "cannot connect to " + url + ": out of memory");
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn_.get());
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    throw sql::StorageError(0, "cannot connect to " + url + ": " + msg,
                            sql::StorageError::Kind::Disconnected);
  }
  PQsetNoticeProcessor(conn_.get(), ignoreNotice, nullptr);
  // A writer that waits longer than this for the write lock gets a busy error (55P03) and its
  // transaction is retried, as SQLite's busy timeout does.
  exec("SET lock_timeout = '10s'; SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
}

PgConnection::~PgConnection() {
  cache_.clear();
}

sql::Statement PgConnection::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    int highest = 0;
    std::string text = dollarParameters(sql, highest);
    it = cache_.emplace(std::move(key), std::make_unique<PgStatement>(*this, std::move(text), highest)).first;
  }
  return sql::Statement(*it->second);
}

void PgConnection::exec(std::string_view sql) {
  std::string text(sql);
  PgResult r(PQexec(conn_.get(), text.c_str()));
  ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r.get(), "in: " + text.substr(0, 120));
}

bool PgConnection::inTransaction() const {
  return PQtransactionStatus(conn_.get()) != PQTRANS_IDLE;
}

bool PgConnection::healthy() {
  // An idle connection has nothing to read unless its session ended (the server's last message, then
  // EOF): read what is there without waiting, and libpq marks the connection bad at the EOF.
  for (int reads = 0; reads < 4 && PQstatus(conn_.get()) == CONNECTION_OK && !inTransaction(); ++reads) {
    pollfd p{PQsocket(conn_.get()), POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) break;
    if (!PQconsumeInput(conn_.get())) break;
  }
  return PQstatus(conn_.get()) == CONNECTION_OK;
}

void PgConnection::beginWrite() {
  try {
    exec("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" +
         std::to_string(kWriteLockKey) + ")");
  } catch (const sql::StorageError&) {
    if (inTransaction()) PQclear(PQexec(conn_.get(), "ROLLBACK"));  // the lock wait timed out: leave clean
    throw;
  }
}

void PgConnection::beginRead() {
  exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
}

void PgConnection::commit() {
  exec("COMMIT");
}

void PgConnection::rollback() {
  exec("ROLLBACK");
}

void PgConnection::fail(const pg_result* result, std::string_view context) const {
  std::string message;
  std::string sqlstate;
  if (result) {
    if (const char* m = PQresultErrorMessage(result)) message = m;
    if (const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE)) sqlstate = s;
  }
  if (message.empty()) message = PQerrorMessage(conn_.get());
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  // A connection libpq found broken (the server went away: no SQLSTATE) is lost, whatever was asked.
  const auto kind =
      PQstatus(conn_.get()) == CONNECTION_BAD ? sql::StorageError::Kind::Disconnected : kindOf(sqlstate);
  throw sql::StorageError(
      0, std::string(context) + ": " + message + (sqlstate.empty() ? "" : " [" + sqlstate + "]"), kind);
}

}  // namespace bookdav::storage::postgres
