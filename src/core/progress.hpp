/// \file progress.hpp
/// \brief Progress reporting: a redrawn bar with rate and ETA on a terminal, plain lines otherwise.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace hrsnn {

/// Reports `done` of `total` units of work on stderr.
class Progress {
 public:
  /// Starts timing a task called `what` with `total` units.
  Progress(std::string what, int total) : what_(std::move(what)), total_(total), tty_(isatty(STDERR_FILENO)) {}
  /// Records that `done` units are finished; `note` names the last one.
  void update(int done, const std::string& note) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta = done > 0 ? elapsed / done * (total_ - done) : 0.0;
    const int width = 30, filled = total_ > 0 ? width * done / total_ : width;
    if (tty_) {
      std::fprintf(stderr, "\r%s [%s%s] %d/%d %.2f/s ETA %.0fs  %s   ", what_.c_str(), std::string(filled, '#').c_str(),
                   std::string(width - filled, '.').c_str(), done, total_, elapsed > 0 ? done / elapsed : 0.0, eta, note.c_str());
      if (done == total_) std::fputc('\n', stderr);
    } else {
      std::fprintf(stderr, "%s %d/%d (%s) elapsed %.0fs ETA %.0fs\n", what_.c_str(), done, total_, note.c_str(), elapsed, eta);
    }
    std::fflush(stderr);
  }

 private:
  std::string what_;
  int total_;
  bool tty_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace hrsnn
