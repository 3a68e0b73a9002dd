#pragma once
// What every link-layer object needs from the world it lives in: the clock and event
// queue, the trace to record into. Passed by reference; nothing here is global.
#include "sim/event_queue.hpp"
#include "sim/rng.hpp"
#include "trace/trace.hpp"

namespace synack::link {

struct Context {
  sim::EventQueue& queue;
  trace::Trace& trace;
  sim::Rng& rng;  // the world's: faults with a probability draw from it

  sim::Time now() const { return queue.now(); }
  void record(trace::TraceEvent e) {
    e.t = queue.now();
    trace.add(std::move(e));
  }
};

// Something a cable delivers frames to: a NIC or a switch port.
class FrameSink {
 public:
  virtual ~FrameSink() = default;
  virtual void frame_arrives(uint32_t frame_id) = 0;
};

// Wire time of a frame: its bytes plus preamble and start delimiter (8), FCS (4) and
// the inter-frame gap (12), at the line rate.
inline sim::Duration serialization_delay(size_t frame_bytes, uint64_t rate_bps) {
  if (rate_bps == 0) return {};
  const uint64_t bits = (frame_bytes + 24) * 8;
  return sim::nanoseconds(static_cast<int64_t>((bits * 1000000000ULL + rate_bps - 1) / rate_bps));
}

}  // namespace synack::link
