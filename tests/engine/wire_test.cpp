#include <gtest/gtest.h>

#include <algorithm>

#include "sim/rng.hpp"
#include "wire/checksum.hpp"
#include "wire/frame.hpp"
#include "wire/pcap.hpp"
#include "wire/pcapng.hpp"

using namespace synack::wire;

namespace {

const MacAddr kMacA{{0x02, 0, 0, 0, 0, 1}};
const MacAddr kMacB{{0x02, 0, 0, 0, 0, 2}};
const Ipv4Addr kIpA = *Ipv4Addr::parse("10.0.0.1");
const Ipv4Addr kIpB = *Ipv4Addr::parse("10.0.0.2");

TcpSegment syn_segment() {
  TcpSegment s;
  s.src_port = 49152;
  s.dst_port = 80;
  s.seq = 0x12345678;
  s.flags = tcpflag::SYN;
  s.window = 65535;
  s.options.mss = 1460;
  s.options.window_scale = 7;
  s.options.sack_permitted = true;
  return s;
}

Bytes frame_of(const TcpSegment& s) {
  Ipv4Header ip;
  ip.id = 7;
  ip.src = kIpA;
  ip.dst = kIpB;
  return build_tcp_frame(kMacA, kMacB, ip, s);
}

}  // namespace

TEST(Checksum, Rfc1071Example) {
  // The worked example of RFC 1071 section 3: words 0001 f203 f4f5 f6f7 sum to ddf2.
  const Bytes data{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  EXPECT_EQ(internet_checksum(data), static_cast<uint16_t>(~0xddf2));
}

// The definition itself: 16-bit big-endian words, one at a time, odd byte padded.
uint32_t reference_sum(uint32_t sum, const Bytes& d) {
  uint64_t s = sum;
  for (size_t i = 0; i < d.size(); i += 2) s += static_cast<uint32_t>((d[i] << 8) | (i + 1 < d.size() ? d[i + 1] : 0));
  while (s >> 32) s = (s & 0xffffffff) + (s >> 32);
  return static_cast<uint32_t>(s);
}

TEST(Checksum, WordsAtATimeMatchTheDefinition) {
  // Every length from 0 to 300 (all alignments of the 16- and 4-byte loops), random
  // bytes and running sums, edge bytes (all 0x00, all 0xff), and a sum chained over
  // pieces as TCP does (pseudo-header, header, payload).
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  const auto next = [&] { return x ^= x << 13, x ^= x >> 7, x ^= x << 17, x; };
  int checked = 0;
  for (size_t len = 0; len <= 300; ++len)
    for (int fill = 0; fill < 4; ++fill) {
      Bytes d(len);
      for (uint8_t& b : d) b = fill == 0 ? 0x00 : fill == 1 ? 0xff : static_cast<uint8_t>(next());
      const uint32_t start = fill == 3 ? static_cast<uint32_t>(next()) : 0;
      ASSERT_EQ(checksum_fold(checksum_add(start, d)), checksum_fold(reference_sum(start, d)))
          << "length " << len << " fill " << fill;
      // Pieces after the first start on an even offset, as the pseudo-header and header do.
      const Bytes head(d.begin(), d.begin() + static_cast<long>(len / 4 * 2));
      const Bytes tail(d.begin() + static_cast<long>(head.size()), d.end());
      ASSERT_EQ(checksum_fold(checksum_add(checksum_add(start, head), tail)), checksum_fold(reference_sum(start, d)))
          << "chained, length " << len;
      ++checked;
    }
  EXPECT_EQ(checked, 301 * 4);
}

TEST(Addresses, ParseAndPrint) {
  EXPECT_EQ(Ipv4Addr::parse("192.168.1.20")->str(), "192.168.1.20");
  EXPECT_FALSE(Ipv4Addr::parse("256.1.1.1"));
  EXPECT_FALSE(Ipv4Addr::parse("1.2.3"));
  EXPECT_FALSE(Ipv4Addr::parse("1.2.3.4.5"));
  EXPECT_FALSE(Ipv4Addr::parse("1..2.3"));
  EXPECT_EQ(MacAddr::parse("02:00:0a:0B:00:ff")->str(), "02:00:0a:0b:00:ff");
  EXPECT_FALSE(MacAddr::parse("02:00:0a:0b:00"));
  EXPECT_FALSE(MacAddr::parse("02:00:0a:0b:00:zz"));
}

TEST(TcpWire, CommonSynHasThirtyTwoByteHeader) {
  // MSS, NOP+WS, NOP+NOP+SACK-permitted: 12 option bytes, as most stacks send without timestamps.
  const TcpSegment s = syn_segment();
  EXPECT_EQ(s.options.encoded_length(), 12u);
  EXPECT_EQ(s.header_length(), 32u);
  const Bytes f = frame_of(s);
  EXPECT_EQ(f.size(), 14u + 20u + 32u);
  EXPECT_EQ(f[14 + 20 + 12] >> 4, 8);  // data offset in 32-bit words
}

TEST(TcpWire, LinuxStyleSynWithTimestampsIsForty) {
  TcpSegment s = syn_segment();
  s.options.timestamps = Timestamps{1000, 0};
  EXPECT_EQ(s.header_length(), 40u);
}

TEST(TcpWire, RoundTripEveryOption) {
  TcpSegment s = syn_segment();
  s.flags = tcpflag::ACK | tcpflag::PSH;
  s.ack = 0xfffffff0;
  s.options.mss.reset();  // a data segment: timestamps and three SACK blocks fill the 40 bytes
  s.options.window_scale.reset();
  s.options.sack_permitted = false;
  s.options.timestamps = Timestamps{0xdeadbeef, 42};
  s.options.sack = {{100, 200}, {300, 400}, {500, 600}};
  ASSERT_EQ(s.options.encoded_length(), 40u);
  s.payload = Bytes{'h', 'e', 'l', 'l', 'o'};
  const Bytes f = frame_of(s);
  auto d = decode_frame(f);
  ASSERT_TRUE(d) << d.error().message();
  ASSERT_TRUE(d->tcp);
  const TcpSegment& r = *d->tcp;
  EXPECT_EQ(r.src_port, s.src_port);
  EXPECT_EQ(r.dst_port, s.dst_port);
  EXPECT_EQ(r.seq, s.seq);
  EXPECT_EQ(r.ack, s.ack);
  EXPECT_EQ(r.flags, s.flags);
  EXPECT_EQ(r.window, s.window);
  EXPECT_EQ(r.options, s.options);
  EXPECT_EQ(r.payload, s.payload);
  EXPECT_EQ(d->ip->src, kIpA);
  EXPECT_EQ(d->ip->dst, kIpB);
  EXPECT_EQ(d->ip->id, 7);
  EXPECT_TRUE(d->ip->dont_fragment);
  EXPECT_EQ(d->eth.src, kMacA);
  EXPECT_EQ(d->eth.dst, kMacB);
}

TEST(TcpWire, OptionsNeverExceedFortyBytes) {
  TcpSegment s = syn_segment();
  s.options.timestamps = Timestamps{1, 2};
  s.options.sack = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
  EXPECT_LE(s.options.encoded_length(), 40u);
  auto d = decode_frame(frame_of(s));
  ASSERT_TRUE(d) << d.error().message();
  EXPECT_EQ(d->tcp->options.sack.size(), 2u);  // the blocks that fit beside MSS, TS and WS
}

TEST(TcpWire, ShortFramesArePaddedAndPaddingIsIgnored) {
  TcpSegment s;
  s.flags = tcpflag::ACK;
  const Bytes f = frame_of(s);
  EXPECT_EQ(f.size(), kEthernetMinFrame);
  auto d = decode_frame(f);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->tcp->payload.empty());
}

TEST(TcpWire, FlippedByteFailsTheChecksum) {
  TcpSegment s = syn_segment();
  s.payload = Bytes(10, 'x');
  Bytes f = frame_of(s);
  f[f.size() - 1] ^= 0x01;
  auto d = decode_frame(f);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().kind, DecodeErrorKind::BadTcpChecksum);
  f[f.size() - 1] ^= 0x01;
  f[14 + 8] ^= 0x01;  // IP TTL
  auto d2 = decode_frame(f);
  ASSERT_FALSE(d2);
  EXPECT_EQ(d2.error().kind, DecodeErrorKind::BadIpChecksum);
}

TEST(TcpWire, EveryTruncationIsATypedError) {
  TcpSegment s = syn_segment();
  s.payload = Bytes(20, 'y');
  const Bytes f = frame_of(s);
  for (size_t n = 0; n < f.size(); ++n) {
    auto d = decode_frame(ByteView(f).subspan(0, n));
    EXPECT_FALSE(d) << "prefix of " << n << " bytes decoded";
  }
}

// Strict options (a receiver under the rfc profile): a malformed option fails the decode.
TEST(TcpWire, BadOptionLengthsAreRejected) {
  TcpSegment s = syn_segment();
  Bytes tcp;
  encode_tcp(s, kIpA, kIpB, tcp);
  Bytes bad = tcp;
  bad[21] = 0;  // MSS length 0
  auto d = decode_tcp(bad, kIpA, kIpB, false, true);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().kind, DecodeErrorKind::BadOptionLength);
  bad = tcp;
  bad[21] = 40;  // runs past the header
  d = decode_tcp(bad, kIpA, kIpB, false, true);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().kind, DecodeErrorKind::BadOptionLength);
  bad = tcp;
  bad[21] = 3;  // MSS must be 4 bytes
  d = decode_tcp(bad, kIpA, kIpB, false, true);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().kind, DecodeErrorKind::BadOptionValue);
  bad = tcp;
  bad[12] = 0x40;  // data offset 16 bytes
  d = decode_tcp(bad, kIpA, kIpB, false, true);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().kind, DecodeErrorKind::BadDataOffset);
}

// Lenient options (a viewer, or Linux's reading): the options before the bad one are
// kept, the rest ignored, and the reason kept beside them.
TEST(TcpWire, LenientDecodeKeepsTheOptionsBeforeABadOne) {
  TcpSegment s = syn_segment();
  s.options = TcpOptions{};
  s.options.mss = 1460;
  s.options.window_scale = 7;  // MSS at 20, NOP at 24, WS at 25
  Bytes tcp;
  encode_tcp(s, kIpA, kIpB, tcp);
  ASSERT_EQ(tcp[25], tcpopt::WSCALE);
  tcp[26] = 9;  // the window scale runs past the header
  auto d = decode_tcp(tcp, kIpA, kIpB, false);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->options.mss, uint16_t{1460});
  EXPECT_FALSE(d->options.window_scale);
  EXPECT_EQ(d->options.malformed, "bad TCP option length: option kind 3 at byte 25: length runs outside the header");
  EXPECT_FALSE(decode_tcp(tcp, kIpA, kIpB, false, true));
}

TEST(TcpWire, RandomBytesNeverCrashTheDecoder) {
  synack::sim::Rng rng(2024);
  int decoded = 0;
  for (int i = 0; i < 20000; ++i) {
    Bytes junk(rng.below(120));
    for (auto& b : junk) b = static_cast<uint8_t>(rng.next_u32());
    if (i % 2 && junk.size() > 34) {  // half of them look like IPv4/TCP to get deeper
      junk[12] = 0x08;
      junk[13] = 0x00;
      junk[14] = 0x45;
      junk[23] = 6;
    }
    auto d = decode_frame(junk, i % 3 == 0);
    if (d) ++decoded;
    else EXPECT_FALSE(d.error().message().empty());
  }
  EXPECT_LT(decoded, 20000);
}

TEST(Arp, RoundTrip) {
  ArpPacket a;
  a.op = ArpPacket::Reply;
  a.sender_mac = kMacA;
  a.sender_ip = kIpA;
  a.target_mac = kMacB;
  a.target_ip = kIpB;
  auto d = decode_frame(build_arp_frame(kMacA, kMacB, a));
  ASSERT_TRUE(d);
  ASSERT_TRUE(d->arp);
  EXPECT_EQ(d->arp->op, ArpPacket::Reply);
  EXPECT_EQ(d->arp->sender_ip, kIpA);
  EXPECT_EQ(d->arp->target_mac, kMacB);
}

TEST(Pcap, WriteThenRead) {
  PcapWriter w;
  const Bytes f = frame_of(syn_segment());
  w.add(1500000001, f);
  w.add(2000000000, f);
  auto r = read_pcap(w.bytes());
  ASSERT_TRUE(r) << r.error().message();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].time_ns, 1500000001);
  EXPECT_EQ((*r)[0].data, f);
}

TEST(Pcap, MalformedFilesGiveErrors) {
  EXPECT_EQ(read_pcap(Bytes{1, 2, 3}).error().kind, DecodeErrorKind::BadPcapHeader);
  PcapWriter w;
  w.add(0, frame_of(syn_segment()));
  Bytes cut = w.bytes();
  cut.resize(cut.size() - 5);
  EXPECT_EQ(read_pcap(cut).error().kind, DecodeErrorKind::BadPcapRecord);
  Bytes wrong_link = w.bytes();
  wrong_link[20] = 101;
  EXPECT_EQ(read_pcap(wrong_link).error().kind, DecodeErrorKind::BadPcapHeader);
  synack::sim::Rng rng(5);
  for (int i = 0; i < 2000; ++i) {
    Bytes b = w.bytes();
    b[rng.below(b.size())] = static_cast<uint8_t>(rng.next_u32());
    (void)read_pcap(b);  // must return, never crash (ASan checks the reads)
  }
}

namespace {
uint32_t u32_at(const Bytes& b, size_t at) {
  return static_cast<uint32_t>(b[at]) | (static_cast<uint32_t>(b[at + 1]) << 8) | (static_cast<uint32_t>(b[at + 2]) << 16) |
         (static_cast<uint32_t>(b[at + 3]) << 24);
}
uint16_t u16_at(const Bytes& b, size_t at) { return static_cast<uint16_t>(b[at] | (b[at + 1] << 8)); }
struct Block {
  uint32_t type;
  size_t body, end;  // body from `body` to `end` (before the trailing length)
};
// Walks the blocks, checking each one's two lengths agree and are 32-bit aligned.
std::vector<Block> blocks_of(const Bytes& f) {
  std::vector<Block> out;
  size_t at = 0;
  while (at < f.size()) {
    const uint32_t len = u32_at(f, at + 4);
    EXPECT_EQ(len % 4, 0u);
    EXPECT_LE(at + len, f.size());
    if (len % 4 || at + len > f.size() || len < 12) break;
    EXPECT_EQ(u32_at(f, at + len - 4), len);
    out.push_back({u32_at(f, at), at + 8, at + len - 4});
    at += len;
  }
  return out;
}
// The options of a block from `at`: (code, value) until opt_endofopt.
std::vector<std::pair<uint16_t, std::string>> options_at(const Bytes& f, size_t at, size_t end) {
  std::vector<std::pair<uint16_t, std::string>> out;
  while (at + 4 <= end) {
    const uint16_t code = u16_at(f, at), len = u16_at(f, at + 2);
    if (code == 0) break;
    out.emplace_back(code, std::string(f.begin() + static_cast<std::ptrdiff_t>(at + 4),
                                       f.begin() + static_cast<std::ptrdiff_t>(at + 4 + len)));
    at += 4 + ((len + 3u) & ~3u);
  }
  return out;
}
}  // namespace

TEST(Pcapng, SectionInterfaceAndPacketsWithComments) {
  PcapngWriter w("cable");
  const Bytes frame{1, 2, 3, 4, 5};  // odd length: padded to 8
  w.add(5'000'000'123LL, frame, {"retransmission #1 (timeout)", "dropped on the cable: fault rule 1"});
  w.add(7, frame);
  const Bytes& f = w.bytes();
  const std::vector<Block> b = blocks_of(f);
  ASSERT_EQ(b.size(), 4u);
  EXPECT_EQ(b[0].type, kPcapngSectionHeader);
  EXPECT_EQ(u32_at(f, b[0].body), kPcapngByteOrderMagic);
  EXPECT_EQ(u16_at(f, b[0].body + 4), 1);  // version 1.0
  EXPECT_EQ(b[1].type, kPcapngInterfaceDescription);
  EXPECT_EQ(u16_at(f, b[1].body), kLinkTypeEthernet);
  const auto idb = options_at(f, b[1].body + 8, b[1].end);
  ASSERT_EQ(idb.size(), 2u);
  EXPECT_EQ(idb[0], (std::pair<uint16_t, std::string>{2, "cable"}));
  EXPECT_EQ(idb[1], (std::pair<uint16_t, std::string>{9, std::string(1, '\x09')}));  // nanoseconds
  ASSERT_EQ(b[2].type, kPcapngEnhancedPacket);
  const uint64_t ts = (static_cast<uint64_t>(u32_at(f, b[2].body + 4)) << 32) | u32_at(f, b[2].body + 8);
  EXPECT_EQ(ts, 5'000'000'123ULL);
  EXPECT_EQ(u32_at(f, b[2].body + 12), 5u);  // captured
  EXPECT_EQ(u32_at(f, b[2].body + 16), 5u);  // on the wire
  EXPECT_TRUE(std::equal(frame.begin(), frame.end(), f.begin() + static_cast<std::ptrdiff_t>(b[2].body + 20)));
  const auto epb = options_at(f, b[2].body + 20 + 8, b[2].end);
  ASSERT_EQ(epb.size(), 2u);
  EXPECT_EQ(epb[0], (std::pair<uint16_t, std::string>{1, "retransmission #1 (timeout)"}));
  EXPECT_EQ(epb[1], (std::pair<uint16_t, std::string>{1, "dropped on the cable: fault rule 1"}));
  EXPECT_EQ(b[3].end - b[3].body, 20u + 8u);  // no comments: no options at all
}
