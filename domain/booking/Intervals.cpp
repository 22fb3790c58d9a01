#include "domain/booking/Intervals.h"

#include <algorithm>

namespace bookdav::domain {

Intervals normalized(Intervals set) {
  std::erase_if(set, [](const Interval& i) { return i.empty(); });
  std::sort(set.begin(), set.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
  Intervals out;
  for (const Interval& i : set) {
    if (!out.empty() && i.start <= out.back().end) {
      out.back().end = std::max(out.back().end, i.end);
    } else {
      out.push_back(i);
    }
  }
  return out;
}

Intervals subtract(const Intervals& a, const Intervals& b) {
  Intervals out;
  size_t j = 0;
  for (Interval cur : a) {
    while (j < b.size() && b[j].end <= cur.start) ++j;
    size_t k = j;
    while (k < b.size() && b[k].start < cur.end) {
      if (b[k].start > cur.start) out.push_back({cur.start, b[k].start});
      cur.start = std::max(cur.start, b[k].end);
      if (cur.empty()) break;
      ++k;
    }
    if (!cur.empty()) out.push_back(cur);
  }
  return out;
}

Intervals clip(const Intervals& set, Interval range) {
  Intervals out;
  for (const Interval& i : set) {
    Interval c{std::max(i.start, range.start), std::min(i.end, range.end)};
    if (!c.empty()) out.push_back(c);
  }
  return out;
}

Intervals complement(const Intervals& set, Interval range) {
  return subtract({range}, set);
}

}  // namespace bookdav::domain
