#include "capture/packet.hpp"

#include <cstdio>

#include "wire/checksum.hpp"

namespace synack::capture {

namespace {

constexpr uint16_t kEtherIpv4 = 0x0800, kEtherIpv6 = 0x86dd, kEtherVlan = 0x8100, kEtherQinQ = 0x88a8;

uint16_t be16(wire::ByteView b, size_t at) { return static_cast<uint16_t>((b[at] << 8) | b[at + 1]); }
uint32_t be32(wire::ByteView b, size_t at) {
  return (static_cast<uint32_t>(be16(b, at)) << 16) | be16(b, at + 2);
}

Decoded not_tcp(NotTcp why, std::string detail = {}) { return Decoded{std::nullopt, why, std::move(detail)}; }

// BSD address families for IPv6 differ by system (24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS).
bool af_inet6(uint32_t af) { return af == 24 || af == 28 || af == 30 || af == 10; }

// The TCP header and options at `at`; `avail` bytes of the segment were captured.
Decoded decode_tcp_at(wire::ByteView b, size_t ip_at, size_t at, uint32_t segment_length, TcpPacket p,
                      uint32_t pseudo_sum) {
  if (b.size() - at < 20) return not_tcp(NotTcp::Malformed, "TCP header cut short by the capture");
  p.ip_offset = ip_at;
  p.src.port = be16(b, at);
  p.dst.port = be16(b, at + 2);
  p.seq = be32(b, at + 4);
  p.ack = be32(b, at + 8);
  const size_t doff = static_cast<size_t>(b[at + 12] >> 4) * 4;
  p.flags = b[at + 13];
  p.window = be16(b, at + 14);
  if (doff < 20 || doff > segment_length)
    return not_tcp(NotTcp::Malformed, "TCP data offset " + std::to_string(doff) + " with a " +
                                          std::to_string(segment_length) + "-byte segment");
  // A short snaplen may cut the options: read those that are there.
  const size_t opt_end = at + doff < b.size() ? at + doff : b.size();
  for (size_t o = at + 20; o < opt_end;) {
    const uint8_t kind = b[o];
    if (kind == 0) break;
    if (kind == 1) {
      ++o;
      continue;
    }
    if (o + 1 >= opt_end) break;
    const uint8_t len = b[o + 1];
    if (len < 2 || o + len > opt_end) break;  // a broken option ends the list, as stacks do
    if (kind == 2 && len == 4) p.mss = be16(b, o + 2);
    if (kind == 3 && len == 3) p.window_scale = b[o + 2];
    if (kind == 4 && len == 2) p.sack_permitted = true;
    if (kind == 5) p.has_sack = true;
    if (kind == 8 && len == 10) p.ts_val = be32(b, o + 2);
    o += len;
  }
  p.payload_offset = at + doff;
  p.payload_length = segment_length - static_cast<uint32_t>(doff);
  const size_t have = b.size() - at;
  p.payload_captured = static_cast<uint32_t>(have >= segment_length ? p.payload_length : have > doff ? have - doff : 0);
  if (have >= segment_length) {
    const uint32_t sum = wire::checksum_add(pseudo_sum, b.subspan(at, segment_length));
    p.checksum = wire::checksum_fold(sum) == 0 ? ChecksumStatus::Good : ChecksumStatus::Bad;
  }
  return Decoded{std::move(p), NotTcp::Malformed, {}};
}

Decoded decode_ipv4_at(wire::ByteView b, size_t at) {
  if (b.size() - at < 20) return not_tcp(NotTcp::Malformed, "IPv4 header cut short");
  if ((b[at] >> 4) != 4) return not_tcp(NotTcp::Malformed, "IP version " + std::to_string(b[at] >> 4) + " where 4 was expected");
  const size_t ihl = static_cast<size_t>(b[at] & 0x0f) * 4;
  if (ihl < 20 || b.size() - at < ihl) return not_tcp(NotTcp::Malformed, "IPv4 header length " + std::to_string(ihl));
  uint32_t total = be16(b, at + 2);
  TcpPacket p;
  if (total == 0) {
    // Segmentation offload hands the capture one large packet with the length not yet set.
    p.ip_length_zero = true;
    total = static_cast<uint32_t>(b.size() - at);
  }
  if (total < ihl) return not_tcp(NotTcp::Malformed, "IPv4 total length " + std::to_string(total) + " below its header");
  const uint16_t frag = be16(b, at + 6);
  if ((frag & 0x2000) || (frag & 0x1fff)) return not_tcp(NotTcp::Fragment);
  if (b[at + 9] != 6) return not_tcp(NotTcp::OtherProtocol, "IP protocol " + std::to_string(b[at + 9]));
  for (int i = 0; i < 4; ++i) {
    p.src.ip.b[12 + i] = b[at + 12 + i];
    p.dst.ip.b[12 + i] = b[at + 16 + i];
  }
  const uint32_t seg = total - static_cast<uint32_t>(ihl);
  const uint32_t pseudo = wire::pseudo_header_sum(wire::Ipv4Addr{p.src.ip.v4()}, wire::Ipv4Addr{p.dst.ip.v4()}, 6,
                                                  static_cast<uint16_t>(seg));
  return decode_tcp_at(b, at, at + ihl, seg, std::move(p), pseudo);
}

Decoded decode_ipv6_at(wire::ByteView b, size_t at) {
  if (b.size() - at < 40) return not_tcp(NotTcp::Malformed, "IPv6 header cut short");
  if ((b[at] >> 4) != 6) return not_tcp(NotTcp::Malformed, "IP version " + std::to_string(b[at] >> 4) + " where 6 was expected");
  TcpPacket p;
  p.src.ip.v6 = p.dst.ip.v6 = true;
  for (int i = 0; i < 16; ++i) {
    p.src.ip.b[i] = b[at + 8 + i];
    p.dst.ip.b[i] = b[at + 24 + i];
  }
  uint32_t payload = be16(b, at + 4);
  if (payload == 0) {
    p.ip_length_zero = true;
    payload = static_cast<uint32_t>(b.size() - at - 40);
  }
  uint8_t next = b[at + 6];
  size_t o = at + 40;
  // Hop-by-hop, routing and destination options headers: skipped by their length.
  while (next == 0 || next == 43 || next == 60) {
    if (b.size() - o < 8 || payload < o - at - 40 + 8) return not_tcp(NotTcp::Malformed, "IPv6 extension header cut short");
    const size_t len = (static_cast<size_t>(b[o + 1]) + 1) * 8;
    next = b[o];
    o += len;
    if (o > b.size() || o - at - 40 > payload) return not_tcp(NotTcp::Malformed, "IPv6 extension header runs past the packet");
  }
  if (next == 44) return not_tcp(NotTcp::Fragment);
  if (next != 6) return not_tcp(NotTcp::OtherProtocol, "IPv6 next header " + std::to_string(next));
  const uint32_t seg = payload - static_cast<uint32_t>(o - at - 40);
  uint32_t pseudo = wire::checksum_add(0, wire::ByteView(b.data() + at + 8, 32));
  const uint8_t tail[8] = {static_cast<uint8_t>(seg >> 24), static_cast<uint8_t>(seg >> 16),
                           static_cast<uint8_t>(seg >> 8),  static_cast<uint8_t>(seg), 0, 0, 0, 6};
  pseudo = wire::checksum_add(pseudo, wire::ByteView(tail, 8));
  return decode_tcp_at(b, at, o, seg, std::move(p), pseudo);
}

Decoded decode_ip_at(wire::ByteView b, size_t at, uint16_t ethertype) {
  if (ethertype == kEtherIpv4) return decode_ipv4_at(b, at);
  if (ethertype == kEtherIpv6) return decode_ipv6_at(b, at);
  char buf[32];
  std::snprintf(buf, sizeof buf, "EtherType 0x%04x", ethertype);
  return not_tcp(NotTcp::NotIp, buf);
}

Decoded decode_by_version(wire::ByteView b, size_t at) {
  if (b.size() <= at) return not_tcp(NotTcp::Malformed, "empty packet");
  const int v = b[at] >> 4;
  if (v == 4) return decode_ipv4_at(b, at);
  if (v == 6) return decode_ipv6_at(b, at);
  return not_tcp(NotTcp::Malformed, "IP version " + std::to_string(v));
}

}  // namespace

const char* to_string(NotTcp n) {
  switch (n) {
    case NotTcp::UnknownLinkType: return "link type not read";
    case NotTcp::NotIp: return "not IP";
    case NotTcp::OtherProtocol: return "IP but not TCP";
    case NotTcp::Fragment: return "IP fragment";
    case NotTcp::Malformed: return "malformed";
  }
  return "?";
}

std::string IpAddr::str() const {
  char buf[48];
  if (!v6) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
    return buf;
  }
  // RFC 5952: the longest run of two or more zero groups becomes "::".
  uint16_t g[8];
  for (int i = 0; i < 8; ++i) g[i] = static_cast<uint16_t>((b[2 * i] << 8) | b[2 * i + 1]);
  int best = -1, best_len = 1;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j == i ? i + 1 : j;
  }
  std::string s;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      s += "::";
      i += best_len - 1;
      continue;
    }
    if (!s.empty() && s.back() != ':') s += ':';
    std::snprintf(buf, sizeof buf, "%x", g[i]);
    s += buf;
  }
  return s;
}

std::string Endpoint::str() const {
  return ip.v6 ? "[" + ip.str() + "]:" + std::to_string(port) : ip.str() + ":" + std::to_string(port);
}

Decoded decode_packet(uint16_t link_type, wire::ByteView b) {
  switch (link_type) {
    case linktype::Ethernet: {
      if (b.size() < 14) return not_tcp(NotTcp::Malformed, "Ethernet header cut short");
      size_t at = 12;
      uint16_t type = be16(b, at);
      // Up to two VLAN tags (802.1Q, 802.1ad), 4 bytes each.
      for (int tags = 0; (type == kEtherVlan || type == kEtherQinQ) && tags < 2; ++tags) {
        if (b.size() < at + 6) return not_tcp(NotTcp::Malformed, "VLAN tag cut short");
        at += 4;
        type = be16(b, at);
      }
      return decode_ip_at(b, at + 2, type);
    }
    case linktype::Ppp: {
      size_t at = b.size() >= 2 && b[0] == 0xff && b[1] == 0x03 ? 2 : 0;
      if (b.size() < at + 2) return not_tcp(NotTcp::Malformed, "PPP header cut short");
      const uint16_t proto = be16(b, at);
      if (proto == 0x0021) return decode_ipv4_at(b, at + 2);
      if (proto == 0x0057) return decode_ipv6_at(b, at + 2);
      return not_tcp(NotTcp::NotIp, "PPP protocol " + std::to_string(proto));
    }
    case linktype::CiscoHdlc:
      if (b.size() < 4) return not_tcp(NotTcp::Malformed, "Cisco HDLC header cut short");
      return decode_ip_at(b, 4, be16(b, 2));
    case linktype::LinuxSll:
      if (b.size() < 16) return not_tcp(NotTcp::Malformed, "Linux cooked header cut short");
      return decode_ip_at(b, 16, be16(b, 14));
    case linktype::LinuxSll2:
      if (b.size() < 20) return not_tcp(NotTcp::Malformed, "Linux cooked v2 header cut short");
      return decode_ip_at(b, 20, be16(b, 0));
    case linktype::Raw:
    case linktype::RawOld:
    case linktype::RawOpenBsd: return decode_by_version(b, 0);
    case linktype::Ipv4: return decode_ipv4_at(b, 0);
    case linktype::Ipv6: return decode_ipv6_at(b, 0);
    case linktype::Null:
    case linktype::Loop: {
      if (b.size() < 4) return not_tcp(NotTcp::Malformed, "loopback header cut short");
      const uint32_t big = be32(b, 0);
      const uint32_t little = (big >> 24) | ((big >> 8) & 0xff00) | ((big << 8) & 0xff0000) | (big << 24);
      // NULL is in the capturing machine's byte order; LOOP is always big-endian.
      const uint32_t af = link_type == linktype::Loop ? big : (little <= 0xffff ? little : big);
      if (af == 2) return decode_ipv4_at(b, 4);
      if (af_inet6(af)) return decode_ipv6_at(b, 4);
      return not_tcp(NotTcp::NotIp, "address family " + std::to_string(af));
    }
    default: return not_tcp(NotTcp::UnknownLinkType, "link type " + std::to_string(link_type));
  }
}

}  // namespace synack::capture
