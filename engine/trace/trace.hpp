#pragma once
// The trace: an append-only list of typed events, each stamped with simulated time
// and the host it happened on. It is the only thing the UI reads, and the source of
// every export (text, JSON lines, pcap). Frames are stored once, by id.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/time.hpp"
#include "wire/bytes.hpp"

namespace synack::trace {

inline constexpr uint16_t kNoHost = 0xffff;

enum class Ev : uint8_t {
  FrameSent,       // a NIC finished putting the frame on its cable
  FrameReceived,   // a NIC accepted the frame into its RX ring
  FrameDelivered,  // the host took the frame off the ring and handed it to IP
  FrameDropped,    // the frame died; reason and where say why
  FaultApplied,    // a fault rule acted on a frame (text: rule and action)
  LinkState,       // a cable went down or up (value: 1 up, 0 down)
  NicCounters,     // value: rx_dropped_filter, value2: rx_dropped_ring (after a drop)
  StateChange,     // a connection moved between TCP states (text: "FROM -> TO", detail: cause)
  TimerArmed,      // text: timer name, value: deadline ns
  TimerCancelled,
  TimerFired,
  AppCall,         // an application called the socket API (text: call)
  AppResult,       // what the call returned or an error reaching the app
  Memory,          // value: bytes held by the host's TCP (control blocks + buffers)
  Tcb,             // a connection's control-block variables changed: value indexes tcb_snapshots()
  Note,            // anything else worth a line
};

enum class DropReason : uint8_t {
  None,
  FaultRule,     // a fault rule's drop action
  LinkDown,      // the cable was down
  MacFilter,     // destination MAC not ours (and not promiscuous)
  RxRingFull,    // every RX descriptor in use
  TxQueueFull,   // the sender's NIC queue was full
  BadChecksum,   // IP or TCP checksum failed at the receiving host
  Malformed,     // bytes that do not decode
  NotForUs,      // IP destination is not this host
  SwitchNoPort,  // switch had no port for the destination
};

const char* to_string(Ev e);
const char* to_string(DropReason r);

// The note on every hand-made segment's frame (host::Host::inject): the ladder, the
// inspector and a capture's comment show it, and relative numbering skips its SYNs.
inline constexpr const char* kHandmadeFrameNote = "hand-made test segment";

struct FrameRecord {
  wire::Bytes bytes;
  uint16_t from_host = kNoHost;  // host whose NIC sent it (kNoHost: made by a fault)
  uint32_t copy_of = 0;          // for duplicates/corruptions: the original frame id
  std::string note;              // the sender's annotation, e.g. "retransmission #1"
  // A replayed capture's frame: its number in the capture file (from 1; 0 for a simulated
  // frame) and Wireshark's analysis marks of it in words (capture/analysis.hpp).
  uint32_t capture_frame = 0;
  std::vector<std::string> marks;
};

// The control-block variables of one connection at one moment (RFC 9293 3.3.1 names).
struct TcbSnapshot {
  uint32_t snd_una = 0, snd_nxt = 0, snd_wnd = 0, rcv_nxt = 0, rcv_wnd = 0;
  uint32_t iss = 0, irs = 0;
  uint32_t cwnd = 0, ssthresh = 0;
  int64_t rto_ns = 0, srtt_ns = 0;
  uint32_t send_buffered = 0;
  bool operator==(const TcbSnapshot&) const = default;
};

struct TraceEvent {
  sim::Time t;
  uint16_t host = kNoHost;
  Ev kind = Ev::Note;
  DropReason reason = DropReason::None;
  uint32_t frame = 0;  // frame id (1-based), 0 if none
  uint32_t conn = 0;   // connection id on that host, 0 if none
  uint32_t peer_ip = 0;  // the connection's remote IPv4 address, 0 if none (not exported)
  int64_t value = 0;
  int64_t value2 = 0;
  uint8_t code = 0;  // StateChange: the tcp::Cause, whose English is in detail (not exported)
  std::string text;
  std::string detail;
};

class Trace {
 public:
  uint16_t add_host(std::string name) {
    hosts_.push_back(std::move(name));
    return static_cast<uint16_t>(hosts_.size() - 1);
  }
  uint32_t add_frame(FrameRecord f) {
    frames_.push_back(std::move(f));
    return static_cast<uint32_t>(frames_.size());
  }
  void add(TraceEvent e) { events_.push_back(std::move(e)); }
  size_t add_snapshot(const TcbSnapshot& s) {
    snapshots_.push_back(s);
    return snapshots_.size() - 1;
  }
  const std::vector<TcbSnapshot>& tcb_snapshots() const { return snapshots_; }

  const std::vector<TraceEvent>& events() const { return events_; }
  const std::vector<std::string>& hosts() const { return hosts_; }
  const FrameRecord& frame(uint32_t id) const { return frames_[id - 1]; }
  size_t frame_count() const { return frames_.size(); }
  std::string host_name(uint16_t h) const { return h < hosts_.size() ? hosts_[h] : std::string("wire"); }

 private:
  std::vector<std::string> hosts_;
  std::vector<TraceEvent> events_;
  std::vector<FrameRecord> frames_;
  std::vector<TcbSnapshot> snapshots_;
};

}  // namespace synack::trace
