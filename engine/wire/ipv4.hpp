#pragma once
// IPv4 header (RFC 791): no options are sent; received options are skipped.
#include "util/result.hpp"
#include "wire/addr.hpp"
#include "wire/bytes.hpp"
#include "wire/decode_error.hpp"

namespace synack::wire {

inline constexpr uint8_t kIpProtoTcp = 6;
inline constexpr size_t kIpv4HeaderLen = 20;

struct Ipv4Header {
  uint8_t tos = 0;
  uint16_t total_length = 0;  // filled by encode; checked by decode
  uint16_t id = 0;
  bool dont_fragment = true;
  bool more_fragments = false;
  uint16_t fragment_offset = 0;  // in 8-byte units
  uint8_t ttl = 64;
  uint8_t protocol = kIpProtoTcp;
  uint16_t checksum = 0;  // filled by encode; as received by decode
  Ipv4Addr src;
  Ipv4Addr dst;
  uint8_t header_length = kIpv4HeaderLen;  // bytes, as received
};

// Appends header (with a correct checksum) then payload.
void encode_ipv4(Ipv4Header h, ByteView payload, Bytes& out);

struct Ipv4View {
  Ipv4Header header;
  ByteView payload;  // exactly total_length - header_length bytes (Ethernet padding cut off)
};
Result<Ipv4View, DecodeError> decode_ipv4(ByteView in);

}  // namespace synack::wire
