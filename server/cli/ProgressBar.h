// A progress bar on stderr for long command-line jobs (import, export). It draws only when stderr
// is a terminal, so pipes, logs and tests see nothing but the final summary.
#pragma once

#include <cstddef>
#include <string>

namespace bookdav::server {

class ProgressBar {
 public:
  ProgressBar(std::string label, std::size_t total);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void advance(std::size_t steps = 1);
  // Draws the full bar and ends its line (once).
  void finish();

  // True when stderr is a terminal.
  static bool enabled();

 private:
  void draw();

  std::string label_;
  std::size_t total_;
  std::size_t done_ = 0;
  int drawnPermille_ = -1;
  bool active_;
};

}  // namespace bookdav::server
