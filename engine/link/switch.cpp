#include "link/switch.hpp"

#include <algorithm>

namespace synack::link {

using trace::DropReason;
using trace::TraceEvent;

size_t Switch::add_port(Cable* cable) {
  auto p = std::make_unique<Port>();
  p->sw = this;
  p->index = ports_.size();
  p->cable = cable;
  cable->connect(1, p.get(), trace::kNoHost);
  ports_.push_back(std::move(p));
  return ports_.size() - 1;
}

void Switch::forward(size_t in_port, uint32_t frame_id) {
  const wire::Bytes& bytes = ctx_.trace.frame(frame_id).bytes;
  if (bytes.size() < 12) return;
  wire::MacAddr dst, src;
  std::copy_n(bytes.begin(), 6, dst.b.begin());
  std::copy_n(bytes.begin() + 6, 6, src.b.begin());
  table_[src] = in_port;
  auto it = table_.find(dst);
  if (dst.is_broadcast() || dst.is_multicast() || it == table_.end()) {
    for (size_t p = 0; p < ports_.size(); ++p)
      if (p != in_port) enqueue(p, frame_id);
    return;
  }
  if (it->second != in_port) enqueue(it->second, frame_id);
}

void Switch::enqueue(size_t out_port, uint32_t frame_id) {
  Port& p = *ports_[out_port];
  if (p.queue.size() >= queue_frames_) {
    ++dropped_;
    ctx_.record(TraceEvent{.frame = frame_id,
                           .what = trace::FrameDropped{.site = trace::Site::Switch, .reason = DropReason::TxQueueFull,
                                                       .n = static_cast<uint32_t>(out_port)}});
    return;
  }
  p.queue.push_back(frame_id);
  if (!p.busy) send_next(out_port);
}

void Switch::send_next(size_t out_port) {
  Port& p = *ports_[out_port];
  if (p.queue.empty()) {
    p.busy = false;
    return;
  }
  p.busy = true;
  const uint32_t id = p.queue.front();
  p.queue.pop_front();
  const sim::Time last_bit = ctx_.now() + serialization_delay(ctx_.trace.frame(id).bytes.size(), rate_bps_);
  p.cable->carry(1, id, last_bit);
  ctx_.queue.schedule(last_bit, [this, out_port] { send_next(out_port); });
}

}  // namespace synack::link
