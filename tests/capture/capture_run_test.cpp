// A capture's connection as the Run the views draw: hosts named address:port, one
// segment per captured packet with a flight on the cable placed by where the capture was
// taken, every state marked as inferred, Wireshark's marks (an ACK of bytes the capture
// never saw) in the segment's note, and bad files refused with the offset.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "analysis/capture_run.hpp"
#include "capture/tracker.hpp"
#include "capture_builders.hpp"
#include "scenario/scenario.hpp"
#include "trace/export.hpp"

using namespace synack;
using namespace synack::testcap;
using namespace synack::wire::tcpflag;

namespace {

constexpr uint32_t C = 1000, S = 5000;  // the client's and the server's ISN

struct Pkt {
  int64_t us;
  uint8_t flags;
  uint32_t seq, ack;
  size_t len = 0;
  bool from_server = false;
};

Bytes make(const std::vector<Pkt>& pkts) {
  Bytes file = pcap_header(false, false, 1);
  for (const Pkt& p : pkts)
    pcap_record(file, false, static_cast<uint32_t>(p.us / 1000000), static_cast<uint32_t>(p.us % 1000000),
                ethernet_frame(segment(p.flags, p.seq, p.ack, p.len, p.from_server), p.from_server));
  return file;
}

// Handshake (gaps g1, g2 microseconds), 100 bytes each way, the client closes first;
// after the handshake each segment answers the one before, a round trip later.
std::vector<Pkt> full_connection(int64_t g1, int64_t g2) {
  int64_t t = 0;
  const int64_t rtt = g1 + g2;
  return {{t, SYN, C, 0},
          {t += g1, SYN | ACK, S, C + 1, 0, true},
          {t += g2, ACK, C + 1, S + 1},
          {t += 1, PSH | ACK, C + 1, S + 1, 100},
          {t += rtt, PSH | ACK, S + 1, C + 101, 100, true},
          {t += rtt, FIN | ACK, C + 101, S + 101},
          {t += rtt, ACK, S + 101, C + 102, 0, true},
          {t += 1, FIN | ACK, S + 101, C + 102, 0, true},
          {t += rtt, ACK, C + 102, S + 102}};
}

analysis::Run run_of(const Bytes& file, size_t stream = SIZE_MAX) {
  auto opened = analysis::open_capture(file);
  EXPECT_TRUE(opened) << opened.error().message();
  if (!opened) return {};
  return analysis::capture_run(*opened, file, stream == SIZE_MAX ? opened->streams.default_stream : stream, "test.pcap");
}

Bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string s = buf.str();
  return Bytes(s.begin(), s.end());
}

}  // namespace

TEST(CaptureRun, KernelCaptureIsARunWithEveryStateInferred) {
  const Bytes file = read_file(std::string(SYNACK_SOURCE_DIR) + "/tests/oracle/kernel/handshake-data-close.pcap");
  ASSERT_FALSE(file.empty());
  auto opened = analysis::open_capture(file);
  ASSERT_TRUE(opened) << opened.error().message();
  const size_t n = opened->streams.default_stream;
  const capture::Stream& s = opened->streams.streams[n];
  const analysis::Run r = analysis::capture_run(*opened, file, n, "handshake-data-close.pcap");
  ASSERT_TRUE(r.capture);
  EXPECT_TRUE(r.simulated);
  EXPECT_EQ(r.capture->file, "handshake-data-close.pcap");
  ASSERT_EQ(r.hosts.size(), 2u);
  EXPECT_EQ(r.timeline.left_name, s.client.str());
  EXPECT_EQ(r.timeline.right_name, s.server.str());
  EXPECT_EQ(r.hosts[0].ip.v, s.client.ip.v4());
  // One segment per captured packet of the connection, each with a flight, in send order.
  ASSERT_EQ(r.timeline.segments.size(), s.packets.size());
  for (size_t j = 0; j < r.timeline.segments.size(); ++j) {
    const analysis::SegmentView& v = r.timeline.segments[j];
    EXPECT_GT(v.t_end, v.t_sent) << j;
    if (j) {
      EXPECT_GE(v.t_sent, r.timeline.segments[j - 1].t_sent) << j;
    }
  }
  EXPECT_EQ(r.timeline.segments[0].label.rfind("SYN seq=0", 0), 0u) << r.timeline.segments[0].label;
  // Every state drawn is the tracker's, and marked inferred; each end ends where it did.
  ASSERT_FALSE(r.timeline.states.empty());
  for (const analysis::StateMark& m : r.timeline.states) EXPECT_TRUE(m.inferred) << m.from << ">" << m.to;
  const capture::Tracked tracked = capture::track(opened->index, file, s);
  for (int side = 0; side < 2; ++side)
    EXPECT_EQ(analysis::state_at(r.timeline, side, r.timeline.run_end_ns),
              tcp::to_string(tracked.segments.back().state[side]))
        << side;
  EXPECT_EQ(analysis::state_at(r.timeline, 0, r.timeline.segments[2].t_sent), "ESTABLISHED");
}

TEST(CaptureRun, NearTheClientItsSegmentsLeaveAndTheServersArriveAtTheirCaptureTimes) {
  // 10 ms between SYN and SYN,ACK, 0.1 ms to the ACK: taken at the client.
  const std::vector<Pkt> pkts = full_connection(10000, 100);
  const analysis::Run r = run_of(make(pkts));
  ASSERT_TRUE(r.capture);
  EXPECT_EQ(r.capture->where, "near the client");
  const int64_t d = (10000 + 100) * 1000 / 2;  // half the round trip
  ASSERT_EQ(r.timeline.segments.size(), pkts.size());
  for (size_t j = 0; j < pkts.size(); ++j) {
    const analysis::SegmentView& v = r.timeline.segments[j];
    const int64_t seen = pkts[j].us * 1000 + d;  // every time moves by d
    EXPECT_EQ(pkts[j].from_server ? v.t_end : v.t_sent, seen) << j;
    // The SYN's flight is cut to end before the SYN,ACK leaves (d is an estimate).
    if (j) {
      EXPECT_EQ(v.t_end - v.t_sent, d) << j;
    } else {
      EXPECT_EQ(v.t_end, r.timeline.segments[1].t_sent);
    }
  }
  // The server's receipt of the third segment is where that segment arrives, not where
  // the capture saw it leave.
  const analysis::SegmentView& third = r.timeline.segments[2];
  EXPECT_EQ(analysis::state_at(r.timeline, 1, third.t_end - 1), "SYN-RCVD");
  EXPECT_EQ(analysis::state_at(r.timeline, 1, third.t_end), "ESTABLISHED");
}

TEST(CaptureRun, NearTheServerTheOtherWayRound) {
  const std::vector<Pkt> pkts = full_connection(100, 10000);
  const analysis::Run r = run_of(make(pkts));
  ASSERT_TRUE(r.capture);
  EXPECT_EQ(r.capture->where, "near the server");
  const int64_t d = (10000 + 100) * 1000 / 2;
  for (size_t j = 0; j < pkts.size(); ++j) {
    const analysis::SegmentView& v = r.timeline.segments[j];
    EXPECT_EQ(pkts[j].from_server ? v.t_sent : v.t_end, pkts[j].us * 1000 + d) << j;
  }
}

TEST(CaptureRun, AnAckOfBytesTheCaptureNeverSawSaysSo) {
  // Bytes 101-200 were never captured; the server's ACK covers them.
  const Bytes file = make({{0, SYN, C, 0},
                           {5000, SYN | ACK, S, C + 1, 0, true},
                           {10000, ACK, C + 1, S + 1},
                           {20000, PSH | ACK, C + 1, S + 1, 100},
                           {21000, PSH | ACK, C + 201, S + 1, 100},
                           {30000, ACK, S + 1, C + 301, 0, true}});
  const analysis::Run r = run_of(file);
  ASSERT_TRUE(r.capture);
  ASSERT_EQ(r.timeline.segments.size(), 6u);
  const trace::FrameNote& ack = r.timeline.segments[5].note;
  EXPECT_EQ(ack.kind, trace::FrameNoteKind::Capture);
  EXPECT_NE(ack.words.find("ACKed unseen segment"), std::string::npos) << ack.words;
  EXPECT_NE(r.timeline.segments[4].note.words.find("previous segment not captured"), std::string::npos)
      << r.timeline.segments[4].note.words;
  EXPECT_EQ(r.capture->missed_bytes[0], 100u);
  EXPECT_TRUE(r.timeline.segments[3].note.empty());
}

TEST(CaptureRun, BadFilesAreRefusedWithTheOffset) {
  const Bytes good = make(full_connection(100, 100));
  {
    Bytes cut(good.begin(), good.end() - 10);  // the last record's bytes end early
    auto o = analysis::open_capture(cut);
    ASSERT_FALSE(o);
    EXPECT_GT(o.error().offset, 24u) << o.error().message();
  }
  {
    Bytes wrong = good;
    wrong[0] = 'X';
    auto o = analysis::open_capture(wrong);
    ASSERT_FALSE(o);
    EXPECT_EQ(o.error().offset, 0u);
    EXPECT_NE(o.error().message().find("at byte 0"), std::string::npos) << o.error().message();
  }
  {
    Bytes absurd = good;
    absurd[24 + 8] = 0xff, absurd[24 + 9] = 0xff, absurd[24 + 10] = 0xff;  // the first record's length
    auto o = analysis::open_capture(absurd);
    ASSERT_FALSE(o);
    EXPECT_EQ(o.error().offset, 24u + 8) << o.error().message();
  }
  {
    Bytes arp_only = pcap_header(false, false, 1);
    Bytes frame(60, 0);
    frame[12] = 0x08, frame[13] = 0x06;
    pcap_record(arp_only, false, 0, 0, frame);
    auto o = analysis::open_capture(arp_only);
    ASSERT_FALSE(o);
    EXPECT_NE(o.error().message().find("TCP"), std::string::npos) << o.error().message();
  }
  {
    auto o = analysis::open_capture(good, good.size() - 1);
    ASSERT_FALSE(o);
    EXPECT_NE(o.error().message().find(std::to_string(good.size() - 1)), std::string::npos) << o.error().message();
  }
}

// Each side's state changes in order, as "FROM>TO" words.
std::string changes(const analysis::Timeline& tl, int side) {
  std::string out;
  for (const analysis::StateMark& m : tl.states)
    if (m.side == side) out += (out.empty() ? "" : " ") + m.from + ">" + m.to;
  return out;
}

TEST(CaptureRun, AScenarioExportedAndOpenedAgainHasTheSimulatedStates) {
  std::ifstream in(std::string(SYNACK_SOURCE_DIR) + "/scenarios/handshake.toml");
  std::stringstream text;
  text << in.rdbuf();
  auto sc = scenario::parse_scenario(text.str(), "handshake.toml");
  ASSERT_TRUE(sc) << sc.error().str();
  const analysis::Run sim = analysis::simulate(*sc);
  const Bytes pcap = trace::to_pcap(sim.trace);
  const analysis::Run cap = run_of(pcap);
  ASSERT_TRUE(cap.capture);
  ASSERT_EQ(cap.timeline.segments.size(), sim.timeline.segments.size());
  for (size_t j = 0; j < sim.timeline.segments.size(); ++j) {
    EXPECT_EQ(sim.timeline.segments[j].label, cap.timeline.segments[j].label) << j;
    EXPECT_EQ(sim.timeline.segments[j].from_side, cap.timeline.segments[j].from_side) << j;
  }
  for (int side = 0; side < 2; ++side) {
    std::string want = changes(sim.timeline, side);
    // What no capture can show: the listener opening before anything is sent, and
    // TIME-WAIT's end when its timer fires.
    for (const std::string& cut : {std::string("CLOSED>LISTEN "), std::string(" TIME-WAIT>CLOSED")})
      if (const size_t at = want.find(cut); at != std::string::npos) want.erase(at, cut.size());
    EXPECT_EQ(changes(cap.timeline, side), want) << side;
  }
}
