#pragma once
// A point-to-point cable: two ends, a propagation delay, and the world's fault rules
// applied to every frame that enters it. It can be taken down for an interval.
#include <array>
#include <vector>

#include "link/context.hpp"
#include "link/fault.hpp"

namespace synack::link {

class Cable {
 public:
  Cable(Context ctx, sim::Duration delay, std::vector<FaultRule>* faults)
      : ctx_(ctx), delay_(delay), faults_(faults) {}

  void connect(int side, FrameSink* sink, uint16_t host) {
    ends_[side] = sink;
    host_at_[side] = host;
  }

  // The sender at `side` starts a frame now; its last bit leaves at last_bit.
  void carry(int side, uint32_t frame_id, sim::Time last_bit);

  bool up() const { return ctx_.now() >= down_until_; }
  void take_down(sim::Duration for_how_long);
  sim::Duration delay() const { return delay_; }

 private:
  void deliver(int to_side, uint32_t frame_id, sim::Time at);
  void release_held(int direction, sim::Time at);

  Context ctx_;
  sim::Duration delay_;
  std::vector<FaultRule>* faults_;
  std::array<FrameSink*, 2> ends_{nullptr, nullptr};
  std::array<uint16_t, 2> host_at_{trace::kNoHost, trace::kNoHost};
  sim::Time down_until_{0};
  // Reorder: a frame held per direction until the next one overtakes it.
  struct Held {
    uint32_t frame = 0;
    sim::EventId timeout{};
  };
  std::array<Held, 2> held_{};
};

}  // namespace synack::link
