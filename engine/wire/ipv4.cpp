#include "wire/ipv4.hpp"

#include "wire/checksum.hpp"

namespace synack::wire {

void encode_ipv4(Ipv4Header h, ByteView payload, Bytes& out) {
  const size_t start = out.size();
  Writer w(out);
  w.u8(0x45);  // version 4, IHL 5
  w.u8(h.tos);
  w.u16(static_cast<uint16_t>(kIpv4HeaderLen + payload.size()));
  w.u16(h.id);
  uint16_t frag = h.fragment_offset & 0x1fff;
  if (h.dont_fragment) frag |= 0x4000;
  if (h.more_fragments) frag |= 0x2000;
  w.u16(frag);
  w.u8(h.ttl);
  w.u8(h.protocol);
  w.u16(0);  // checksum, filled below
  w.u32(h.src.v);
  w.u32(h.dst.v);
  const uint16_t sum = internet_checksum(ByteView(out).subspan(start, kIpv4HeaderLen));
  store_u16(out, start + 10, sum);
  w.bytes(payload);
}

Result<Ipv4View, DecodeError> decode_ipv4(ByteView in) {
  if (in.size() < kIpv4HeaderLen)
    return Err(DecodeError{DecodeErrorKind::Truncated, "IPv4 header needs 20 bytes, got " + std::to_string(in.size())});
  const uint8_t vihl = in[0];
  if ((vihl >> 4) != 4) return Err(DecodeError{DecodeErrorKind::BadVersion, "version " + std::to_string(vihl >> 4)});
  const size_t ihl = static_cast<size_t>(vihl & 0x0f) * 4;
  if (ihl < kIpv4HeaderLen || ihl > in.size())
    return Err(DecodeError{DecodeErrorKind::BadHeaderLength, "IHL gives " + std::to_string(ihl) + " bytes"});
  Ipv4View v;
  Ipv4Header& h = v.header;
  h.header_length = static_cast<uint8_t>(ihl);
  h.tos = in[1];
  h.total_length = load_u16(in, 2);
  if (h.total_length < ihl || h.total_length > in.size())
    return Err(DecodeError{DecodeErrorKind::BadTotalLength, "total length " + std::to_string(h.total_length) +
                                                                " with " + std::to_string(in.size()) + " bytes present"});
  h.id = load_u16(in, 4);
  const uint16_t frag = load_u16(in, 6);
  h.dont_fragment = (frag & 0x4000) != 0;
  h.more_fragments = (frag & 0x2000) != 0;
  h.fragment_offset = frag & 0x1fff;
  h.ttl = in[8];
  h.protocol = in[9];
  h.checksum = load_u16(in, 10);
  h.src.v = (static_cast<uint32_t>(load_u16(in, 12)) << 16) | load_u16(in, 14);
  h.dst.v = (static_cast<uint32_t>(load_u16(in, 16)) << 16) | load_u16(in, 18);
  if (internet_checksum(in.subspan(0, ihl)) != 0)
    return Err(DecodeError{DecodeErrorKind::BadIpChecksum, "header checksum does not verify"});
  if (h.more_fragments || h.fragment_offset != 0) return Err(DecodeError{DecodeErrorKind::Fragmented, ""});
  v.payload = in.subspan(ihl, h.total_length - ihl);
  return v;
}

}  // namespace synack::wire
