// A fixed set of threads that run the jobs the event loop hands them (admission, routing). The loop
// decides how many jobs are out at once; the pool only runs them in order.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace bookdav::server::http {

class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  // Joins the threads, unless one is still stuck in a job: then they are left (a stuck job must not
  // keep the process alive, see stop()).
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(std::function<void()> job);
  // Drops the jobs not started, waits for the running ones until the deadline; true when none is
  // left running (the threads are then joined).
  bool stop(std::chrono::steady_clock::time_point deadline);
  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  // Shared with the threads, so that a thread still stuck in a job after the pool is gone touches
  // nothing freed.
  struct State {
    std::mutex mutex;
    std::condition_variable work;
    std::condition_variable idle;
    std::deque<std::function<void()>> jobs;
    int running = 0;
    bool stopping = false;
  };
  static void serve(std::shared_ptr<State> state);

  std::shared_ptr<State> state_;
  std::vector<std::thread> threads_;
  bool finished_ = false;
};

}  // namespace bookdav::server::http
