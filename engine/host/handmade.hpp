#pragma once
// A hand-made segment: one TCP segment built field by field and put on the cable from a
// host's NIC, beside (not through) that host's TCP. It expresses what the other stacks'
// test suites send to a stack under test (packetdrill's injected packets): an in-window
// RST, a SYN to an open connection, an MSS option of 0, a bad checksum. The receiver's
// answer is real TCP; the segment itself is an injected test segment.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"
#include "wire/addr.hpp"
#include "wire/bytes.hpp"

namespace synack::host {

// A sequence or acknowledgment number: absolute, or relative to the sending host's
// connection (its ISN, SND.UNA, SND.NXT, RCV.NXT, or the peer's ISN).
struct SeqValue {
  enum class Base { Absolute, Isn, SndUna, SndNxt, RcvNxt, PeerIsn };
  Base base = Base::Absolute;
  int64_t offset = 0;  // the number itself when absolute
  bool relative() const { return base != Base::Absolute; }
  std::string str() const;
};
// "12345", "isn", "isn+1", "snd.una", "snd.nxt-1", "rcv.nxt", "rcv.nxt+100", "peer.isn+1".
std::optional<SeqValue> parse_seq_value(std::string_view s);
inline constexpr const char* kSeqValueForms =
    "a number (0 to 4294967295) or one of isn, snd.una, snd.nxt, rcv.nxt, peer.isn with an optional +N or -N";

// "SYN,ACK", "RST", "FIN+ACK", "none": flag names separated by ',' or '+'.
std::optional<uint8_t> parse_flags(std::string_view s);

// One option of the `options` list, as bytes (not padded): "mss=1460", "wscale=7",
// "sack-permitted", "ts=100,0", "nop", "eol", or raw bytes "hex=02 03 05" for malformed
// ones (an MSS of bad length, an unknown kind, a length that runs past the header).
Result<wire::Bytes, std::string> parse_option(std::string_view s);
inline constexpr const char* kOptionForms =
    "mss=N, wscale=N, sack-permitted, ts=VAL,ECR, nop, eol, or hex=\"02 04 05 b4\" (raw bytes)";

struct HandmadeSegment {
  // The sending host's socket whose four-tuple and numbers the segment uses (0: its
  // newest connection). Without one, `to`, `port` and `src_port` name the four-tuple.
  int socket = 0;
  std::optional<wire::Ipv4Addr> to;
  uint16_t port = 0;
  uint16_t src_port = 0;
  uint8_t flags = 0;
  SeqValue seq{SeqValue::Base::SndNxt, 0};
  SeqValue ack{SeqValue::Base::RcvNxt, 0};
  std::optional<uint16_t> window;  // default: the window the connection would announce
  uint32_t len = 0;                // payload bytes (the senders' test pattern)
  wire::Bytes options;             // raw option bytes, at most 40
  bool bad_checksum = false;
  // "RST seq=rcv.nxt+10 ack=rcv.nxt len 0, bad checksum": for the trace and the UI.
  std::string describe() const;
};

}  // namespace synack::host
