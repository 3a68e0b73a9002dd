#pragma once
// Ethernet II framing (no FCS: like a capture, synack's frames stop before the CRC).
#include "util/result.hpp"
#include "wire/addr.hpp"
#include "wire/bytes.hpp"
#include "wire/decode_error.hpp"

namespace synack::wire {

inline constexpr uint16_t kEtherTypeIpv4 = 0x0800;
inline constexpr uint16_t kEtherTypeArp = 0x0806;
inline constexpr size_t kEthernetHeaderLen = 14;
inline constexpr size_t kEthernetMinFrame = 60;  // 64 on the wire minus the 4-byte FCS

struct EthernetHeader {
  MacAddr dst;
  MacAddr src;
  uint16_t ethertype = kEtherTypeIpv4;
};

void encode_ethernet(const EthernetHeader& h, Bytes& out);

// Pads a complete frame to the Ethernet minimum, as a NIC does before sending.
void pad_to_minimum(Bytes& frame);

struct EthernetView {
  EthernetHeader header;
  ByteView payload;
};
Result<EthernetView, DecodeError> decode_ethernet(ByteView frame);

}  // namespace synack::wire
