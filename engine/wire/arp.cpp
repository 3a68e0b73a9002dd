#include "wire/arp.hpp"

#include "wire/ethernet.hpp"

namespace synack::wire {

void encode_arp(const ArpPacket& p, Bytes& out) {
  Writer w(out);
  w.u16(1);                // hardware type: Ethernet
  w.u16(kEtherTypeIpv4);  // protocol type: IPv4
  w.u8(6);
  w.u8(4);
  w.u16(p.op);
  w.bytes(p.sender_mac.b);
  w.u32(p.sender_ip.v);
  w.bytes(p.target_mac.b);
  w.u32(p.target_ip.v);
}

Result<ArpPacket, DecodeError> decode_arp(ByteView in) {
  if (in.size() < kArpLen)
    return Err(DecodeError{DecodeErrorKind::Truncated, "ARP needs 28 bytes, got " + std::to_string(in.size())});
  Reader r(in);
  const uint16_t htype = r.u16(), ptype = r.u16();
  const uint8_t hlen = r.u8(), plen = r.u8();
  if (htype != 1 || ptype != kEtherTypeIpv4 || hlen != 6 || plen != 4)
    return Err(DecodeError{DecodeErrorKind::UnsupportedType, "ARP is not Ethernet/IPv4"});
  ArpPacket p;
  p.op = r.u16();
  if (p.op != ArpPacket::Request && p.op != ArpPacket::Reply)
    return Err(DecodeError{DecodeErrorKind::UnsupportedType, "ARP op " + std::to_string(p.op)});
  for (auto& b : p.sender_mac.b) b = r.u8();
  p.sender_ip.v = r.u32();
  for (auto& b : p.target_mac.b) b = r.u8();
  p.target_ip.v = r.u32();
  return p;
}

}  // namespace synack::wire
