#pragma once
// Wireshark's TCP analysis of a captured connection: per segment, the marks its
// "tcp.analysis" flags give (retransmission, duplicate ACK, zero window, ...), by the
// rules of tcp_analyze_sequence_number in Wireshark's packet-tcp.c, each quoted where it
// is applied. Like Wireshark, the rules look only at what one direction sent before and
// what the other direction last said: they are heuristics of a capture point, not the
// tracker's inference of each end's state, and they run in capture order.
#include <cstdint>
#include <string>
#include <vector>

#include "capture/tracker.hpp"
#include "trace/trace.hpp"

namespace synack::capture {

enum class Mark : uint16_t {
  Retransmission = 1 << 0,
  FastRetransmission = 1 << 1,
  SpuriousRetransmission = 1 << 2,
  OutOfOrder = 1 << 3,
  LostSegment = 1 << 4,   // Wireshark: "previous segment not captured"
  AckedUnseen = 1 << 5,   // Wireshark: "ACKed unseen segment"
  DuplicateAck = 1 << 6,
  ZeroWindow = 1 << 7,
  ZeroWindowProbe = 1 << 8,
  ZeroWindowProbeAck = 1 << 9,
  WindowUpdate = 1 << 10,
  KeepAlive = 1 << 11,
  KeepAliveAck = 1 << 12,
};

struct Marks {
  uint16_t bits = 0;
  uint32_t dup_ack_num = 0;  // DuplicateAck: the how-manieth duplicate (1, 2, ...)
  size_t dup_ack_of = 0;     // DuplicateAck: the segment index of the ACK it duplicates
  bool has(Mark m) const { return (bits & static_cast<uint16_t>(m)) != 0; }
  void set(Mark m) { bits |= static_cast<uint16_t>(m); }
};

// One Marks per tracked segment, in the same order.
std::vector<Marks> analyze(const std::vector<Segment>& segments);

// The marks as the trace keeps them, in Wireshark's order (trace::mark_text says them:
// "fast retransmission", "duplicate ACK 2 of frame 17"); a frame is named by its number
// in the capture file (from 1, as Wireshark numbers it).
std::vector<trace::Mark> describe(const Marks& m, const std::vector<Segment>& segments);

}  // namespace synack::capture
