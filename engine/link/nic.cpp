#include "link/nic.hpp"

#include <algorithm>

#include "link/cable.hpp"
#include "wire/ethernet.hpp"

namespace synack::link {

using trace::DropReason;
using trace::TraceEvent;

void Nic::record_counters() {
  ctx_.record(TraceEvent{.host = host_, .what = trace::NicCounters{static_cast<int64_t>(counters_.rx_dropped_filter),
                                                                   static_cast<int64_t>(counters_.rx_dropped_ring)}});
}

bool Nic::transmit(uint32_t frame_id) {
  if (tx_queue_.size() >= cfg_.tx_queue_frames) {
    ++counters_.tx_dropped;
    ctx_.record(TraceEvent{.host = host_, .frame = frame_id,
                           .what = trace::FrameDropped{.site = trace::Site::NicTx, .reason = DropReason::TxQueueFull}});
    return false;
  }
  tx_queue_.push_back(frame_id);
  if (!transmitting_) start_next_transmission();
  return true;
}

void Nic::start_next_transmission() {
  if (tx_queue_.empty()) {
    transmitting_ = false;
    return;
  }
  transmitting_ = true;
  const uint32_t id = tx_queue_.front();
  tx_queue_.pop_front();
  const size_t len = ctx_.trace.frame(id).bytes.size();
  const sim::Time last_bit = ctx_.now() + serialization_delay(len, cfg_.rate_bps);
  ++counters_.tx_frames;
  counters_.tx_bytes += len;
  // value: when the last bit leaves; value2: when it reaches the far end.
  const sim::Duration prop = cable_ ? cable_->delay() : sim::Duration{};
  ctx_.record(TraceEvent{.host = host_, .frame = id, .what = trace::FrameSent{last_bit.ns, (last_bit + prop).ns}});
  if (cable_) cable_->carry(side_, id, last_bit);
  ctx_.queue.schedule(last_bit, [this] { start_next_transmission(); });
}

void Nic::frame_arrives(uint32_t frame_id) {
  const wire::Bytes& bytes = ctx_.trace.frame(frame_id).bytes;
  // Destination MAC filter: ours, broadcast or multicast, or anything when promiscuous.
  if (!cfg_.promiscuous && bytes.size() >= 6) {
    wire::MacAddr dst;
    std::copy_n(bytes.begin(), 6, dst.b.begin());
    if (dst != cfg_.mac && !dst.is_broadcast() && !dst.is_multicast()) {
      ++counters_.rx_dropped_filter;
      ctx_.record(TraceEvent{.host = host_, .frame = frame_id,
                             .what = trace::FrameDropped{.site = trace::Site::NicRx, .reason = DropReason::MacFilter,
                                                         .mac = dst}});
      record_counters();
      return;
    }
  }
  if (rx_ring_.size() >= cfg_.rx_ring_size) {
    ++counters_.rx_dropped_ring;
    ctx_.record(TraceEvent{.host = host_, .frame = frame_id,
                           .what = trace::FrameDropped{.site = trace::Site::NicRx, .reason = DropReason::RxRingFull,
                                                       .n = static_cast<uint32_t>(cfg_.rx_ring_size)}});
    record_counters();
    return;
  }
  ++counters_.rx_frames;
  counters_.rx_bytes += bytes.size();
  rx_ring_.push_back(frame_id);
  counters_.rx_ring_peak = std::max(counters_.rx_ring_peak, rx_ring_.size());
  ctx_.record(TraceEvent{.host = host_, .frame = frame_id,
                         .what = trace::FrameReceived{static_cast<int64_t>(rx_ring_.size())}});
  if (!drain_scheduled_) {
    drain_scheduled_ = true;
    ctx_.queue.schedule(ctx_.now() + cfg_.drain_interval, [this] { drain_one(); });
  }
}

void Nic::drain_one() {
  drain_scheduled_ = false;
  if (rx_ring_.empty()) return;
  const uint32_t id = rx_ring_.front();
  rx_ring_.pop_front();
  ctx_.record(TraceEvent{.host = host_, .frame = id,
                         .what = trace::FrameDelivered{static_cast<int64_t>(rx_ring_.size())}});
  if (!rx_ring_.empty()) {
    drain_scheduled_ = true;
    ctx_.queue.schedule(ctx_.now() + cfg_.drain_interval, [this] { drain_one(); });
  }
  if (deliver_) deliver_(id);
}

}  // namespace synack::link
