// Hand-made segments (engine/host/handmade.hpp): built byte-exact from their fields, put
// on the cable from the sender's NIC beside its TCP, traced and exported like any frame.
#include <gtest/gtest.h>

#include <algorithm>

#include "scenario/scenario.hpp"
#include "scenario_text.hpp"
#include "trace/export.hpp"
#include "two_hosts.hpp"
#include "host/pattern.hpp"
#include "wire/checksum.hpp"

using namespace synack;
using synack::testing::kTwoHosts;  // not gtest's namespace testing
using synack::testing::listen_then_connect;
using synack::testing::handmade;
using synack::testing::seg;
using synack::testing::TwoHosts;
using Segs = std::vector<synack::testing::Seg>;

namespace {
void open(TwoHosts& t, host::ListenOptions opts = {}) {
  t.at_ms(0, [&t, opts] { t.server->listen(80, opts); });
  t.at_ms(10, [&t] { t.client->connect(t.server_ip(), 80); });
}
// The bytes of the first hand-made frame in the trace.
wire::Bytes handmade_frame(const TwoHosts& t) {
  for (uint32_t id = 1; id <= t.w->trace().frame_count(); ++id)
    if (t.w->trace().frame(id).note.kind == trace::FrameNoteKind::Handmade) return t.w->trace().frame(id).bytes;
  return {};
}
}  // namespace

// The frame is what the ordinary encoder makes of the same fields: seq and ack resolved
// against the sender's connection, the window it would announce, the payload in the
// senders' pattern, options as given, a checksum that verifies.
TEST(Handmade, BuildsTheSameBytesAsTheEncoder) {
  TwoHosts t;
  open(t);
  host::HandmadeSegment g = handmade("PSH,ACK", "snd.nxt", "rcv.nxt", 10);
  g.socket = 1;
  g.options = *host::parse_option("mss=1460");
  wire::Bytes expected;
  t.at_ms(100, [&] {
    const tcp::Connection* c = t.client->connection(1);
    ASSERT_NE(c, nullptr);
    wire::TcpSegment s;
    s.src_port = c->tuple().local_port;
    s.dst_port = 80;
    s.seq = c->vars().snd_nxt;
    s.ack = c->vars().rcv_nxt;
    s.flags = wire::tcpflag::PSH | wire::tcpflag::ACK;
    s.window = c->window_field();
    s.options.mss = 1460;
    s.payload = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'};
    ASSERT_TRUE(t.client->inject(g));
    wire::Ipv4Header ip;
    ip.src = t.client->config().ip;
    ip.dst = t.server_ip();
    const wire::Bytes got = handmade_frame(t);
    ASSERT_GE(got.size(), 20u);
    ip.id = static_cast<uint16_t>(got[18] << 8 | got[19]);  // the host's own IP id counter
    expected = wire::build_tcp_frame(t.client->config().mac, t.server->config().mac, ip, s);
  });
  t.run_ms(500);
  EXPECT_EQ(handmade_frame(t), expected);
  // The server takes the 10 bytes as the next in the stream.
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 10u);
  EXPECT_TRUE(t.server->pattern_ok(2));
}

// Malformed options go out exactly as written, padded with EOL to a 4-byte boundary.
TEST(Handmade, RawOptionBytesGoOutAsWritten) {
  TwoHosts t;
  open(t);
  host::HandmadeSegment g = handmade("ACK", "snd.nxt");
  g.socket = 1;
  for (const char* o : {"nop", "hex=02 03 05"}) {
    auto b = host::parse_option(o);
    g.options.insert(g.options.end(), b->begin(), b->end());
  }
  t.at_ms(100, [&] { t.client->inject(g); });
  t.run_ms(200);
  const wire::Bytes f = handmade_frame(t);
  ASSERT_EQ(f.size(), 60u);  // 14 + 20 + 24 = 58 bytes, padded to Ethernet's minimum of 60
  const size_t tcp = wire::kEthernetHeaderLen + wire::kIpv4HeaderLen;
  EXPECT_EQ(f[tcp + 12] >> 4, 6);  // data offset: 24 bytes
  EXPECT_EQ(wire::Bytes(f.begin() + tcp + 20, f.begin() + tcp + 24), (wire::Bytes{1, 2, 3, 5}));
}

// A bad checksum is the good one with its lowest bit flipped: it never verifies, and
// the receiver drops the frame with that reason, answering nothing.
TEST(Handmade, BadChecksumIsDroppedByTheReceiverWithItsReason) {
  TwoHosts t;
  open(t);
  host::HandmadeSegment g = handmade("PSH,ACK", "snd.nxt", "rcv.nxt", 10);
  g.socket = 1;
  g.bad_checksum = true;
  t.at_ms(100, [&] { t.client->inject(g); });
  t.run_ms(500);
  const wire::Bytes f = handmade_frame(t);
  ASSERT_FALSE(f.empty());
  EXPECT_FALSE(wire::decode_frame(f, true));
  EXPECT_TRUE(wire::decode_frame(f, false));
  EXPECT_EQ(t.count(trace::Ev::FrameDropped, trace::DropReason::BadChecksum), 1u);
  EXPECT_EQ(t.segments().size(), 4u);  // the handshake and the hand-made segment: no answer
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 0u);
  EXPECT_NE(t.text().find("hand-made segment injected (a test segment, not sent by client's TCP): PSH,ACK seq=snd.nxt "
                          "ack=rcv.nxt len 10, bad checksum"),
            std::string::npos);
}

// Without a connection, `to`, `port` and `src_port` name the four-tuple; relative numbers
// then have nothing to be relative to, and the trace says why nothing was sent.
TEST(Handmade, RelativeNumbersNeedAConnection) {
  TwoHosts t;
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  host::HandmadeSegment g = handmade("SYN", "isn+1");
  g.to = t.server_ip();
  g.port = 80;
  g.src_port = 5000;
  t.at_ms(10, [&] { EXPECT_FALSE(t.client->inject(g)); });
  t.run_ms(100);
  EXPECT_EQ(t.segments().size(), 0u);
  EXPECT_NE(t.text().find("hand-made segment not sent: seq=isn+1 ack=rcv.nxt are relative to a connection"),
            std::string::npos);
}

// From a scenario file: the [[segment]] goes out at its time, is traced with its note,
// and the capture export carries its exact bytes.
TEST(Handmade, ScenarioSegmentIsTracedAndExported) {
  const std::string text = kTwoHosts + listen_then_connect() + R"([[segment]]
at = "100ms"
host = "client"
flags = "RST"
seq = "snd.nxt+10"
)";
  auto s = scenario::parse_scenario(text, "rst.toml");
  ASSERT_TRUE(s) << s.error().str();
  EXPECT_TRUE(s->injected());
  auto w = scenario::build_world(*s);
  w->run(sim::Time{0} + sim::seconds(1));
  const trace::Trace& tr = w->trace();
  uint32_t id = 0;
  for (uint32_t i = 1; i <= tr.frame_count(); ++i)
    if (tr.frame(i).note.kind == trace::FrameNoteKind::Handmade) id = i;
  ASSERT_NE(id, 0u);
  const wire::Bytes pcap = trace::to_pcap(tr);
  const wire::Bytes& f = tr.frame(id).bytes;
  EXPECT_NE(std::search(pcap.begin(), pcap.end(), f.begin(), f.end()), pcap.end());
  const std::string txt = trace::to_text(tr);
  EXPECT_NE(txt.find("RST seq=snd.nxt+10 len 0"), std::string::npos);
  // An in-window RST off RCV.NXT: the server's challenge ACK follows (RFC 5961 3.2).
  EXPECT_NE(txt.find("RST in window but not at RCV.NXT: challenge ACK"), std::string::npos);
}

// A hand-made SYN is not its sender's opening: the text trace and the test fixture keep
// numbering from the real ISN (seq 1001 here, not 0), and the answer is numbered alike.
TEST(Handmade, AHandmadeSynKeepsNumbersRelativeToTheRealIsn) {
  TwoHosts t;
  open(t);
  host::HandmadeSegment g = handmade("SYN", "snd.nxt+1000");
  g.socket = 1;
  t.at_ms(100, [&] { t.client->inject(g); });
  t.run_ms(500);
  const std::string text = t.text();
  EXPECT_NE(text.find("Flags [S], seq 1001, win"), std::string::npos) << text;
  EXPECT_NE(text.find("10.0.0.2.80 > 10.0.0.1.49152: Flags [.], ack 1, win"), std::string::npos) << text;
  EXPECT_EQ(t.segments().back(), seg("server", "ACK", 1, 1, 0));
}

// The test pattern made and checked a block at a time is the byte-by-byte definition,
// from every phase and across block boundaries, and a changed byte anywhere is found.
TEST(TestPattern, BlocksMatchTheDefinition) {
  for (uint64_t offset : {0ull, 1ull, 25ull, 26ull, 1000003ull})
    for (size_t n : {size_t{0}, size_t{1}, size_t{415}, size_t{416}, size_t{417}, size_t{1460}}) {
      std::vector<uint8_t> b(n);
      host::fill_pattern(b.data(), n, offset);
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(b[i], host::pattern_byte(offset + i)) << offset << " " << n << " " << i;
      EXPECT_TRUE(host::matches_pattern(b.data(), n, offset));
      if (n == 0) continue;
      EXPECT_FALSE(host::matches_pattern(b.data(), n, offset + 1));
      for (size_t at : {size_t{0}, n / 2, n - 1}) {
        b[at] ^= 1;
        EXPECT_FALSE(host::matches_pattern(b.data(), n, offset)) << offset << " " << n << " " << at;
        b[at] ^= 1;
      }
    }
}
