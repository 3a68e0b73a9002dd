#pragma once
// A whole Ethernet frame as synack's hosts send it: Ethernet II + ARP, or
// Ethernet II + IPv4 + TCP. Building and decoding in one place.
#include <optional>

#include "wire/arp.hpp"
#include "wire/ethernet.hpp"
#include "wire/ipv4.hpp"
#include "wire/tcp_header.hpp"

namespace synack::wire {

struct DecodedFrame {
  EthernetHeader eth;
  std::optional<ArpPacket> arp;
  std::optional<Ipv4Header> ip;
  std::optional<TcpSegment> tcp;
};

// Decodes a frame down to TCP. A non-IPv4/ARP EtherType or a non-TCP IP protocol is
// an UnsupportedType error: synack's hosts carry nothing else.
// strict_options: see decode_tcp. A viewer (no checks) reads malformed options leniently.
Result<DecodedFrame, DecodeError> decode_frame(ByteView frame, bool verify_checksums, bool strict_options);
inline Result<DecodedFrame, DecodeError> decode_frame(ByteView frame, bool verify_checksums = true) {
  return decode_frame(frame, verify_checksums, verify_checksums);
}

// A TCP frame with raw option bytes (see encode_tcp_raw_options).
Bytes build_tcp_frame_raw_options(MacAddr src_mac, MacAddr dst_mac, const Ipv4Header& ip, const TcpSegment& seg,
                                  ByteView raw_options);

Bytes build_tcp_frame(MacAddr src_mac, MacAddr dst_mac, const Ipv4Header& ip, const TcpSegment& seg);
Bytes build_arp_frame(MacAddr src_mac, MacAddr dst_mac, const ArpPacket& arp);

}  // namespace synack::wire
