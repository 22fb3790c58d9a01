#include "server/http/WorkerPool.h"

namespace bookdav::server::http {

WorkerPool::WorkerPool(int threads) : state_(std::make_shared<State>()) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back(serve, state_);
}

WorkerPool::~WorkerPool() {
  bool idle = finished_;
  if (!finished_) {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
    state_->jobs.clear();
    idle = state_->running == 0;
  }
  state_->work.notify_all();
  for (auto& t : threads_) {
    if (idle) {
      t.join();
    } else {
      t.detach();  // stuck in a job; the process is about to end (see HttpServer::stop)
    }
  }
}

void WorkerPool::serve(std::shared_ptr<State> state) {
  std::unique_lock lock(state->mutex);
  while (true) {
    state->work.wait(lock, [&] { return state->stopping || !state->jobs.empty(); });
    if (state->jobs.empty()) return;  // stopping
    std::function<void()> job = std::move(state->jobs.front());
    state->jobs.pop_front();
    ++state->running;
    lock.unlock();
    job();
    job = nullptr;  // what the job captured goes before the pool counts it as done
    lock.lock();
    --state->running;
    if (state->running == 0 && state->jobs.empty()) state->idle.notify_all();
  }
}

void WorkerPool::submit(std::function<void()> job) {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopping) return;
    state_->jobs.push_back(std::move(job));
  }
  state_->work.notify_one();
}

bool WorkerPool::stop(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(state_->mutex);
  state_->stopping = true;
  state_->jobs.clear();
  state_->work.notify_all();
  finished_ = state_->idle.wait_until(lock, deadline, [&] { return state_->running == 0; });
  return finished_;
}

}  // namespace bookdav::server::http
