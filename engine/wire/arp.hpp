#pragma once
// ARP for Ethernet and IPv4 (RFC 826).
#include "util/result.hpp"
#include "wire/addr.hpp"
#include "wire/bytes.hpp"
#include "wire/decode_error.hpp"

namespace synack::wire {

inline constexpr size_t kArpLen = 28;

struct ArpPacket {
  enum Op : uint16_t { Request = 1, Reply = 2 };
  uint16_t op = Request;
  MacAddr sender_mac;
  Ipv4Addr sender_ip;
  MacAddr target_mac;
  Ipv4Addr target_ip;
};

void encode_arp(const ArpPacket& p, Bytes& out);
Result<ArpPacket, DecodeError> decode_arp(ByteView in);

}  // namespace synack::wire
