#pragma once
// A discrete-event queue. Events at the same simulated time run in the order they
// were scheduled (a sequence number breaks ties), so a run is reproducible exactly.
//
// What an event runs lives in a slot of a pool that is reused, and the binary heap
// holds only (time, sequence, slot): no allocation per event once the pool has grown,
// and the heap moves 24-byte entries. Two kinds of slot:
// - a one-shot event (schedule): cancelling it is O(1), its heap entry is skipped
//   when it reaches the front;
// - a timer (add_timer): one slot per owner, re-armed for ever. Arming it later than
//   the entry it already has in the heap touches nothing (the entry, when it reaches
//   the front, is moved on to the timer's real deadline), and cancelling only clears
//   it. TCP re-arms its retransmission timer on nearly every ACK, always later: that
//   is O(1), where a heap entry per arm made the heap a fifth of a busy run's work.
// A timer keeps the sequence number it was given when armed (next_sequence), so it
// runs in exactly the place among same-time events that an event scheduled at that
// moment would have.
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <type_traits>
#include <vector>

#include "sim/action.hpp"
#include "sim/time.hpp"

namespace synack::sim {

// A one-shot event, for cancel(). A default one names nothing.
struct EventId {
  uint64_t seq = 0;
  uint32_t slot = 0;
  explicit operator bool() const { return seq != 0; }
};

using TimerSlot = uint32_t;

class EventQueue {
 public:
  EventId schedule(Time at, Action action) {
    const uint32_t s = take_slot(std::move(action), true);
    const uint64_t seq = next_seq_++;
    Slot& slot = slots_[s];
    slot.at = at;
    slot.seq = seq;
    push(at, seq, s);
    return EventId{seq, s};
  }

  void cancel(EventId id) {
    if (!id || id.slot >= slots_.size()) return;
    Slot& slot = slots_[id.slot];
    if (slot.one_shot && slot.seq == id.seq) free_slot(id.slot);
  }

  // A timer that calls `fire` each time it expires; disarmed until set_timer.
  template <class F>
  TimerSlot add_timer(F fire) {
    static_assert(std::is_trivially_copyable_v<F> && std::is_trivially_destructible_v<F>,
                  "a timer's callable is copied as bytes each time it fires");
    return take_slot(Action(std::move(fire)), false);
  }
  void remove_timer(TimerSlot t) { free_slot(t); }
  // The sequence number an event scheduled now would get: the tie-break of a timer
  // armed now, which may become the deadline of its slot later (see set_timer).
  uint64_t next_sequence() { return next_seq_++; }
  // Arms a timer for (at, seq), replacing what it was armed for.
  void set_timer(TimerSlot t, Time at, uint64_t seq) {
    Slot& slot = slots_[t];
    slot.at = at;
    slot.seq = seq;
    if (!slot.queued_seq || before(at, seq, slot.queued_at, slot.queued_seq)) push(at, seq, t);
  }
  void clear_timer(TimerSlot t) { slots_[t].seq = 0; }

  bool empty() {
    settle();
    return heap_.empty();
  }

  // Time of the next live event; only meaningful when !empty().
  Time next_time() {
    settle();
    return heap_.front().at;
  }

  // Pops the next live event, advances now() to its time and runs it.
  // Returns false when nothing is left.
  bool run_next() {
    settle();
    if (heap_.empty()) return false;
    const Entry e = pop();
    Slot& slot = slots_[e.slot];
    now_ = e.at;
    ++executed_;
    slot.queued_seq = 0;
    slot.seq = 0;
    // The action may schedule (growing the pool) or end its owner (freeing its slot):
    // it runs from a copy of its own.
    if (slot.one_shot) {
      Action a = std::move(slot.action);
      free_slot(e.slot);
      a();
    } else {
      Action a = copy_timer_action(slot.action);
      a();
    }
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
    uint64_t seq;
    uint32_t slot;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      if (a.at != b.at) return a.at > b.at;
      return a.seq > b.seq;  // stable tie-break: first scheduled runs first
    }
  };
  struct Slot {
    Action action;
    Time at{};              // what the slot is armed for; seq 0: nothing
    uint64_t seq = 0;
    Time queued_at{};       // its entry in the heap; queued_seq 0: none
    uint64_t queued_seq = 0;
    bool one_shot = true;
  };

  static bool before(Time a, uint64_t as, Time b, uint64_t bs) { return a != b ? a < b : as < bs; }

  // A timer's action is a trivially copyable callable (add_timer's callers capture
  // pointers and numbers), so a byte copy is a copy.
  static Action copy_timer_action(const Action& a) {
    Action c;
    std::memcpy(static_cast<void*>(&c), static_cast<const void*>(&a), sizeof(Action));
    return c;
  }

  void push(Time at, uint64_t seq, uint32_t s) {
    Slot& slot = slots_[s];
    slot.queued_at = at;
    slot.queued_seq = seq;
    heap_.push_back(Entry{at, seq, s});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
  }
  Entry pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    const Entry e = heap_.back();
    heap_.pop_back();
    return e;
  }

  // Brings a live event to the front: drops entries of cancelled events and of timers
  // re-armed earlier since, and moves a timer armed later on to its deadline.
  void settle() {
    while (!heap_.empty()) {
      const Entry& f = heap_.front();
      Slot& slot = slots_[f.slot];
      if (slot.queued_seq != f.seq) {  // superseded, or its slot freed
        pop();
        continue;
      }
      if (slot.seq == f.seq) return;  // due
      const Entry e = pop();
      Slot& s = slots_[e.slot];
      s.queued_seq = 0;
      if (s.seq) push(s.at, s.seq, e.slot);  // armed later than this entry
    }
  }

  uint32_t take_slot(Action action, bool one_shot) {
    uint32_t s;
    if (!free_.empty()) {
      s = free_.back();
      free_.pop_back();
    } else {
      s = static_cast<uint32_t>(slots_.size());
      slots_.emplace_back();
    }
    Slot& slot = slots_[s];
    slot.action = std::move(action);
    slot.one_shot = one_shot;
    return s;
  }
  void free_slot(uint32_t s) {
    Slot& slot = slots_[s];
    slot.action.reset();
    slot.seq = 0;
    slot.queued_seq = 0;
    free_.push_back(s);
  }

  std::vector<Entry> heap_;  // a binary heap ordered by Later
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;
  uint64_t next_seq_ = 1;
  Time now_{};
  uint64_t executed_ = 0;
};

}  // namespace synack::sim
