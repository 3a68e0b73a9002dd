// The trace's text and capture views on hand-made traces: each line of the text keeps
// its columns apart, and pcapng says what became of each frame.
#include <gtest/gtest.h>

#include <string>

#include "trace/export.hpp"
#include "wire/frame.hpp"
#include "wire/pcapng.hpp"

using namespace synack;
using trace::Ev;

namespace {
// An ARP request: the smallest frame that decodes.
wire::Bytes arp_frame() {
  wire::ArpPacket a;
  a.op = wire::ArpPacket::Request;
  a.sender_mac = wire::MacAddr{{2, 0, 0, 0, 0, 1}};
  a.sender_ip = *wire::Ipv4Addr::parse("10.0.0.1");
  a.target_ip = *wire::Ipv4Addr::parse("10.0.0.2");
  return wire::build_arp_frame(a.sender_mac, wire::MacAddr::broadcast(), a);
}
// The comments of each packet block of a pcapng file, in order.
std::vector<std::vector<std::string>> comments_of(const wire::Bytes& f) {
  auto u32 = [&](size_t at) {
    return static_cast<uint32_t>(f[at]) | (static_cast<uint32_t>(f[at + 1]) << 8) | (static_cast<uint32_t>(f[at + 2]) << 16) |
           (static_cast<uint32_t>(f[at + 3]) << 24);
  };
  std::vector<std::vector<std::string>> out;
  for (size_t at = 0; at + 12 <= f.size(); at += u32(at + 4)) {
    if (u32(at) != wire::kPcapngEnhancedPacket) continue;
    const size_t end = at + u32(at + 4) - 4;
    size_t o = at + 28 + ((u32(at + 20) + 3u) & ~3u);
    out.emplace_back();
    while (o + 4 <= end) {
      const uint16_t code = static_cast<uint16_t>(f[o] | (f[o + 1] << 8)), len = static_cast<uint16_t>(f[o + 2] | (f[o + 3] << 8));
      if (code == 0) break;
      if (code == 1) out.back().emplace_back(f.begin() + static_cast<std::ptrdiff_t>(o + 4), f.begin() + static_cast<std::ptrdiff_t>(o + 4 + len));
      o += 4 + ((len + 3u) & ~3u);
    }
  }
  return out;
}
}  // namespace

TEST(TextTrace, ALongHostNameIsStillFollowedByASpace) {
  trace::Trace t;
  const uint16_t h = t.add_host("client97");
  const uint16_t g = t.add_host("client100");
  t.add(trace::TraceEvent{.t = sim::Time{1}, .host = h, .kind = Ev::StateChange, .conn = 3, .text = "LISTEN -> SYN-RCVD"});
  t.add(trace::TraceEvent{.t = sim::Time{2}, .host = g, .kind = Ev::AppCall, .conn = 4, .text = "close()"});
  const std::string text = trace::to_text(t);
  EXPECT_NE(text.find("client97 conn 3 LISTEN -> SYN-RCVD"), std::string::npos) << text;
  EXPECT_NE(text.find("client100 app 4 close()"), std::string::npos) << text;
}

// One frame lost on the cable, one retransmitted that arrives, one that reaches the
// other host's NIC only to find its ring full.
TEST(Pcapng, EachFrameSaysWhatBecameOfIt) {
  trace::Trace t;
  const uint16_t a = t.add_host("client"), b = t.add_host("server");
  const uint32_t f1 = t.add_frame({arp_frame(), a, 0, ""});
  const uint32_t f2 = t.add_frame({arp_frame(), a, 0, "retransmission #1 (timeout)"});
  const uint32_t f3 = t.add_frame({arp_frame(), b, 0, ""});
  t.add({.t = sim::Time{10}, .host = a, .kind = Ev::FrameSent, .frame = f1});
  t.add({.t = sim::Time{12}, .host = a, .kind = Ev::FaultApplied, .frame = f1, .text = "fault rule 1: lose it"});
  t.add({.t = sim::Time{12}, .host = a, .kind = Ev::FrameDropped, .reason = trace::DropReason::FaultRule, .frame = f1,
         .text = "fault rule 1: lose it", .detail = "cable"});
  t.add({.t = sim::Time{20}, .host = a, .kind = Ev::FrameSent, .frame = f2});
  t.add({.t = sim::Time{25}, .host = b, .kind = Ev::FrameReceived, .frame = f2});
  t.add({.t = sim::Time{30}, .host = b, .kind = Ev::FrameSent, .frame = f3});
  t.add({.t = sim::Time{35}, .host = a, .kind = Ev::FrameDropped, .reason = trace::DropReason::RxRingFull, .frame = f3,
         .text = "NIC rx ring full (4 descriptors)", .detail = "nic-rx"});
  using C = std::vector<std::vector<std::string>>;
  EXPECT_EQ(comments_of(trace::to_pcapng(t)),
            (C{{"dropped on the cable: fault rule 1: lose it"}, {"retransmission #1 (timeout)"},
               {"dropped at client: NIC rx ring full (4 descriptors)"}}));
  // At the client: what it sent (both), not the frame its ring turned away.
  EXPECT_EQ(comments_of(trace::to_pcapng(t, a)), (C{{}, {"retransmission #1 (timeout)"}}));
  // At the server: the retransmission that reached it, and what it sent.
  EXPECT_EQ(comments_of(trace::to_pcapng(t, b)), (C{{"retransmission #1 (timeout)"}, {}}));
}
