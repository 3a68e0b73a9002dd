#pragma once
// Hand-built capture files for the importer's tests: pcap and pcapng in either byte
// order, frames of every link type the importer reads, each byte written out here.
#include <cstdint>
#include <string>
#include <vector>

#include "wire/frame.hpp"

namespace synack::testcap {

using wire::Bytes;

struct Out {
  Bytes b;
  bool big = false;
  void u8(uint8_t v) { b.push_back(v); }
  void u16(uint16_t v) {
    if (big) {
      u8(static_cast<uint8_t>(v >> 8));
      u8(static_cast<uint8_t>(v));
    } else {
      u8(static_cast<uint8_t>(v));
      u8(static_cast<uint8_t>(v >> 8));
    }
  }
  void u32(uint32_t v) {
    if (big) {
      u16(static_cast<uint16_t>(v >> 16));
      u16(static_cast<uint16_t>(v));
    } else {
      u16(static_cast<uint16_t>(v));
      u16(static_cast<uint16_t>(v >> 16));
    }
  }
  void bytes(const Bytes& x) { b.insert(b.end(), x.begin(), x.end()); }
  void pad4() {
    while (b.size() % 4) u8(0);
  }
};

inline Bytes pcap_header(bool big, bool nanos, uint32_t link, uint32_t snaplen = 65535) {
  Out o{{}, big};
  o.u32(nanos ? 0xa1b23c4d : 0xa1b2c3d4);
  o.u16(2);
  o.u16(4);
  o.u32(0);
  o.u32(0);
  o.u32(snaplen);
  o.u32(link);
  return o.b;
}

inline void pcap_record(Bytes& file, bool big, uint32_t sec, uint32_t frac, const Bytes& data,
                        uint32_t orig = 0) {
  Out o{{}, big};
  o.u32(sec);
  o.u32(frac);
  o.u32(static_cast<uint32_t>(data.size()));
  o.u32(orig ? orig : static_cast<uint32_t>(data.size()));
  o.bytes(data);
  file.insert(file.end(), o.b.begin(), o.b.end());
}

// pcapng blocks: type, total length, body (padded), total length.
inline Bytes block(bool big, uint32_t type, const Bytes& body) {
  Out o{{}, big};
  o.u32(type);
  const uint32_t len = static_cast<uint32_t>(12 + ((body.size() + 3) & ~size_t{3}));
  o.u32(len);
  o.bytes(body);
  o.pad4();
  o.u32(len);
  return o.b;
}

inline Bytes shb(bool big) {
  Out o{{}, big};
  o.u32(0x1a2b3c4d);
  o.u16(1);
  o.u16(0);
  o.u32(0xffffffff);  // section length unknown (-1)
  o.u32(0xffffffff);
  return block(big, 0x0a0d0d0a, o.b);
}

// tsresol < 0: no if_tsresol option (the default, microseconds).
inline Bytes idb(bool big, uint16_t link, int tsresol = -1, uint32_t snaplen = 0) {
  Out o{{}, big};
  o.u16(link);
  o.u16(0);
  o.u32(snaplen);
  if (tsresol >= 0) {
    o.u16(9);
    o.u16(1);
    o.u8(static_cast<uint8_t>(tsresol));
    o.pad4();
  }
  o.u16(0);  // opt_endofopt
  o.u16(0);
  return block(big, 1, o.b);
}

inline Bytes epb(bool big, uint32_t iface, uint64_t ts, const Bytes& data, uint32_t orig = 0) {
  Out o{{}, big};
  o.u32(iface);
  o.u32(static_cast<uint32_t>(ts >> 32));
  o.u32(static_cast<uint32_t>(ts));
  o.u32(static_cast<uint32_t>(data.size()));
  o.u32(orig ? orig : static_cast<uint32_t>(data.size()));
  o.bytes(data);
  return block(big, 6, o.b);
}

inline Bytes spb(bool big, const Bytes& data) {
  Out o{{}, big};
  o.u32(static_cast<uint32_t>(data.size()));
  o.bytes(data);
  return block(big, 3, o.b);
}

inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A TCP segment from 10.0.0.1:49152 to 10.0.0.2:80 (or back, reverse = true) in Ethernet.
inline wire::TcpSegment segment(uint8_t flags, uint32_t seq, uint32_t ack, size_t payload = 0, bool reverse = false) {
  wire::TcpSegment s;
  s.src_port = reverse ? 80 : 49152;
  s.dst_port = reverse ? 49152 : 80;
  s.seq = seq;
  s.ack = ack;
  s.flags = flags;
  s.window = 65535;
  if (flags & wire::tcpflag::SYN) s.options.mss = 1460;
  s.payload.assign(payload, 0x61);
  return s;
}

inline Bytes ethernet_frame(const wire::TcpSegment& s, bool reverse = false) {
  wire::Ipv4Header ip;
  ip.src = *wire::Ipv4Addr::parse(reverse ? "10.0.0.2" : "10.0.0.1");
  ip.dst = *wire::Ipv4Addr::parse(reverse ? "10.0.0.1" : "10.0.0.2");
  const wire::MacAddr a{{2, 0, 0, 0, 0, 1}}, b{{2, 0, 0, 0, 0, 2}};
  return wire::build_tcp_frame(reverse ? b : a, reverse ? a : b, ip, s);
}

// The IPv4 packet inside an Ethernet frame built above (its padding cut off).
inline Bytes ip_packet(const Bytes& eth) {
  const size_t total = (static_cast<size_t>(eth[16]) << 8) | eth[17];
  return Bytes(eth.begin() + 14, eth.begin() + 14 + static_cast<std::ptrdiff_t>(total));
}

}  // namespace synack::testcap
