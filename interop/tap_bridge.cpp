#include "tap_bridge.hpp"

namespace synack::interop {

using trace::TraceEvent;

TapBridge::TapBridge(world::World& w, host::Host& h, TapDevice& tap)
    : world_(w), tap_(tap), kernel_(w.trace().add_host("linux")), cable_(w.context(), sim::Duration{}, &w.faults()) {
  cable_.connect(0, &h.nic(), h.id());
  cable_.connect(1, this, kernel_);
  h.nic().attach(&cable_, 0);
}

void TapBridge::frame_arrives(uint32_t frame_id) {
  ++counters_.to_kernel;
  if (!tap_.write_frame(world_.trace().frame(frame_id).bytes)) {
    ++counters_.write_failures;
    world_.context().record(TraceEvent{.host = kernel_, .frame = frame_id,
                                       .what = trace::FrameDropped{.site = trace::Site::Tap,
                                                                   .reason = trace::DropReason::TxQueueFull}});
  }
}

void TapBridge::pump_in() {
  while (auto bytes = tap_.read_frame()) {
    ++counters_.from_kernel;
    const sim::Time now = world_.now();
    const uint32_t id = world_.trace().add_frame(trace::FrameRecord{std::move(*bytes), kernel_, 0,
                                                                                 trace::FrameNote{.kind = trace::FrameNoteKind::FromKernel}});
    world_.context().record(TraceEvent{.host = kernel_, .frame = id, .what = trace::FrameSent{now.ns, now.ns}});
    cable_.carry(1, id, now);
  }
}

}  // namespace synack::interop
