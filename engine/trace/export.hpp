#pragma once
// Views of a trace: tcpdump-like text, JSON lines, and pcap. Each is a pure function
// of the trace, so the same trace always exports to the same bytes.
#include <string>

#include "trace/trace.hpp"
#include "wire/bytes.hpp"

namespace synack::trace {

struct TextOptions {
  bool relative_seq = true;  // sequence numbers relative to each side's ISN, as Wireshark shows them
  bool tcb = false;          // a line for every change of a connection's variables
};

// One line per event.
std::string to_text(const Trace& t, TextOptions opts = {});
// One JSON object per line.
std::string to_json_lines(const Trace& t);
// Every frame as it left its sender's NIC, timestamped when its first bit went out.
wire::Bytes to_pcap(const Trace& t);

// A one-line summary of a frame, e.g. "10.0.0.1.49152 > 10.0.0.2.80: Flags [S], seq 0, ...".
// isn_fwd/isn_rev make seq/ack relative (pass 0 for absolute).
std::string describe_frame(const wire::Bytes& frame, uint32_t isn_fwd = 0, uint32_t isn_rev = 0);

}  // namespace synack::trace
