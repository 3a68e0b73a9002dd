// The trace's text and capture views on hand-made traces: each line of the text keeps
// its columns apart, and pcapng says what became of each frame.
#include <gtest/gtest.h>

#include <string>

#include "trace/export.hpp"
#include "wire/frame.hpp"
#include "wire/pcapng.hpp"

using namespace synack;

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
  trace::TraceEvent change = trace::state_change(3, tcp::State::Listen, tcp::State::SynReceived, tcp::Cause::SynInListen);
  change.t = sim::Time{1};
  change.host = h;
  t.add(change);
  t.add(trace::TraceEvent{.t = sim::Time{2}, .host = g, .conn = 4, .what = trace::AppCall{.call = trace::Call::Close}});
  const std::string text = trace::to_text(t);
  EXPECT_NE(text.find("client97 conn 3 LISTEN -> SYN-RCVD"), std::string::npos) << text;
  EXPECT_NE(text.find("client100 app 4 close()"), std::string::npos) << text;
}

// One frame lost on the cable, one retransmitted that arrives, one that reaches the
// other host's NIC only to find its ring full.
TEST(Pcapng, EachFrameSaysWhatBecameOfIt) {
  trace::Trace t;
  const uint16_t a = t.add_host("client"), b = t.add_host("server");
  const uint32_t f1 = t.add_frame({arp_frame(), a, 0, {}});
  const uint32_t f2 = t.add_frame(
      {arp_frame(), a, 0, {.kind = trace::FrameNoteKind::Retransmission, .cause = trace::RetransmitCause::Timeout, .n = 1}});
  const uint32_t f3 = t.add_frame({arp_frame(), b, 0, {}});
  t.add({.t = sim::Time{10}, .host = a, .frame = f1, .what = trace::FrameSent{}});
  t.set_fault_rule(1, {.name = "lose it", .action = "drop", .flags = "any"});
  t.add({.t = sim::Time{12}, .host = a, .frame = f1, .what = trace::FaultApplied{1}});
  t.add({.t = sim::Time{12}, .host = a, .frame = f1,
         .what = trace::FrameDropped{.site = trace::Site::Cable, .reason = trace::DropReason::FaultRule, .n = 1}});
  t.add({.t = sim::Time{20}, .host = a, .frame = f2, .what = trace::FrameSent{}});
  t.add({.t = sim::Time{25}, .host = b, .frame = f2, .what = trace::FrameReceived{}});
  t.add({.t = sim::Time{30}, .host = b, .frame = f3, .what = trace::FrameSent{}});
  t.add({.t = sim::Time{35}, .host = a, .frame = f3,
         .what = trace::FrameDropped{.site = trace::Site::NicRx, .reason = trace::DropReason::RxRingFull, .n = 4}});
  using C = std::vector<std::vector<std::string>>;
  EXPECT_EQ(comments_of(trace::to_pcapng(t)),
            (C{{"dropped on the cable: fault rule 1: lose it (drop any)"}, {"retransmission #1 (timeout)"},
               {"dropped at client: NIC rx ring full (4 descriptors)"}}));
  // At the client: what it sent (both), not the frame its ring turned away.
  EXPECT_EQ(comments_of(trace::to_pcapng(t, a)), (C{{}, {"retransmission #1 (timeout)"}}));
  // At the server: the retransmission that reached it, and what it sent.
  EXPECT_EQ(comments_of(trace::to_pcapng(t, b)), (C{{"retransmission #1 (timeout)"}, {}}));
}

// The kind of an event is its payload's type: each payload names its own kind, and a
// reader asking for another payload gets none.
TEST(TypedTrace, EachPayloadIsItsKind) {
  using trace::Ev;
  auto kind = [](trace::Payload p) { return trace::TraceEvent{.what = std::move(p)}.kind(); };
  EXPECT_EQ(kind(trace::FrameSent{}), Ev::FrameSent);
  EXPECT_EQ(kind(trace::FrameReceived{}), Ev::FrameReceived);
  EXPECT_EQ(kind(trace::FrameDelivered{}), Ev::FrameDelivered);
  EXPECT_EQ(kind(trace::FrameDropped{}), Ev::FrameDropped);
  EXPECT_EQ(kind(trace::FaultApplied{}), Ev::FaultApplied);
  EXPECT_EQ(kind(trace::LinkState{}), Ev::LinkState);
  EXPECT_EQ(kind(trace::NicCounters{}), Ev::NicCounters);
  EXPECT_EQ(kind(trace::StateChange{}), Ev::StateChange);
  EXPECT_EQ(kind(trace::TimerEvent{.action = trace::TimerAction::Armed}), Ev::TimerArmed);
  EXPECT_EQ(kind(trace::TimerEvent{.action = trace::TimerAction::Cancelled}), Ev::TimerCancelled);
  EXPECT_EQ(kind(trace::TimerEvent{.action = trace::TimerAction::Fired}), Ev::TimerFired);
  EXPECT_EQ(kind(trace::AppCall{}), Ev::AppCall);
  EXPECT_EQ(kind(trace::AppResult{}), Ev::AppResult);
  EXPECT_EQ(kind(trace::Memory{}), Ev::Memory);
  EXPECT_EQ(kind(trace::Tcb{}), Ev::Tcb);
  EXPECT_EQ(kind(trace::Note{}), Ev::Note);
  const trace::TraceEvent e = trace::state_change(2, tcp::State::Closed, tcp::State::SynSent, tcp::Cause::ConnectSendsSyn);
  EXPECT_EQ(e.as<trace::TimerEvent>(), nullptr);
  ASSERT_NE(e.as<trace::StateChange>(), nullptr);
  EXPECT_EQ(e.as<trace::StateChange>()->to, tcp::State::SynSent);
  EXPECT_EQ(e.conn, 2u);
}

// The words of the typed fields, as the text trace and the captures' comments print them.
TEST(TypedTrace, WordsComeFromTheFields) {
  trace::Trace t;
  const uint16_t h = t.add_host("server");
  const trace::TraceEvent change = trace::state_change(1, tcp::State::Listen, tcp::State::SynReceived,
                                                       tcp::Cause::SynInListen, true);
  EXPECT_EQ(trace::event_text(t, change), "LISTEN -> SYN-RCVD");
  EXPECT_EQ(trace::event_detail(change), "received SYN in LISTEN, inferred");
  trace::TraceEvent drop{.host = h, .what = trace::FrameDropped{.site = trace::Site::NicRx,
                                                                .reason = trace::DropReason::RxRingFull, .n = 4}};
  EXPECT_EQ(trace::event_text(t, drop), "NIC rx ring full (4 descriptors)");
  EXPECT_EQ(trace::event_detail(drop), "nic-rx");
  const trace::FrameNote rto{.kind = trace::FrameNoteKind::Retransmission, .cause = trace::RetransmitCause::Timeout, .n = 2};
  EXPECT_EQ(trace::note_text(rto), "retransmission #2 (timeout)");
  EXPECT_EQ(trace::note_brief(rto), "retransmission #2");
  EXPECT_EQ(trace::note_brief(trace::FrameNote{.kind = trace::FrameNoteKind::DuplicateAck}), "");
  const trace::TraceEvent idle{.host = h, .conn = 3, .what = trace::AppCall{.call = trace::Call::Close, .idle_ns = 1'500'000'000}};
  EXPECT_EQ(trace::event_text(t, idle), "idle for 1.5 s: close()");
}
