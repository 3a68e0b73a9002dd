#pragma once
// A discrete-event queue. Events at the same simulated time run in the order they
// were scheduled (a sequence number breaks ties), so a run is reproducible exactly.
// Cancellation is lazy: a cancelled id is skipped when it reaches the front.
#include <cstdint>
#include <functional>
#include <algorithm>
#include <unordered_set>
#include <vector>

#include "sim/time.hpp"

namespace synack::sim {

using EventId = uint64_t;

class EventQueue {
 public:
  using Action = std::function<void()>;

  EventId schedule(Time at, Action action) {
    const EventId id = next_id_++;
    heap_.push_back(Entry{at, id, std::move(action)});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
    return id;
  }

  void cancel(EventId id) { cancelled_.insert(id); }

  bool empty() {
    drop_cancelled();
    return heap_.empty();
  }

  // Time of the next live event; only meaningful when !empty().
  Time next_time() {
    drop_cancelled();
    return heap_.front().at;
  }

  // Pops the next live event, advances now() to its time and runs it.
  // Returns false when nothing is left.
  bool run_next() {
    drop_cancelled();
    if (heap_.empty()) return false;
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    Entry e = std::move(heap_.back());
    heap_.pop_back();
    now_ = e.at;
    ++executed_;
    e.action();
    return true;
  }

  // Runs every event with time <= limit; now() ends at limit.
  void run_until(Time limit) {
    while (!empty() && next_time() <= limit) run_next();
    if (now_ < limit) now_ = limit;
  }

  Time now() const { return now_; }
  uint64_t executed() const { return executed_; }
  size_t pending() const { return heap_.size(); }

 private:
  struct Entry {
    Time at;
    EventId id;
    Action action;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      if (a.at != b.at) return a.at > b.at;
      return a.id > b.id;  // stable tie-break: first scheduled runs first
    }
  };

  void drop_cancelled() {
    while (!heap_.empty() && !cancelled_.empty()) {
      auto it = cancelled_.find(heap_.front().id);
      if (it == cancelled_.end()) break;
      cancelled_.erase(it);
      std::pop_heap(heap_.begin(), heap_.end(), Later{});
      heap_.pop_back();
    }
  }

  std::vector<Entry> heap_;  // a binary heap ordered by Later
  std::unordered_set<EventId> cancelled_;
  EventId next_id_ = 1;
  Time now_{};
  uint64_t executed_ = 0;
};

}  // namespace synack::sim
