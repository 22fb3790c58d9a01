#include "server/cli/ProgressBar.h"

#include <unistd.h>

#include <cstdio>

namespace bookdav::server {

bool ProgressBar::enabled() {
  return isatty(STDERR_FILENO) == 1;
}

ProgressBar::ProgressBar(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), active_(enabled() && total > 0) {
  if (active_) draw();
}

ProgressBar::~ProgressBar() {
  if (active_) std::fputs("\n", stderr);
}

void ProgressBar::advance(std::size_t steps) {
  done_ = done_ + steps > total_ ? total_ : done_ + steps;
  if (!active_) return;
  const int permille = static_cast<int>(done_ * 1000 / total_);
  if (permille != drawnPermille_) draw();
}

void ProgressBar::finish() {
  if (!active_) return;
  done_ = total_;
  draw();
  std::fputs("\n", stderr);
  std::fflush(stderr);
  active_ = false;
}

void ProgressBar::draw() {
  constexpr int kWidth = 30;
  drawnPermille_ = static_cast<int>(done_ * 1000 / total_);
  const int filled = drawnPermille_ * kWidth / 1000;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\r%s [%s] %zu/%zu (%d%%)", label_.c_str(), bar.c_str(), done_, total_,
               drawnPermille_ / 10);
  std::fflush(stderr);
}

}  // namespace bookdav::server
