#include "link/nic.hpp"

#include <algorithm>

#include "link/cable.hpp"
#include "wire/ethernet.hpp"

namespace synack::link {

using trace::DropReason;
using trace::Ev;
using trace::TraceEvent;

bool Nic::transmit(uint32_t frame_id) {
  if (tx_queue_.size() >= cfg_.tx_queue_frames) {
    ++counters_.tx_dropped;
    ctx_.record(TraceEvent{.host = host_, .kind = Ev::FrameDropped, .reason = DropReason::TxQueueFull,
                           .frame = frame_id, .text = "NIC tx queue full", .detail = "nic-tx"});
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
  ctx_.record(TraceEvent{.host = host_, .kind = Ev::FrameSent, .frame = id, .value = last_bit.ns,
                         .value2 = (last_bit + prop).ns});
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
      ctx_.record(TraceEvent{.host = host_, .kind = Ev::FrameDropped, .reason = DropReason::MacFilter,
                             .frame = frame_id, .text = "NIC: destination MAC " + dst.str() + " is not ours",
                             .detail = "nic-rx"});
      ctx_.record(TraceEvent{.host = host_, .kind = Ev::NicCounters,
                             .value = static_cast<int64_t>(counters_.rx_dropped_filter),
                             .value2 = static_cast<int64_t>(counters_.rx_dropped_ring)});
      return;
    }
  }
  if (rx_ring_.size() >= cfg_.rx_ring_size) {
    ++counters_.rx_dropped_ring;
    ctx_.record(TraceEvent{.host = host_, .kind = Ev::FrameDropped, .reason = DropReason::RxRingFull,
                           .frame = frame_id, .value = static_cast<int64_t>(cfg_.rx_ring_size),
                           .text = "NIC rx ring full (" + std::to_string(cfg_.rx_ring_size) + " descriptors)",
                           .detail = "nic-rx"});
    ctx_.record(TraceEvent{.host = host_, .kind = Ev::NicCounters,
                           .value = static_cast<int64_t>(counters_.rx_dropped_filter),
                           .value2 = static_cast<int64_t>(counters_.rx_dropped_ring)});
    return;
  }
  ++counters_.rx_frames;
  counters_.rx_bytes += bytes.size();
  rx_ring_.push_back(frame_id);
  counters_.rx_ring_peak = std::max(counters_.rx_ring_peak, rx_ring_.size());
  ctx_.record(TraceEvent{.host = host_, .kind = Ev::FrameReceived, .frame = frame_id,
                         .value = static_cast<int64_t>(rx_ring_.size())});
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
  ctx_.record(TraceEvent{.host = host_, .kind = Ev::FrameDelivered, .frame = id,
                         .value = static_cast<int64_t>(rx_ring_.size())});
  if (!rx_ring_.empty()) {
    drain_scheduled_ = true;
    ctx_.queue.schedule(ctx_.now() + cfg_.drain_interval, [this] { drain_one(); });
  }
  if (deliver_) deliver_(id);
}

}  // namespace synack::link
