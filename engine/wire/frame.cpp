#include "wire/frame.hpp"

namespace synack::wire {

Result<DecodedFrame, DecodeError> decode_frame(ByteView frame, bool verify_checksums, bool strict_options) {
  auto eth = decode_ethernet(frame);
  if (!eth) return Err(eth.error());
  DecodedFrame out;
  out.eth = eth->header;
  if (out.eth.ethertype == kEtherTypeArp) {
    auto arp = decode_arp(eth->payload);
    if (!arp) return Err(arp.error());
    out.arp = *arp;
    return out;
  }
  if (out.eth.ethertype != kEtherTypeIpv4)
    return Err(DecodeError{DecodeErrorKind::UnsupportedType, "EtherType " + std::to_string(out.eth.ethertype)});
  auto ip = decode_ipv4(eth->payload);
  if (!ip) return Err(ip.error());
  out.ip = ip->header;
  if (out.ip->protocol != kIpProtoTcp)
    return Err(DecodeError{DecodeErrorKind::UnsupportedType, "IP protocol " + std::to_string(out.ip->protocol)});
  auto tcp = decode_tcp(ip->payload, out.ip->src, out.ip->dst, verify_checksums, strict_options);
  if (!tcp) return Err(tcp.error());
  out.tcp = std::move(*tcp);
  return out;
}

Bytes build_tcp_frame(MacAddr src_mac, MacAddr dst_mac, const Ipv4Header& ip, const TcpSegment& seg) {
  Bytes tcp;
  tcp.reserve(seg.header_length() + seg.payload.size());
  encode_tcp(seg, ip.src, ip.dst, tcp);
  Bytes frame;
  frame.reserve(kEthernetHeaderLen + kIpv4HeaderLen + tcp.size());
  encode_ethernet(EthernetHeader{dst_mac, src_mac, kEtherTypeIpv4}, frame);
  encode_ipv4(ip, tcp, frame);
  pad_to_minimum(frame);
  return frame;
}

Bytes build_tcp_frame_raw_options(MacAddr src_mac, MacAddr dst_mac, const Ipv4Header& ip, const TcpSegment& seg,
                                  ByteView raw_options) {
  Bytes tcp;
  encode_tcp_raw_options(seg, raw_options, ip.src, ip.dst, tcp);
  Bytes frame;
  encode_ethernet(EthernetHeader{dst_mac, src_mac, kEtherTypeIpv4}, frame);
  encode_ipv4(ip, tcp, frame);
  pad_to_minimum(frame);
  return frame;
}

Bytes build_arp_frame(MacAddr src_mac, MacAddr dst_mac, const ArpPacket& arp) {
  Bytes frame;
  encode_ethernet(EthernetHeader{dst_mac, src_mac, kEtherTypeArp}, frame);
  encode_arp(arp, frame);
  pad_to_minimum(frame);
  return frame;
}

}  // namespace synack::wire
