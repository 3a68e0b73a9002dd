#pragma once
// The TCP header and its options (RFC 9293 section 3.1; MSS RFC 9293 3.7.1, window
// scale and timestamps RFC 7323, SACK RFC 2018). A segment is a value: header fields,
// decoded options and the payload bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"
#include "wire/addr.hpp"
#include "wire/bytes.hpp"
#include "wire/decode_error.hpp"

namespace synack::wire {

namespace tcpflag {
inline constexpr uint8_t FIN = 0x01;
inline constexpr uint8_t SYN = 0x02;
inline constexpr uint8_t RST = 0x04;
inline constexpr uint8_t PSH = 0x08;
inline constexpr uint8_t ACK = 0x10;
inline constexpr uint8_t URG = 0x20;
inline constexpr uint8_t ECE = 0x40;
inline constexpr uint8_t CWR = 0x80;
}  // namespace tcpflag

namespace tcpopt {
inline constexpr uint8_t EOL = 0;
inline constexpr uint8_t NOP = 1;
inline constexpr uint8_t MSS = 2;
inline constexpr uint8_t WSCALE = 3;
inline constexpr uint8_t SACK_PERMITTED = 4;
inline constexpr uint8_t SACK = 5;
inline constexpr uint8_t TIMESTAMPS = 8;
}  // namespace tcpopt

struct SackBlock {
  uint32_t left = 0;
  uint32_t right = 0;
  bool operator==(const SackBlock&) const = default;
};

struct Timestamps {
  uint32_t value = 0;
  uint32_t echo_reply = 0;
  bool operator==(const Timestamps&) const = default;
};

// Where one option sits in the header (filled by the decoder, for the inspector).
struct OptionSpan {
  uint8_t kind = 0;
  uint8_t offset = 0;  // from the start of the TCP header
  uint8_t length = 0;
};

struct TcpOptions {
  std::optional<uint16_t> mss;
  std::optional<uint8_t> window_scale;
  bool sack_permitted = false;
  std::vector<SackBlock> sack;  // at most 4 fit; the encoder sends at most 3 with timestamps
  std::optional<Timestamps> timestamps;
  std::vector<OptionSpan> layout;  // decode only: ignored by the encoder and by ==
  // Decode only, when options are read leniently: why reading stopped at a malformed
  // option (the options before it are kept, the rest ignored); empty if none was.
  std::string malformed;
  bool operator==(const TcpOptions& o) const {
    return mss == o.mss && window_scale == o.window_scale && sack_permitted == o.sack_permitted &&
           sack == o.sack && timestamps == o.timestamps;
  }
  // Encoded length in bytes (always a multiple of 4).
  size_t encoded_length() const;
};

struct TcpSegment {
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint32_t seq = 0;
  uint32_t ack = 0;
  uint8_t flags = 0;
  uint16_t window = 0;
  uint16_t checksum = 0;  // filled by encode; as received by decode
  uint16_t urgent = 0;
  TcpOptions options;
  Bytes payload;

  bool has(uint8_t f) const { return (flags & f) == f; }
  size_t header_length() const { return 20 + options.encoded_length(); }
  // Sequence space the segment occupies: payload plus one for SYN and one for FIN.
  uint32_t seq_len() const {
    return static_cast<uint32_t>(payload.size()) + (has(tcpflag::SYN) ? 1 : 0) + (has(tcpflag::FIN) ? 1 : 0);
  }
};

// Appends the segment with a checksum over the IPv4 pseudo-header of src/dst.
void encode_tcp(const TcpSegment& s, Ipv4Addr src, Ipv4Addr dst, Bytes& out);

// Appends the segment with `raw_options` as its option bytes instead of s.options
// (padded with EOL to a multiple of 4; at most 40 bytes), for hand-made segments whose
// options may be malformed on purpose.
void encode_tcp_raw_options(const TcpSegment& s, ByteView raw_options, Ipv4Addr src, Ipv4Addr dst, Bytes& out);

// Decodes a segment; checks the checksum when verify_checksum is set. A malformed option
// fails the decode when strict_options is set; otherwise reading the options stops there
// (options.malformed says why), as Linux's parser does, and the segment is kept.
Result<TcpSegment, DecodeError> decode_tcp(ByteView in, Ipv4Addr src, Ipv4Addr dst, bool verify_checksum,
                                           bool strict_options);
// A receiver's checks (checksum and options) or a viewer's (neither).
inline Result<TcpSegment, DecodeError> decode_tcp(ByteView in, Ipv4Addr src, Ipv4Addr dst, bool verify = true) {
  return decode_tcp(in, src, dst, verify, verify);
}

// "SYN,ACK" style names, in the order S F R P . (ACK last) as people read them.
std::string flags_string(uint8_t flags);

}  // namespace synack::wire
