#include "wire/ethernet.hpp"

namespace synack::wire {

void encode_ethernet(const EthernetHeader& h, Bytes& out) {
  Writer w(out);
  w.bytes(h.dst.b);
  w.bytes(h.src.b);
  w.u16(h.ethertype);
}

void pad_to_minimum(Bytes& frame) {
  if (frame.size() < kEthernetMinFrame) frame.resize(kEthernetMinFrame, 0);
}

Result<EthernetView, DecodeError> decode_ethernet(ByteView frame) {
  if (frame.size() < kEthernetHeaderLen)
    return Err(DecodeError{DecodeErrorKind::Truncated,
                           "Ethernet header needs 14 bytes, frame has " + std::to_string(frame.size())});
  EthernetView v;
  for (size_t i = 0; i < 6; ++i) {
    v.header.dst.b[i] = frame[i];
    v.header.src.b[i] = frame[6 + i];
  }
  v.header.ethertype = load_u16(frame, 12);
  v.payload = frame.subspan(kEthernetHeaderLen);
  return v;
}

}  // namespace synack::wire
