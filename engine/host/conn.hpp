#pragma once
// Inside the stack: a connection with the Env that ties it to its stack. Only the
// stack's own files include this.
#include <cstddef>
#include <cstdint>
#include <string>

#include "host/stack.hpp"

namespace synack::host {

// The bridge between one connection and its stack: the Env the sans-IO TCP talks to.
class Stack::ConnEnv final : public tcp::Env {
 public:
  ConnEnv(Stack& s, int sock) : stack_(s), sock_(sock) {}
  sim::Time now() const override { return stack_.ctx_.now(); }
  void send(const wire::TcpSegment& seg, const trace::FrameNote& note) override;
  void arm(tcp::Timer t, sim::Time deadline) override;
  void cancel(tcp::Timer t) override;
  void state_changed(tcp::State from, tcp::State to, tcp::Cause cause) override;
  void note(trace::TcpNote what, uint64_t n) override {
    stack_.record(trace::TraceEvent{.conn = static_cast<uint32_t>(sock_), .what = trace::Note{.tcp = what, .n = n}});
  }
  void established() override;
  size_t data_arrived(const wire::Bytes& data) override;
  void peer_closed() override;
  void writable() override {
    if (stack_.app_) stack_.app_->writable(sock_);
  }
  void closed(tcp::CloseReason why) override;

  // The connection's timers, quinn-style: a deadline each and one slot in the event
  // queue armed for the earliest, taken on the first arm. Arming, re-arming and
  // cancelling write here and touch the queue only when the earliest deadline moves
  // earlier (see sim::EventQueue::set_timer).
  static constexpr size_t kTimers = static_cast<size_t>(tcp::Timer::Count_);
  int64_t deadline[kTimers] = {};
  uint64_t order[kTimers] = {};  // the queue's sequence number at the arm; 0: not armed
  sim::TimerSlot slot = kNoSlot;
  static constexpr sim::TimerSlot kNoSlot = UINT32_MAX;

  // Points the queue's slot at the earliest deadline, or disarms it.
  void rearm_slot();
  // The timer that is due (the earliest), or Count_.
  tcp::Timer earliest() const;

 private:
  Stack& stack_;
  int sock_;
};

struct Stack::Conn {
  ConnEnv env;
  tcp::Connection tcb;
  size_t counted = 0;  // this connection's share of mem_total_
  size_t last_tcb = SIZE_MAX;  // index in the trace of the last snapshot recorded for it
  Conn(Stack& s, int sock, const tcp::TcpConfig& cfg, const tcp::FourTuple& t, uint32_t iss)
      : env(s, sock), tcb(env, cfg, t, iss) {}
};

}  // namespace synack::host
