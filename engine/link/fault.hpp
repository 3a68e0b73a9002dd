#pragma once
// Faults are data: a rule is a match (which frames) and an action (what happens to
// them). The same rules come from scenario files and from the UI's fault panel.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/time.hpp"
#include "trace/trace.hpp"
#include "wire/frame.hpp"

namespace synack::link {

enum class FlagMatch : uint8_t {
  Any,      // every frame
  Syn,      // SYN without ACK: a connection request
  SynAck,   // SYN with ACK: the server's reply
  PureAck,  // ACK only, no payload, no SYN/FIN/RST
  Data,     // carries payload
  Fin,      // FIN set (with or without ACK)
  Rst,      // RST set
};
const char* to_string(FlagMatch m);
std::optional<FlagMatch> parse_flag_match(const std::string& s);
// Whether a TCP segment with these flags and this much payload is of the class: the one
// definition that faults (on the wire) and lesson stops (on a timeline) both match by.
bool flags_match(FlagMatch m, uint8_t tcp_flags, size_t payload_len);

struct FaultMatch {
  uint16_t from_host = trace::kNoHost;  // kNoHost: either direction
  FlagMatch flags = FlagMatch::Any;
  uint32_t nth = 0;  // 0: every matching frame; n: only the nth (1-based)
  uint32_t chance_ppm = 1000000;  // of the frames that match, the share hit (per million)
  std::optional<uint32_t> seq_from;  // absolute sequence numbers, [from, to]
  std::optional<uint32_t> seq_to;
  sim::Time after{0};
  sim::Time before{std::numeric_limits<int64_t>::max()};
};

enum class FaultActionKind : uint8_t { Drop, Delay, Duplicate, Reorder, Corrupt, LinkDown };
const char* to_string(FaultActionKind k);
std::optional<FaultActionKind> parse_fault_action(const std::string& s);

struct FaultAction {
  FaultActionKind kind = FaultActionKind::Drop;
  sim::Duration amount{};  // Delay: extra delay; Duplicate: gap to the copy; Reorder: longest hold; LinkDown: how long
  std::optional<uint32_t> byte;  // Corrupt: frame offset to flip; default the segment's last byte
};

struct FaultRule {
  std::string name;
  FaultMatch match;
  FaultAction action;
  bool enabled = true;
  uint32_t matched = 0;  // frames that met the match so far (drives nth)
  uint32_t applied = 0;  // times the action was taken
  trace::FaultDesc desc() const;  // for the trace, which says it in words
};

// Does a frame sent by `from` at time `now` meet the match, ignoring nth?
bool frame_matches(const FaultMatch& m, const wire::DecodedFrame* frame, uint16_t from, sim::Time now);

}  // namespace synack::link
