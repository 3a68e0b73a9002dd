// The stream list and the passive state tracker on hand-built captures: who opened and
// closed how, each end's inferred states, where the capture was taken, and the artifacts
// it explains (offload, snaplen, missed segments, a start mid-connection).
#include <gtest/gtest.h>

#include "capture/replay.hpp"
#include "capture/streams.hpp"
#include "capture/tracker.hpp"
#include "capture_builders.hpp"
#include "trace/export.hpp"

using namespace synack;
using namespace synack::testcap;
using namespace synack::wire::tcpflag;
using tcp::State;

namespace {

constexpr uint32_t C = 1000, S = 5000;  // the client's and the server's ISN

struct Pkt {
  int64_t us;  // capture time, microseconds
  uint8_t flags;
  uint32_t seq, ack;
  size_t len = 0;
  bool from_server = false;
  bool bad_checksum = false;
};

struct Capture {
  Bytes file;
  wire::CaptureFile cap;
  capture::StreamList list;
};

Capture make(const std::vector<Pkt>& pkts) {
  Capture c;
  c.file = pcap_header(false, false, 1);
  for (const Pkt& p : pkts) {
    Bytes f = ethernet_frame(segment(p.flags, p.seq, p.ack, p.len, p.from_server), p.from_server);
    if (p.bad_checksum) f[14 + 20 + 16] ^= 0x55;
    pcap_record(c.file, false, static_cast<uint32_t>(p.us / 1000000), static_cast<uint32_t>(p.us % 1000000), f);
  }
  auto cap = wire::read_capture(c.file);
  EXPECT_TRUE(cap) << cap.error().message();
  c.cap = std::move(*cap);
  auto list = capture::list_streams(c.cap, c.file);
  EXPECT_TRUE(list) << list.error().message();
  c.list = std::move(*list);
  return c;
}

// "CLOSED->SYN-SENT ..." for one end, in order.
std::string changes(const capture::Tracked& t, int end) {
  std::string s;
  for (const auto& c : t.changes)
    if (c.end == end) s += std::string(s.empty() ? "" : " ") + tcp::to_string(c.from) + ">" + tcp::to_string(c.to);
  return s;
}

std::string all_notes(const capture::Tracked& t) {
  std::string s;
  for (const auto& n : t.notes) s += n.text + "\n";
  return s;
}

// A full connection: handshake, 100 bytes each way, the client closes first.
std::vector<Pkt> full_connection(int64_t gap1_us, int64_t gap2_us, int64_t t0 = 0) {
  int64_t t = t0;
  std::vector<Pkt> p;
  p.push_back({t, SYN, C, 0});
  p.push_back({t += gap1_us, SYN | ACK, S, C + 1, 0, true});
  p.push_back({t += gap2_us, ACK, C + 1, S + 1});
  p.push_back({t += 1000, PSH | ACK, C + 1, S + 1, 100});
  p.push_back({t += 1000, PSH | ACK, S + 1, C + 101, 100, true});
  p.push_back({t += 1000, FIN | ACK, C + 101, S + 101});
  p.push_back({t += 1000, ACK, S + 101, C + 102, 0, true});
  p.push_back({t += 1000, FIN | ACK, S + 101, C + 102, 0, true});
  p.push_back({t += 1000, ACK, C + 102, S + 102});
  return p;
}

}  // namespace

TEST(Streams, ListsOpensAndEndsAndFoldsDirections) {
  auto pkts = full_connection(10000, 100);
  // The same four-tuple again after the full close: a new connection, refused this time.
  pkts.push_back({100000, SYN, 90000, 0});
  pkts.push_back({100100, RST | ACK, 0, 90001, 0, true});
  const Capture c = make(pkts);
  ASSERT_EQ(c.list.streams.size(), 2u);
  const capture::Stream& a = c.list.streams[0];
  EXPECT_EQ(a.client.str(), "10.0.0.1:49152");
  EXPECT_EQ(a.server.str(), "10.0.0.2:80");
  EXPECT_EQ(a.packets.size(), 9u);
  EXPECT_EQ(a.payload_bytes[0], 100u);
  EXPECT_EQ(a.payload_bytes[1], 100u);
  EXPECT_EQ(a.opened, capture::Opened::Handshake);
  EXPECT_EQ(a.ended(), capture::Ended::FinBoth);
  EXPECT_TRUE(a.complete());
  EXPECT_EQ(a.last_ns - a.first_ns, 16100000);
  EXPECT_EQ(c.list.streams[1].opened, capture::Opened::Refused);
  EXPECT_EQ(c.list.streams[1].ended(), capture::Ended::Reset);
  EXPECT_EQ(c.list.default_stream, 0u);
  const std::string table = capture::stream_table(c.list);
  EXPECT_NE(table.find("   0* 10.0.0.1:49152"), std::string::npos) << table;
  EXPECT_NE(table.find("2 connections in 11 packets (11 TCP; skipped: none)"), std::string::npos) << table;
}

TEST(Streams, DefaultIsTheFirstCompleteConnection) {
  std::vector<Pkt> p = {{0, SYN, 7, 0}};  // a SYN nobody answered, on another port below
  Capture c0 = make(p);
  auto pkts = full_connection(100, 100, 1000);
  Bytes file = c0.file;
  for (const Pkt& q : pkts) {
    Bytes f = ethernet_frame(segment(q.flags, q.seq, q.ack, q.len, q.from_server), q.from_server);
    f[14 + 20 + (q.from_server ? 2 : 0) + 1] = 81;  // port 80 -> 81
    wire::store_u16(f, 14 + 20 + 16, 0);              // checksum left wrong: does not matter here
    pcap_record(file, false, 0, static_cast<uint32_t>(q.us), f);
  }
  auto cap = wire::read_capture(file);
  auto list = capture::list_streams(*cap, file);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->streams.size(), 2u);
  EXPECT_EQ(list->streams[0].opened, capture::Opened::SynOnly);
  EXPECT_EQ(list->default_stream, 1u);
}

TEST(Tracker, HandshakeDataCloseNearTheClient) {
  const Capture c = make(full_connection(10000, 100));
  const auto t = capture::track(c.cap, c.file, c.list.streams[0]);
  EXPECT_EQ(changes(t, 0),
            "CLOSED>SYN-SENT SYN-SENT>ESTABLISHED ESTABLISHED>FIN-WAIT-1 FIN-WAIT-1>FIN-WAIT-2 FIN-WAIT-2>TIME-WAIT");
  EXPECT_EQ(changes(t, 1),
            "LISTEN>SYN-RCVD SYN-RCVD>ESTABLISHED ESTABLISHED>CLOSE-WAIT CLOSE-WAIT>LAST-ACK LAST-ACK>CLOSED");
  EXPECT_EQ(t.position, capture::Position::NearClient) << t.position_why;
  EXPECT_EQ(t.segments[0].state[1], State::SynReceived);
  EXPECT_EQ(t.segments[5].state[0], State::FinWait1);
  EXPECT_EQ(t.segments[5].state[1], State::CloseWait) << "received where seen: nothing the server sent says otherwise";
  EXPECT_EQ(t.segments[7].state[1], State::LastAck);
  EXPECT_EQ(t.notes.size(), 0u) << all_notes(t);
  // The replay prints like a run: relative numbers, state changes marked inferred.
  const std::string text = trace::to_text(capture::replay_trace(c.cap, c.file, c.list.streams[0], t, 0));
  EXPECT_NE(text.find("#1 10.0.0.1.49152 > 10.0.0.2.80: Flags [S], seq 0, win 65535, options [mss 1460], length 0"),
            std::string::npos) << text;
  EXPECT_NE(text.find("10.0.0.2:80 conn 1 ESTABLISHED -> CLOSE-WAIT  [received FIN, inferred]"), std::string::npos)
      << text;
  EXPECT_NE(text.find("capture: capture taken near the client"), std::string::npos) << text;
}

TEST(Tracker, PositionNearTheServerAndUnknown) {
  const Capture near_server = make(full_connection(100, 10000));
  EXPECT_EQ(capture::track(near_server.cap, near_server.file, near_server.list.streams[0]).position,
            capture::Position::NearServer);
  const Capture middle = make(full_connection(5000, 5000));
  EXPECT_EQ(capture::track(middle.cap, middle.file, middle.list.streams[0]).position, capture::Position::Unknown);
}

TEST(Tracker, RefusedConnectionLeavesTheServerWithoutState) {
  const Capture c = make({{0, SYN, C, 0}, {50, RST | ACK, 0, C + 1, 0, true}});
  const auto t = capture::track(c.cap, c.file, c.list.streams[0]);
  EXPECT_EQ(changes(t, 0), "CLOSED>SYN-SENT SYN-SENT>CLOSED");
  EXPECT_EQ(t.changes.back().cause, tcp::Cause::Refused);
  EXPECT_EQ(changes(t, 1), "");
}

TEST(Tracker, MidConnectionStartIsExplained) {
  const Capture c = make({{0, PSH | ACK, C, S, 10}, {100, ACK, S, C + 10, 0, true},
                          {200, FIN | ACK, C + 10, S}, {300, FIN | ACK, S, C + 11, 0, true}, {400, ACK, C + 11, S + 1}});
  ASSERT_EQ(c.list.streams[0].opened, capture::Opened::MidConnection);
  const auto t = capture::track(c.cap, c.file, c.list.streams[0]);
  EXPECT_EQ(changes(t, 0), "CLOSED>ESTABLISHED ESTABLISHED>FIN-WAIT-1 FIN-WAIT-1>TIME-WAIT");
  EXPECT_EQ(changes(t, 1), "CLOSED>ESTABLISHED ESTABLISHED>CLOSE-WAIT CLOSE-WAIT>LAST-ACK LAST-ACK>CLOSED");
  EXPECT_NE(all_notes(t).find("starts mid-connection"), std::string::npos);
}

TEST(Tracker, BytesAcknowledgedButNeverSeenAreMissedByTheCapture) {
  auto p = full_connection(10000, 100);
  p.erase(p.begin() + 3);  // the client's 100 bytes never reach the file
  const Capture c = make(p);
  const auto t = capture::track(c.cap, c.file, c.list.streams[0]);
  EXPECT_EQ(t.missed_bytes[0], 100u);
  EXPECT_EQ(t.missed_bytes[1], 0u);
  EXPECT_NE(all_notes(t).find("the capture missed 100 bytes from the client (relative seq 1:101)"), std::string::npos)
      << all_notes(t);
}

TEST(Tracker, OffloadSnaplenAreArtifactsNotErrors) {
  auto p = full_connection(10000, 100);
  for (Pkt& q : p)
    if (!q.from_server) q.bad_checksum = true;
  p[3].len = 3000;  // above the server's MSS of 1460
  for (size_t i = 4; i < p.size(); ++i) {
    if (p[i].from_server) p[i].ack += 2900;
    else p[i].seq += 2900;
  }
  const Capture c = make(p);
  const auto t = capture::track(c.cap, c.file, c.list.streams[0]);
  const std::string notes = all_notes(t);
  EXPECT_NE(notes.find("3000 bytes in one segment from the client, more than the MSS of 1460: segmentation offload"),
            std::string::npos) << notes;
  EXPECT_NE(notes.find("5 of 5 checksummed segments from the client have a wrong TCP checksum: checksum offload"),
            std::string::npos) << notes;
  EXPECT_EQ(t.artifact_counts[1][1], 0u);
  EXPECT_EQ(changes(t, 1),
            "LISTEN>SYN-RCVD SYN-RCVD>ESTABLISHED ESTABLISHED>CLOSE-WAIT CLOSE-WAIT>LAST-ACK LAST-ACK>CLOSED");

  // A snaplen of 80 bytes: the payload is cut, the states are unchanged.
  Bytes file = pcap_header(false, false, 1, 80);
  for (const Pkt& q : full_connection(10000, 100)) {
    Bytes f = ethernet_frame(segment(q.flags, q.seq, q.ack, q.len, q.from_server), q.from_server);
    const Bytes kept(f.begin(), f.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(80, f.size())));
    pcap_record(file, false, 0, static_cast<uint32_t>(q.us), kept, static_cast<uint32_t>(f.size()));
  }
  auto cap = wire::read_capture(file);
  auto list = capture::list_streams(*cap, file);
  const auto cut = capture::track(*cap, file, list->streams[0]);
  EXPECT_NE(all_notes(cut).find("the capture kept 26 of 100 payload bytes: its snaplen cut the rest"), std::string::npos)
      << all_notes(cut);
  EXPECT_EQ(changes(cut, 0),
            "CLOSED>SYN-SENT SYN-SENT>ESTABLISHED ESTABLISHED>FIN-WAIT-1 FIN-WAIT-1>FIN-WAIT-2 FIN-WAIT-2>TIME-WAIT");
}

TEST(Tracker, ACopySentAgainMeansTheFirstWasLostAfterTheCapturePoint) {
  // The third ACK is lost after the capture point: the server sends its SYN,ACK again,
  // and only the client's answer to that copy moves it to ESTABLISHED.
  const Capture c = make({{0, SYN, C, 0}, {100, SYN | ACK, S, C + 1, 0, true}, {200, ACK, C + 1, S + 1},
                          {1000100, SYN | ACK, S, C + 1, 0, true}, {1000200, ACK, C + 1, S + 1},
                          {1000300, PSH | ACK, C + 1, S + 1, 10}, {1000400, PSH | ACK, C + 1, S + 1, 10},
                          {1000500, ACK, S + 1, C + 11, 0, true}});
  const auto t = capture::track(c.cap, c.file, c.list.streams[0]);
  EXPECT_FALSE(t.segments[2].received);
  EXPECT_EQ(t.segments[2].state[1], State::SynReceived);
  EXPECT_EQ(t.segments[4].state[1], State::Established);
  EXPECT_FALSE(t.segments[5].received) << "data sent again before any acknowledgment";
  EXPECT_TRUE(t.segments[6].received);
  EXPECT_EQ(changes(t, 1), "LISTEN>SYN-RCVD SYN-RCVD>ESTABLISHED");
}

TEST(Tracker, SimultaneousCloseGoesThroughClosing) {
  auto p = full_connection(10000, 100);
  p.resize(5);
  int64_t t = p.back().us;
  p.push_back({t += 1000, FIN | ACK, C + 101, S + 101});
  p.push_back({t += 10, FIN | ACK, S + 101, C + 101, 0, true});  // sent before the client's FIN arrived
  p.push_back({t += 10, ACK, C + 102, S + 102});
  p.push_back({t += 10, ACK, S + 102, C + 102, 0, true});
  const Capture c = make(p);
  const auto tr = capture::track(c.cap, c.file, c.list.streams[0]);
  EXPECT_EQ(changes(tr, 0), "CLOSED>SYN-SENT SYN-SENT>ESTABLISHED ESTABLISHED>FIN-WAIT-1 FIN-WAIT-1>CLOSING CLOSING>TIME-WAIT");
  EXPECT_EQ(changes(tr, 1),
            "LISTEN>SYN-RCVD SYN-RCVD>ESTABLISHED ESTABLISHED>FIN-WAIT-1 FIN-WAIT-1>CLOSING CLOSING>TIME-WAIT");
}
