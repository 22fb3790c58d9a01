#include "storage/sql/DatabaseCopy.h"

#include <algorithm>
#include <map>
#include <set>

namespace bookdav::storage::sql {
namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

// Table names come from the source's catalog; quoted all the same.
std::string quoted(const std::string& name) {
  return "\"" + name + "\"";
}

}  // namespace

DatabaseCopy::DatabaseCopy(Database& from, Database& to) : from_(from), to_(to) {
  if (from_.engine() != Engine::Sqlite) throw CopyRefused("bookdav copies from an SQLite data directory");
  // Tables and the tables each refers to (foreign keys): parents first.
  std::map<std::string, std::set<std::string>> parents;
  from_.read([&](Connection& c) {
    auto t = c.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name <> 'schema_migrations' ORDER BY name");
    while (t.step()) parents[t.text(0)];
    for (auto& [table, refs] : parents) {
      auto fk = c.prepare("SELECT \"table\" FROM pragma_foreign_key_list(?1)");
      fk.bindAll(table);
      while (fk.step())
        if (fk.text(0) != table) refs.insert(fk.text(0));
    }
  });
  std::set<std::string> placed;
  while (placed.size() < parents.size()) {
    bool progressed = false;
    for (const auto& [table, refs] : parents) {
      if (placed.count(table)) continue;
      if (std::all_of(refs.begin(), refs.end(),
                      [&](const std::string& r) { return placed.count(r) || !parents.count(r); })) {
        plan_.push_back({table, 0});
        placed.insert(table);
        progressed = true;
      }
    }
    if (!progressed) throw CopyRefused("the source's foreign keys go round in a circle");
  }
  from_.read([&](Connection& c) {
    for (TableRows& t : plan_) {
      auto n = c.prepare("SELECT count(*) FROM " + quoted(t.table));
      if (n.step()) t.rows = n.int64(0);
    }
  });
}

std::vector<DatabaseCopy::Column> DatabaseCopy::columns(const std::string& table) {
  std::vector<Column> out;
  from_.read([&](Connection& c) {
    auto s = c.prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid");
    s.bindAll(table);
    while (s.step()) out.push_back({s.text(0), upper(s.text(1))});
  });
  return out;
}

void DatabaseCopy::run(const std::function<void(const std::string&, std::int64_t)>& progress) {
  std::map<std::string, std::vector<Column>> columnsOf;
  for (const TableRows& t : plan_) columnsOf[t.table] = columns(t.table);
  // The counters of the source's AUTOINCREMENT tables (what was handed out, even if deleted since).
  std::map<std::string, std::int64_t> counters;
  from_.read([&](Connection& c) {
    auto s = c.prepare("SELECT name, seq FROM sqlite_sequence");
    while (s.step()) counters[s.text(0)] = s.int64(1);
  });

  to_.write([&](Connection& target) {
    // The target holds nothing yet (checked in the transaction that writes, so no one slips in).
    for (const TableRows& t : plan_) {
      auto any = target.prepare("SELECT 1 FROM " + quoted(t.table) + " LIMIT 1");
      if (any.step())
        throw CopyRefused("the target database is not empty (" + t.table +
                          " has rows); bookdav copies only into an empty database");
    }
    from_.read([&](Connection& source) {
      for (const TableRows& t : plan_) {
        const std::vector<Column>& cols = columnsOf[t.table];
        std::string names, params;
        for (std::size_t i = 0; i < cols.size(); ++i) {
          names += (i ? ", " : "") + quoted(cols[i].name);
          params += (i ? ", ?" : "?") + std::to_string(i + 1);
        }
        auto rows = source.prepare("SELECT " + names + " FROM " + quoted(t.table));
        auto insert =
            target.prepare("INSERT INTO " + quoted(t.table) + " (" + names + ") VALUES (" + params + ")");
        std::int64_t copied = 0;
        while (rows.step()) {
          for (std::size_t i = 0; i < cols.size(); ++i) {
            const int col = static_cast<int>(i), param = col + 1;
            const std::string& type = cols[i].type;
            if (rows.isNull(col))
              insert.bind(param, nullptr);
            else if (type.find("INT") != std::string::npos)
              insert.bind(param, rows.int64(col));
            else if (type == "REAL" || type == "DOUBLE" || type == "FLOAT")
              insert.bind(param, rows.real(col));
            else if (type == "BLOB")
              insert.bindBlob(param, rows.text(col));
            else
              insert.bind(param, rows.text(col));
          }
          insert.run();
          insert.reset();
          if (++copied % 1000 == 0 && progress) progress(t.table, copied);
        }
        if (progress) progress(t.table, copied);
        // Identity columns go on after the highest id (or the source's counter, if higher).
        for (const Column& c : cols) {
          if (c.type != "INTEGER") continue;
          auto pk = source.prepare("SELECT pk FROM pragma_table_info(?1) WHERE name = ?2");
          pk.bindAll(t.table, c.name);
          if (!pk.step() || pk.int64(0) != 1) continue;
          auto max =
              source.prepare("SELECT COALESCE(max(" + quoted(c.name) + "), 0) FROM " + quoted(t.table));
          std::int64_t last = max.step() ? max.int64(0) : 0;
          if (auto it = counters.find(t.table); it != counters.end()) last = std::max(last, it->second);
          if (last <= 0) continue;
          if (target.engine() == Engine::Postgres) {
            auto seq = target.prepare("SELECT pg_get_serial_sequence(?1, ?2)");
            seq.bindAll(t.table, c.name);
            if (!seq.step() || seq.isNull(0)) continue;
            const std::string sequence = seq.text(0);
            auto set = target.prepare("SELECT setval(CAST(?1 AS regclass), ?2, true)");
            set.bindAll(sequence, last);
            set.step();
          } else if (counters.count(t.table)) {
            target.prepare("DELETE FROM sqlite_sequence WHERE name = ?1").bindAll(t.table).run();
            target.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)")
                .bindAll(t.table, last)
                .run();
          }
        }
      }
    });
  });
}

}  // namespace bookdav::storage::sql
