#pragma once
// Joins a simulated host to the Linux kernel: the far end of the host's cable is a TAP
// device. Frames the cable delivers go to the kernel; frames the kernel sends enter the
// cable (and meet the world's fault rules) as if sent by a host named "linux". The
// engine is unchanged: this is one more FrameSink, and the trace records both sides.
#include <cstdint>

#include "host/host.hpp"
#include "link/cable.hpp"
#include "tap_device.hpp"
#include "world/world.hpp"

namespace synack::interop {

struct BridgeCounters {
  uint64_t to_kernel = 0, from_kernel = 0, write_failures = 0;
};

class TapBridge final : public link::FrameSink {
 public:
  TapBridge(world::World& w, host::Host& h, TapDevice& tap);

  // Frames the cable delivers to the kernel's end.
  void frame_arrives(uint32_t frame_id) override;
  // Takes every frame the kernel has sent since the last call into the cable, now.
  void pump_in();

  uint16_t kernel_host() const { return kernel_; }
  const BridgeCounters& counters() const { return counters_; }

 private:
  world::World& world_;
  TapDevice& tap_;
  uint16_t kernel_;
  link::Cable cable_;
  BridgeCounters counters_;
};

}  // namespace synack::interop
