#pragma once
// Why a byte string is not a valid frame. Every decoder returns one of these, never
// undefined behaviour, whatever the input.
#include <string>

namespace synack::wire {

enum class DecodeErrorKind {
  Truncated,          // fewer bytes than a header or a length field claims
  UnsupportedType,    // an EtherType, ARP hardware/protocol or IP protocol synack does not model
  BadVersion,         // IPv4 version field is not 4
  BadHeaderLength,    // IPv4 IHL below 5 or beyond the packet
  BadTotalLength,     // IPv4 total length smaller than the header or larger than the frame
  BadIpChecksum,
  Fragmented,         // IPv4 fragments are not reassembled by synack
  BadDataOffset,      // TCP data offset below 5 or beyond the segment
  BadOptionLength,    // a TCP option whose length byte is impossible
  BadOptionValue,     // a TCP option whose fixed length does not match its kind
  BadTcpChecksum,
  BadPcapHeader,      // not a pcap file, or an unsupported link type / version
  BadPcapRecord,      // a record header whose lengths are impossible
};

struct DecodeError {
  DecodeErrorKind kind;
  std::string detail;  // what was found, where
  std::string message() const;
};

const char* to_string(DecodeErrorKind k);

}  // namespace synack::wire
