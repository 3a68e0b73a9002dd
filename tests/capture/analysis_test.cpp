// Wireshark's TCP analysis marks (capture/analysis.hpp) on hand-built captures: one short
// connection per mark, each checking the mark lands on the one segment the rule names
// and on none of the others.
#include <gtest/gtest.h>

#include "capture/analysis.hpp"
#include "capture/replay.hpp"
#include "capture/streams.hpp"
#include "capture/tracker.hpp"
#include "capture_builders.hpp"
#include "trace/export.hpp"

using namespace synack;
using namespace synack::testcap;
using namespace synack::wire::tcpflag;
using capture::Mark;

namespace {

constexpr uint32_t C = 1000, S = 5000;  // the client's and the server's ISN
constexpr int64_t T0 = 1000000;         // 1 s: Wireshark takes a time of 0 for "not seen"

struct Pkt {
  int64_t us;  // capture time, microseconds after T0
  uint8_t flags;
  uint32_t seq, ack;
  size_t len = 0;
  bool from_server = false;
  uint16_t window = 65535;
};

struct Analyzed {
  Bytes file;
  wire::CaptureFile cap;
  capture::StreamList list;
  capture::Tracked tracked;
  std::vector<capture::Marks> marks;
};

Analyzed analyze(std::vector<Pkt> pkts) {
  Analyzed a;
  a.file = pcap_header(false, false, 1);
  for (const Pkt& p : pkts) {
    wire::TcpSegment s = segment(p.flags, p.seq, p.ack, p.len, p.from_server);
    s.window = p.window;
    const int64_t us = T0 + p.us;
    pcap_record(a.file, false, static_cast<uint32_t>(us / 1000000), static_cast<uint32_t>(us % 1000000),
                ethernet_frame(s, p.from_server));
  }
  auto cap = wire::read_capture(a.file);
  EXPECT_TRUE(cap) << cap.error().message();
  a.cap = std::move(*cap);
  auto list = capture::list_streams(a.cap, a.file);
  EXPECT_TRUE(list) << list.error().message();
  a.list = std::move(*list);
  a.tracked = capture::track(a.cap, a.file, a.list.streams[0]);
  a.marks = capture::analyze(a.tracked.segments);
  return a;
}

// A handshake with a 10 ms round trip (Wireshark's out-of-order threshold), then more.
Analyzed handshake_then(std::vector<Pkt> more) {
  std::vector<Pkt> p{{0, SYN, C, 0}, {5000, SYN | ACK, S, C + 1, 0, true}, {10000, ACK, C + 1, S + 1}};
  p.insert(p.end(), more.begin(), more.end());
  return analyze(std::move(p));
}

// The indices of the segments carrying mark m.
std::vector<size_t> with(const Analyzed& a, Mark m) {
  std::vector<size_t> v;
  for (size_t i = 0; i < a.marks.size(); ++i)
    if (a.marks[i].has(m)) v.push_back(i);
  return v;
}
using Idx = std::vector<size_t>;

}  // namespace

TEST(Analysis, RetransmissionIsDataBelowTheHighestSentLongAfterIt) {
  const auto a = handshake_then({{20000, PSH | ACK, C + 1, S + 1, 100}, {1020000, PSH | ACK, C + 1, S + 1, 100}});
  EXPECT_EQ(with(a, Mark::Retransmission), Idx{4});
  EXPECT_TRUE(with(a, Mark::OutOfOrder).empty());
}

TEST(Analysis, OutOfOrderIsBelowTheHighestWithinTheHandshakesRoundTrip) {
  // The second 100 bytes are seen first: a hole, then the segment that fills it 2 ms
  // later (under the 10 ms round trip); the same 20 ms later is a retransmission.
  const auto a = handshake_then({{20000, PSH | ACK, C + 101, S + 1, 100}, {22000, PSH | ACK, C + 1, S + 1, 100}});
  EXPECT_EQ(with(a, Mark::LostSegment), Idx{3});
  EXPECT_EQ(with(a, Mark::OutOfOrder), Idx{4});
  EXPECT_TRUE(with(a, Mark::Retransmission).empty());
  const auto late = handshake_then({{20000, PSH | ACK, C + 101, S + 1, 100}, {40000, PSH | ACK, C + 1, S + 1, 100}});
  EXPECT_EQ(with(late, Mark::Retransmission), Idx{4});
  EXPECT_TRUE(with(late, Mark::OutOfOrder).empty());
}

TEST(Analysis, DuplicateAcksCountAndNameTheAckTheyRepeat) {
  const auto a = handshake_then({{20000, PSH | ACK, C + 1, S + 1, 100},
                                 {21000, PSH | ACK, C + 101, S + 1, 100},
                                 {22000, PSH | ACK, C + 201, S + 1, 100},
                                 {30000, ACK, S + 1, C + 101, 0, true},
                                 {31000, ACK, S + 1, C + 101, 0, true},
                                 {32000, ACK, S + 1, C + 101, 0, true},
                                 {35000, PSH | ACK, C + 101, S + 1, 100}});
  EXPECT_EQ(with(a, Mark::DuplicateAck), (Idx{7, 8}));
  EXPECT_EQ(a.marks[7].dup_ack_num, 1u);
  EXPECT_EQ(a.marks[8].dup_ack_num, 2u);
  EXPECT_EQ(a.marks[8].dup_ack_of, 6u);
  const std::vector<trace::Mark> said = capture::describe(a.marks[8], a.tracked.segments);
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(trace::english().mark(said[0]), "duplicate ACK 2 of frame 7");
  // Two duplicates, the retransmission of what they ask for 3 ms after the last: fast.
  EXPECT_EQ(with(a, Mark::FastRetransmission), Idx{9});
  EXPECT_TRUE(with(a, Mark::Retransmission).empty());
}

TEST(Analysis, FastRetransmissionNeedsTwoDuplicatesWithin20Ms) {
  const auto a = handshake_then({{20000, PSH | ACK, C + 1, S + 1, 100},
                                 {21000, PSH | ACK, C + 101, S + 1, 100},
                                 {30000, ACK, S + 1, C + 101, 0, true},
                                 {31000, ACK, S + 1, C + 101, 0, true},
                                 {32000, ACK, S + 1, C + 101, 0, true},
                                 {60000, PSH | ACK, C + 101, S + 1, 100}});
  EXPECT_TRUE(with(a, Mark::FastRetransmission).empty());
  EXPECT_EQ(with(a, Mark::Retransmission), Idx{8});
}

TEST(Analysis, SpuriousRetransmissionIsDataAlreadyAcknowledged) {
  const auto a = handshake_then({{20000, PSH | ACK, C + 1, S + 1, 100},
                                 {30000, ACK, S + 1, C + 101, 0, true},
                                 {1030000, PSH | ACK, C + 1, S + 1, 100}});
  EXPECT_EQ(with(a, Mark::SpuriousRetransmission), Idx{5});
  EXPECT_TRUE(with(a, Mark::Retransmission).empty());
}

TEST(Analysis, ZeroWindowProbeAndItsAckThenAWindowUpdate) {
  const auto a = handshake_then({{20000, PSH | ACK, C + 1, S + 1, 100},
                                 {30000, ACK, S + 1, C + 101, 0, true, 0},
                                 {230000, PSH | ACK, C + 101, S + 1, 1},
                                 {240000, ACK, S + 1, C + 101, 0, true, 0},
                                 {500000, ACK, S + 1, C + 101, 0, true, 8192}});
  EXPECT_EQ(with(a, Mark::ZeroWindow), (Idx{4, 6}));
  EXPECT_EQ(with(a, Mark::ZeroWindowProbe), Idx{5});
  EXPECT_EQ(with(a, Mark::ZeroWindowProbeAck), Idx{6});
  EXPECT_EQ(with(a, Mark::WindowUpdate), Idx{7});
  EXPECT_TRUE(with(a, Mark::DuplicateAck).empty());
}

TEST(Analysis, KeepAliveIsOneBelowTheNextSequenceNumberAndItsAnswer) {
  const auto a = handshake_then({{20000, PSH | ACK, C + 1, S + 1, 100},
                                 {30000, ACK, S + 1, C + 101, 0, true},
                                 {7230000, ACK, C + 100, S + 1},
                                 {7240000, ACK, S + 1, C + 101, 0, true}});
  EXPECT_EQ(with(a, Mark::KeepAlive), Idx{5});
  EXPECT_EQ(with(a, Mark::KeepAliveAck), Idx{6});
  EXPECT_TRUE(with(a, Mark::Retransmission).empty());
  EXPECT_TRUE(with(a, Mark::DuplicateAck).empty()) << "a keep-alive ACK is not also a duplicate";
}

TEST(Analysis, AHoleInTheCaptureIsNamedOnBothSides) {
  // Bytes 101-200 never seen: the segment after the hole, and the ACK that covers it.
  const auto a = handshake_then({{20000, PSH | ACK, C + 1, S + 1, 100},
                                 {21000, PSH | ACK, C + 201, S + 1, 100},
                                 {30000, ACK, S + 1, C + 301, 0, true}});
  EXPECT_EQ(with(a, Mark::LostSegment), Idx{4});
  EXPECT_EQ(with(a, Mark::AckedUnseen), Idx{5});
}

TEST(Analysis, ReplayShowsTheMarksInTheTextAndJsonTraces) {
  const auto a = handshake_then({{20000, PSH | ACK, C + 1, S + 1, 100}, {1020000, PSH | ACK, C + 1, S + 1, 100}});
  const auto tr = capture::replay_trace(a.cap, a.file, a.list.streams[0], a.tracked, 0);
  const std::string text = trace::to_text(tr, {});
  EXPECT_NE(text.find("length 100  [retransmission]"), std::string::npos) << text;
  EXPECT_EQ(text.find("[retransmission]"), text.rfind("[retransmission]")) << "only the copy is marked";
  const std::string json = trace::to_json_lines(tr);
  EXPECT_NE(json.find("\"capture_frame\":5,\"marks\":[\"retransmission\"]"), std::string::npos) << json;
}
