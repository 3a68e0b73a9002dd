#pragma once
// A learning Ethernet switch, store-and-forward: it learns which port each source MAC
// sits behind, sends a frame out of the port its destination was seen on, and floods
// broadcasts and unknown destinations. Each output port serializes at its line rate
// from its own queue, so many clients converging on one server queue up there.
#include <deque>
#include <map>
#include <memory>
#include <vector>

#include "link/cable.hpp"
#include "link/context.hpp"
#include "wire/addr.hpp"

namespace synack::link {

class Switch {
 public:
  Switch(Context ctx, uint64_t rate_bps, size_t queue_frames) : ctx_(ctx), rate_bps_(rate_bps), queue_frames_(queue_frames) {}

  // Adds a port on side 1 of `cable`; returns its index.
  size_t add_port(Cable* cable);
  size_t port_count() const { return ports_.size(); }
  uint64_t dropped() const { return dropped_; }

 private:
  struct Port final : FrameSink {
    Switch* sw = nullptr;
    size_t index = 0;
    Cable* cable = nullptr;
    std::deque<uint32_t> queue;
    bool busy = false;
    void frame_arrives(uint32_t frame_id) override { sw->forward(index, frame_id); }
  };

  void forward(size_t in_port, uint32_t frame_id);
  void enqueue(size_t out_port, uint32_t frame_id);
  void send_next(size_t out_port);

  Context ctx_;
  uint64_t rate_bps_;
  size_t queue_frames_;
  std::vector<std::unique_ptr<Port>> ports_;
  std::map<wire::MacAddr, size_t> table_;
  uint64_t dropped_ = 0;
};

}  // namespace synack::link
