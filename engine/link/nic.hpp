#pragma once
// A NIC: it serializes frames onto its cable at the line rate from a TX queue, and
// on receive checks the destination MAC (dropping frames for others unless
// promiscuous) and stores frames in an RX ring of N descriptors that the host drains
// at a fixed rate. When frames arrive faster than the host takes them, the ring
// fills and the NIC drops: the frame reached the link layer and died there.
#include <deque>
#include <functional>

#include "link/context.hpp"
#include "wire/addr.hpp"

namespace synack::link {

class Cable;

struct NicConfig {
  wire::MacAddr mac;
  bool promiscuous = false;
  uint64_t rate_bps = 100'000'000;  // 100 Mb/s
  size_t tx_queue_frames = 1000;
  size_t rx_ring_size = 256;
  sim::Duration drain_interval{};  // time the host takes per frame; 0: at once
};

struct NicCounters {
  uint64_t tx_frames = 0, tx_bytes = 0, tx_dropped = 0;
  uint64_t rx_frames = 0, rx_bytes = 0;
  uint64_t rx_dropped_filter = 0, rx_dropped_ring = 0;
  size_t rx_ring_peak = 0;
};

class Nic final : public FrameSink {
 public:
  using Deliver = std::function<void(uint32_t frame_id)>;

  Nic(Context ctx, uint16_t host, NicConfig cfg) : ctx_(ctx), host_(host), cfg_(cfg) {}

  void attach(Cable* cable, int side) {
    cable_ = cable;
    side_ = side;
  }
  void on_deliver(Deliver d) { deliver_ = std::move(d); }

  // Queues a frame for transmission; false (and a drop in the trace) if the queue is full.
  bool transmit(uint32_t frame_id);

  void frame_arrives(uint32_t frame_id) override;

  const NicConfig& config() const { return cfg_; }
  NicConfig& config() { return cfg_; }
  const NicCounters& counters() const { return counters_; }
  size_t rx_ring_used() const { return rx_ring_.size(); }
  size_t tx_queue_used() const { return tx_queue_.size(); }

 private:
  void start_next_transmission();
  void drain_one();
  void record_counters();

  Context ctx_;
  uint16_t host_;
  NicConfig cfg_;
  Cable* cable_ = nullptr;
  int side_ = 0;
  Deliver deliver_;
  NicCounters counters_;
  std::deque<uint32_t> tx_queue_;
  bool transmitting_ = false;
  std::deque<uint32_t> rx_ring_;
  bool drain_scheduled_ = false;
};

}  // namespace synack::link
