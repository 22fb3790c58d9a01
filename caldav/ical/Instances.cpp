#include "caldav/ical/Instances.h"

#include <algorithm>

#include "caldav/ical/IcalTime.h"

namespace bookdav::caldav::ical {

IndexedSpan spanOf(const Instance& in) {
  return IndexedSpan{in.window.lo, in.window.hi, in.window.isHalfOpen(), in.floating, in.busy};
}

Expansion expandForIndex(const Component& calendar, domain::Instant horizonEnd, ExpansionBudget& budget,
                         size_t maxInstances, domain::Instant horizonStart) {
  Expansion out;
  if (maxInstances == 0) maxInstances = 1;
  InstanceOptions options;
  options.maxInstances = maxInstances;
  out.coveredFrom = horizonStart;
  domain::Interval range{horizonStart, addSaturating(horizonEnd, domain::Seconds{1})};
  InstanceScan scan = forEachInstance(
      calendar, range,
      [&](const Instance& in) {
        out.spans.push_back(spanOf(in));
        return true;
      },
      budget, options);
  out.coveredUntil = scan.coveredUntil;
  std::stable_sort(out.spans.begin(), out.spans.end(),
                   [](const IndexedSpan& a, const IndexedSpan& b) { return a.start < b.start; });
  if (out.coveredUntil != domain::Instant::max())
    std::erase_if(out.spans, [&](const IndexedSpan& s) { return s.start > out.coveredUntil; });
  return out;
}

}  // namespace bookdav::caldav::ical
