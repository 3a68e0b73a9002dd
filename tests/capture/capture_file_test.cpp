// The capture reader on hand-built files: every format variant, link type and kind of
// broken input, each checked for the value or the error (offset and words) it gives.
#include <gtest/gtest.h>

#include "capture/packet.hpp"
#include "capture/streams.hpp"
#include "capture_builders.hpp"
#include "wire/capture_file.hpp"
#include "wire/checksum.hpp"

using namespace synack;
using namespace synack::testcap;
using wire::read_capture;

namespace {

Bytes syn_frame() { return ethernet_frame(segment(wire::tcpflag::SYN, 1000, 0)); }

void expect_syn(const capture::Decoded& d) {
  ASSERT_TRUE(d.tcp.has_value()) << capture::to_string(d.why) << " " << d.detail;
  EXPECT_EQ(d.tcp->src.str(), "10.0.0.1:49152");
  EXPECT_EQ(d.tcp->dst.str(), "10.0.0.2:80");
  EXPECT_EQ(d.tcp->seq, 1000u);
  EXPECT_EQ(d.tcp->flags, wire::tcpflag::SYN);
  EXPECT_EQ(d.tcp->mss, std::optional<uint16_t>(1460));
  EXPECT_EQ(d.tcp->checksum, capture::ChecksumStatus::Good);
}

std::string error_of(const Bytes& f, uint64_t limit = wire::kMaxCaptureBytes) {
  auto r = read_capture(f, limit);
  return r ? std::string("no error") : r.error().message();
}

}  // namespace

TEST(CaptureFile, PcapBothByteOrdersAndResolutions) {
  for (bool big : {false, true})
    for (bool nanos : {false, true}) {
      Bytes f = pcap_header(big, nanos, 1);
      pcap_record(f, big, 7, nanos ? 123456789 : 123456, syn_frame());
      pcap_record(f, big, 8, 0, syn_frame(), 1514);
      auto r = read_capture(f);
      ASSERT_TRUE(r) << r.error().message();
      EXPECT_EQ(r->format, wire::CaptureFormat::Pcap);
      ASSERT_EQ(r->packets.size(), 2u);
      EXPECT_EQ(r->packets[0].time_ns, nanos ? 7123456789 : 7123456000) << big << nanos;
      EXPECT_EQ(r->packets[1].time_ns, 8000000000);
      EXPECT_EQ(r->packets[1].original, 1514u);
      EXPECT_EQ(r->packets[0].offset, 24u + 16u);
      EXPECT_EQ(r->link_type(r->packets[0]), 1);
      expect_syn(capture::decode_packet(1, r->bytes(f, r->packets[0])));
    }
}

TEST(CaptureFile, PcapngInterfacesResolutionsAndBlocks) {
  for (bool big : {false, true}) {
    const Bytes eth = syn_frame(), ip = ip_packet(eth);
    Bytes f = cat({shb(big), idb(big, 1),           // interface 0: Ethernet, microseconds (default)
                   idb(big, 228, 9),                // interface 1: raw IPv4, nanoseconds
                   idb(big, 101, 0x80 | 20),        // interface 2: raw IP, 2^-20 s
                   epb(big, 0, 5000001, eth),       // 5.000001 s
                   block(big, 0x00000bad, Bytes{1, 2, 3, 4, 5}),  // unknown: skipped by length
                   epb(big, 1, 5000000002, ip),     // 5.000000002 s
                   epb(big, 2, 3ull << 20 | (1 << 19), ip),  // 3.5 s
                   spb(big, eth)});
    auto r = read_capture(f);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->format, wire::CaptureFormat::Pcapng);
    ASSERT_EQ(r->interfaces.size(), 3u);
    ASSERT_EQ(r->packets.size(), 4u);
    EXPECT_EQ(r->skipped_blocks, 1u);
    EXPECT_EQ(r->packets[0].time_ns, 5000001000);
    EXPECT_EQ(r->packets[1].time_ns, 5000000002);
    EXPECT_EQ(r->packets[2].time_ns, 3500000000);
    EXPECT_EQ(r->packets[3].time_ns, 3500000000) << "a simple packet block keeps the last time";
    EXPECT_EQ(r->link_type(r->packets[1]), 228);
    EXPECT_EQ(r->link_type(r->packets[3]), 1);
    expect_syn(capture::decode_packet(r->link_type(r->packets[0]), r->bytes(f, r->packets[0])));
    expect_syn(capture::decode_packet(r->link_type(r->packets[1]), r->bytes(f, r->packets[1])));
    expect_syn(capture::decode_packet(r->link_type(r->packets[2]), r->bytes(f, r->packets[2])));
    expect_syn(capture::decode_packet(r->link_type(r->packets[3]), r->bytes(f, r->packets[3])));
  }
}

TEST(CaptureFile, PcapngSectionsInDifferentByteOrders) {
  const Bytes eth = syn_frame();
  Bytes f = cat({shb(false), idb(false, 1), epb(false, 0, 1000000, eth),
                 shb(true), idb(true, 228, 9), epb(true, 0, 2000000000, ip_packet(eth))});
  auto r = read_capture(f);
  ASSERT_TRUE(r) << r.error().message();
  ASSERT_EQ(r->packets.size(), 2u);
  EXPECT_EQ(r->packets[1].interface, 1u) << "a new section's interface 0 is the file's second";
  EXPECT_EQ(r->packets[1].time_ns, 2000000000);
  expect_syn(capture::decode_packet(r->link_type(r->packets[1]), r->bytes(f, r->packets[1])));
}

TEST(CaptureFile, EveryLinkType) {
  const Bytes eth = syn_frame(), ip = ip_packet(eth);
  auto with = [&](Bytes head) {
    head.insert(head.end(), ip.begin(), ip.end());
    return head;
  };
  expect_syn(capture::decode_packet(capture::linktype::Ethernet, eth));
  Bytes vlan(eth.begin(), eth.begin() + 12);
  vlan.insert(vlan.end(), {0x81, 0x00, 0x00, 0x05, 0x08, 0x00});
  vlan.insert(vlan.end(), ip.begin(), ip.end());
  expect_syn(capture::decode_packet(capture::linktype::Ethernet, vlan));
  expect_syn(capture::decode_packet(capture::linktype::Raw, ip));
  expect_syn(capture::decode_packet(capture::linktype::Ipv4, ip));
  expect_syn(capture::decode_packet(capture::linktype::Null, with({2, 0, 0, 0})));  // little-endian AF_INET
  expect_syn(capture::decode_packet(capture::linktype::Null, with({0, 0, 0, 2})));  // big-endian writer
  expect_syn(capture::decode_packet(capture::linktype::Loop, with({0, 0, 0, 2})));
  // SLL: packet type, ARPHRD, address length, 8 address bytes, protocol.
  expect_syn(capture::decode_packet(capture::linktype::LinuxSll,
                                    with({0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00})));
  // SLL2: protocol, reserved, interface index, ARPHRD, packet type, address length, 8 bytes.
  expect_syn(capture::decode_packet(capture::linktype::LinuxSll2,
                                    with({0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0})));
  expect_syn(capture::decode_packet(capture::linktype::Ppp, with({0xff, 0x03, 0x00, 0x21})));
  expect_syn(capture::decode_packet(capture::linktype::Ppp, with({0x00, 0x21})));
  expect_syn(capture::decode_packet(capture::linktype::CiscoHdlc, with({0x0f, 0x00, 0x08, 0x00})));
  const auto loop_wrong = capture::decode_packet(capture::linktype::Loop, with({2, 0, 0, 0}));
  EXPECT_FALSE(loop_wrong.tcp) << "LOOP is big-endian: family 0x02000000 is not AF_INET";
  const auto unknown = capture::decode_packet(147, eth);
  EXPECT_EQ(unknown.why, capture::NotTcp::UnknownLinkType);
}

TEST(CaptureFile, Ipv6AndNonTcp) {
  // An IPv6 SYN, raw: 2001:db8::1 port 1234 -> 2001:db8::2 port 443, checksum filled by hand.
  Bytes v6 = {0x60, 0, 0, 0, 0, 20, 6, 64};
  for (int h : {1, 2}) {
    v6.insert(v6.end(), {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    v6.back() = static_cast<uint8_t>(h);
  }
  const Bytes tcp = {0x04, 0xd2, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0};
  v6.insert(v6.end(), tcp.begin(), tcp.end());
  uint32_t sum = wire::checksum_add(0, wire::ByteView(v6.data() + 8, 32));
  const uint8_t tail[8] = {0, 0, 0, 20, 0, 0, 0, 6};
  sum = wire::checksum_add(sum, wire::ByteView(tail, 8));
  sum = wire::checksum_add(sum, wire::ByteView(v6.data() + 40, 20));
  wire::store_u16(v6, 56, wire::checksum_fold(sum));
  const auto d = capture::decode_packet(capture::linktype::Raw, v6);
  ASSERT_TRUE(d.tcp) << d.detail;
  EXPECT_EQ(d.tcp->src.str(), "[2001:db8::1]:1234");
  EXPECT_EQ(d.tcp->checksum, capture::ChecksumStatus::Good);
  v6[57] ^= 1;
  EXPECT_EQ(capture::decode_packet(capture::linktype::Raw, v6).tcp->checksum, capture::ChecksumStatus::Bad);

  Bytes udp = ip_packet(syn_frame());
  udp[9] = 17;
  EXPECT_EQ(capture::decode_packet(capture::linktype::Raw, udp).why, capture::NotTcp::OtherProtocol);
  Bytes arp(60, 0);
  arp[12] = 0x08;
  arp[13] = 0x06;
  EXPECT_EQ(capture::decode_packet(capture::linktype::Ethernet, arp).why, capture::NotTcp::NotIp);
  Bytes frag = ip_packet(syn_frame());
  frag[6] = 0x20;  // more fragments
  EXPECT_EQ(capture::decode_packet(capture::linktype::Raw, frag).why, capture::NotTcp::Fragment);

  // The stream list counts what it skips, and a file with no TCP at all is an error.
  Bytes f = pcap_header(false, false, 1);
  pcap_record(f, false, 1, 0, arp);
  auto cap = read_capture(f);
  ASSERT_TRUE(cap);
  auto none = capture::list_streams(*cap, f);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message(), "at byte 0: 1 packets, none of them TCP (1 not IP): a capture with TCP segments expected");
  pcap_record(f, false, 2, 0, syn_frame());
  cap = read_capture(f);
  auto one = capture::list_streams(*cap, f);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->tcp_packets, 1u);
  EXPECT_EQ(one->not_tcp[static_cast<int>(capture::NotTcp::NotIp)], 1u);
}

TEST(CaptureFile, SnaplenCutAndOffloadLengths) {
  const Bytes full = ethernet_frame(segment(wire::tcpflag::ACK | wire::tcpflag::PSH, 5, 9, 400));
  const Bytes cut(full.begin(), full.begin() + 96);
  const auto d = capture::decode_packet(1, cut);
  ASSERT_TRUE(d.tcp);
  EXPECT_EQ(d.tcp->payload_length, 400u);
  EXPECT_EQ(d.tcp->payload_captured, 96u - 54u);
  EXPECT_EQ(d.tcp->checksum, capture::ChecksumStatus::Unchecked);
  Bytes zero = full;
  zero[16] = zero[17] = 0;  // IP total length 0, as TSO super-packets are captured
  const auto z = capture::decode_packet(1, zero);
  ASSERT_TRUE(z.tcp);
  EXPECT_TRUE(z.tcp->ip_length_zero);
  EXPECT_EQ(z.tcp->payload_length, 400u);
}

TEST(CaptureFile, BrokenFilesNameTheOffsetAndWhatWasExpected) {
  EXPECT_EQ(error_of({}), "at byte 0: file has 0 bytes, expected a pcap or pcapng header");
  EXPECT_EQ(error_of({'G', 'I', 'F', '8', '9', 'a'}),
            "at byte 0: magic number 0x47494638 is neither pcap (a1b2c3d4, a1b23c4d, either byte order) nor pcapng (0a0d0d0a)");
  Bytes head = pcap_header(false, false, 1);
  EXPECT_EQ(error_of(Bytes(head.begin(), head.begin() + 10)),
            "at byte 10: pcap file header cut short: 24 bytes expected, the file has 10");
  Bytes f = head;
  pcap_record(f, false, 1, 0, syn_frame());
  EXPECT_EQ(error_of(Bytes(f.begin(), f.end() - 5)), "at byte 32: record claims 60 bytes, the file ends after 55");
  EXPECT_EQ(error_of(Bytes(f.begin(), f.begin() + 30)),
            "at byte 24: a record header needs 16 bytes, the file ends after 6");
  Bytes absurd = head;
  pcap_record(absurd, false, 1, 0, syn_frame());
  absurd[32] = 0xf0;
  absurd[33] = absurd[34] = absurd[35] = 0xff;
  EXPECT_EQ(error_of(absurd), "at byte 32: record claims 4294967280 captured bytes, at most 262144 expected");
  Bytes micro = head;
  pcap_record(micro, false, 1, 1000000, syn_frame());
  auto carried = read_capture(micro);
  ASSERT_TRUE(carried);
  EXPECT_EQ(carried->packets[0].time_ns, 2000000000) << "1 s + 1000000 us, carried as libpcap does";
  Bytes v3 = head;
  v3[4] = 3;
  EXPECT_EQ(error_of(v3), "at byte 4: pcap version 3, expected 2");
  EXPECT_EQ(error_of(f, 50), "at byte 50: file has 100 bytes, at most 50 (0 MiB) are read");

  const Bytes ng = cat({shb(false), idb(false, 1), epb(false, 0, 1, syn_frame())});
  Bytes bad_len = ng;
  // Section header 28 bytes (0-27), interface 24 (28-51), enhanced packet 92 (52-143).
  bad_len[28 + 4] = 13;  // the IDB (at 28) claims 13 bytes
  EXPECT_EQ(error_of(bad_len), "at byte 32: block length 13, expected a multiple of 4 and at least 12");
  Bytes huge = ng;
  huge[28 + 7] = 0x7f;
  EXPECT_EQ(error_of(huge), "at byte 32: block length 2130706456, the file ends after 116");
  Bytes trailer = ng;
  trailer[trailer.size() - 4] = 1;
  EXPECT_EQ(error_of(trailer), "at byte 140: block's trailing length 1, expected its leading length 92");
  Bytes bom = ng;
  bom[8] = 0x99;
  EXPECT_EQ(error_of(bom), "at byte 8: section header's byte-order magic is 0x1a2b3c99, expected 0x1a2b3c4d");
  const Bytes no_idb = cat({shb(false), epb(false, 0, 1, syn_frame())});
  EXPECT_EQ(error_of(no_idb), "at byte 36: packet names interface 0, the section has declared 0");
  Bytes cut_ng(ng.begin(), ng.end() - 3);
  EXPECT_EQ(error_of(cut_ng), "at byte 56: block length 92, the file ends after 89");
  Bytes epb_len = ng;
  epb_len[52 + 8 + 12] = 0xff;  // captured length 0x...ff beyond the block
  EXPECT_EQ(error_of(epb_len), "at byte 60: packet claims 255 bytes, its block holds 60");
}

TEST(CaptureFile, AnyPrefixOrFlippedByteGivesAValueOrAnError) {
  const Bytes ng = cat({shb(true), idb(true, 113, 9), epb(true, 0, 99, syn_frame()), spb(true, syn_frame())});
  Bytes p = pcap_header(true, true, 276);
  pcap_record(p, true, 1, 2, syn_frame());
  for (const Bytes& f : {ng, p}) {
    for (size_t n = 0; n <= f.size(); ++n) (void)read_capture(wire::ByteView(f.data(), n));
    for (size_t i = 0; i < f.size(); ++i) {
      Bytes g = f;
      g[i] ^= 0xff;
      auto r = read_capture(g);
      if (r)
        for (const auto& pk : r->packets) (void)capture::decode_packet(r->link_type(pk), r->bytes(g, pk));
    }
  }
}
