#pragma once
// One captured packet, read down to its TCP header. Unlike wire::decode_frame (which
// checks synack's own frames strictly), this reads what real captures hold: link
// layers other than Ethernet, VLAN tags, IPv6, payloads cut by a snaplen, lengths
// left at zero by segmentation offload, checksums not yet filled in by the NIC.
// Nothing here is an error of the capture: a packet that is not TCP says why.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "wire/bytes.hpp"

namespace synack::capture {

namespace linktype {
inline constexpr uint16_t Null = 0;      // BSD loopback: 4-byte address family, writer's byte order
inline constexpr uint16_t Ethernet = 1;
inline constexpr uint16_t Ppp = 9;       // PPP: optional 0xff 0x03, then the protocol number
inline constexpr uint16_t RawOld = 12;   // some systems' DLT_RAW written as is
inline constexpr uint16_t RawOpenBsd = 14;
inline constexpr uint16_t Raw = 101;     // IPv4 or IPv6, by the version nibble
inline constexpr uint16_t CiscoHdlc = 104;  // address, control, EtherType
inline constexpr uint16_t Loop = 108;    // OpenBSD loopback: address family big-endian
inline constexpr uint16_t LinuxSll = 113;
inline constexpr uint16_t Ipv4 = 228;
inline constexpr uint16_t Ipv6 = 229;
inline constexpr uint16_t LinuxSll2 = 276;
}  // namespace linktype

// An endpoint's address: IPv4 in the last four bytes with the rest zero, or IPv6.
struct IpAddr {
  std::array<uint8_t, 16> b{};
  bool v6 = false;
  bool operator==(const IpAddr& o) const { return v6 == o.v6 && b == o.b; }
  bool operator<(const IpAddr& o) const { return v6 != o.v6 ? v6 < o.v6 : b < o.b; }
  uint32_t v4() const {
    return (static_cast<uint32_t>(b[12]) << 24) | (static_cast<uint32_t>(b[13]) << 16) |
           (static_cast<uint32_t>(b[14]) << 8) | b[15];
  }
  std::string str() const;
};

struct Endpoint {
  IpAddr ip;
  uint16_t port = 0;
  bool operator==(const Endpoint& o) const { return ip == o.ip && port == o.port; }
  bool operator<(const Endpoint& o) const { return ip == o.ip ? port < o.port : ip < o.ip; }
  std::string str() const;  // "10.0.0.1:80", "[2001:db8::1]:80"
};

enum class ChecksumStatus : uint8_t { Good, Bad, Unchecked };  // unchecked: segment cut short

struct TcpPacket {
  Endpoint src, dst;
  uint32_t seq = 0, ack = 0;
  uint8_t flags = 0;
  uint16_t window = 0;
  std::optional<uint16_t> mss;
  std::optional<uint8_t> window_scale;
  bool sack_permitted = false;
  bool has_sack = false;
  std::optional<uint32_t> ts_val;
  uint32_t payload_length = 0;   // as the IP header says (what was sent)
  uint32_t payload_captured = 0; // how much of it the capture kept
  size_t ip_offset = 0;          // where the IP header starts in the captured bytes
  size_t payload_offset = 0;     // where the TCP payload starts in the captured bytes
  bool ip_length_zero = false;   // IPv4 total length 0: a segmentation-offload super-packet
  ChecksumStatus checksum = ChecksumStatus::Unchecked;
  uint32_t seq_len() const {
    return payload_length + ((flags & 0x02) ? 1 : 0) + ((flags & 0x01) ? 1 : 0);
  }
};

enum class NotTcp : uint8_t {
  UnknownLinkType,  // a link type synack does not read
  NotIp,            // ARP, LLDP, ...: not IP
  OtherProtocol,    // IP, but UDP, ICMP, ...
  Fragment,         // an IP fragment (not reassembled)
  Malformed,        // headers that do not hold together
};
const char* to_string(NotTcp n);

struct Decoded {
  std::optional<TcpPacket> tcp;
  NotTcp why = NotTcp::Malformed;  // when tcp is empty
  std::string detail;              // for Malformed and UnknownLinkType
};

Decoded decode_packet(uint16_t link_type, wire::ByteView bytes);

}  // namespace synack::capture
