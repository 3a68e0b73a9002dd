#pragma once
// Relative sequence numbers, as tcpdump and Wireshark show them: each direction of a
// connection counts from its ISN, so the SYN is seq 0 and the first data byte seq 1.
// The one place that learns ISNs: the text trace, the timeline the views draw, and the
// tests all number segments the same way.
#include <cstdint>
#include <map>
#include <tuple>
#include <utility>

#include "trace/trace.hpp"
#include "wire/frame.hpp"

namespace synack::trace {

class RelativeSeq {
 public:
  // Learns the ISN of f's direction from its SYN, as it leaves its sender. A hand-made
  // SYN is not its sender's opening: numbers stay relative to the real ISN.
  void learn(const wire::DecodedFrame& f, FrameNoteKind note);

  // The ISN of f's direction and of the reverse one (0 for one not learnt yet).
  std::pair<uint32_t, uint32_t> isns(const wire::DecodedFrame& f) const;

  // f's seq and ack made relative; ack is 0 without the ACK flag.
  struct Numbers {
    uint32_t seq = 0, ack = 0;
  };
  Numbers relative(const wire::DecodedFrame& f) const;

 private:
  using Dir = std::tuple<uint32_t, uint16_t, uint32_t, uint16_t>;  // source IP, port, destination IP, port
  std::map<Dir, uint32_t> isn_;
};

}  // namespace synack::trace
