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
Result<DecodedFrame, DecodeError> decode_frame(ByteView frame, bool verify_checksums = true);

Bytes build_tcp_frame(MacAddr src_mac, MacAddr dst_mac, const Ipv4Header& ip, const TcpSegment& seg);
Bytes build_arp_frame(MacAddr src_mac, MacAddr dst_mac, const ArpPacket& arp);

}  // namespace synack::wire
