// What options do to the segments: the payload leaves room for them (RFC 6691), TSecr
// follows the peer's clock (RFC 7323 4.3), and the linux profile's opening windows,
// quick-ACK and RST as the kernel sends them (docs/LINUX.md has the kernel's captures).
#include <gtest/gtest.h>

#include "two_hosts.hpp"

using namespace synack;
using synack::testing::TwoHosts;

namespace {
struct Wire {
  std::string from;
  wire::TcpSegment seg;
  int64_t t_ns = 0;
};

std::vector<Wire> wire_segments(const TwoHosts& t) {
  std::vector<Wire> out;
  for (const trace::TraceEvent& e : t.w->trace().events()) {
    if (e.kind() != trace::Ev::FrameSent) continue;
    auto f = wire::decode_frame(t.w->trace().frame(e.frame).bytes, false);
    if (f && f->tcp) out.push_back({t.w->trace().host_name(e.host), *f->tcp, e.t.ns});
  }
  return out;
}

// A client sends `bytes` at 100 ms and more at 300 ms; the server reads.
TwoHosts exchange(tcp::TcpConfig cfg, uint64_t bytes) {
  TwoHosts t(1, sim::milliseconds(5), cfg);
  t.at_ms(0, [&t] { t.server->listen(80, {}); });
  t.at_ms(10, [&t] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(100, [&t, bytes] { t.client->send(1, bytes); });
  t.at_ms(300, [&t] { t.client->send(1, 10); });
  t.run_ms(1000);
  return t;
}
}  // namespace

TEST(TcpOptions, PayloadLeavesRoomForTimestamps) {
  tcp::TcpConfig cfg;
  cfg.timestamps = true;
  std::vector<uint32_t> lens;
  for (const Wire& w : wire_segments(exchange(cfg, 3000)))
    if (w.from == "client" && !w.seg.payload.empty()) lens.push_back(static_cast<uint32_t>(w.seg.payload.size()));
  // 1460 - 12 option bytes: a full segment is a 1500-byte IP packet, not 1512.
  EXPECT_EQ(lens, (std::vector<uint32_t>{1448, 1448, 104, 10}));
}

TEST(TcpOptions, FullSegmentsWithoutTimestampsCarryTheWholeMss) {
  std::vector<uint32_t> lens;
  for (const Wire& w : wire_segments(exchange(tcp::TcpConfig::rfc(), 3000)))
    if (w.from == "client" && !w.seg.payload.empty()) lens.push_back(static_cast<uint32_t>(w.seg.payload.size()));
  EXPECT_EQ(lens, (std::vector<uint32_t>{1460, 1460, 80, 10}));
}

TEST(TcpOptions, TsecrEchoesTheNewestTsval) {
  tcp::TcpConfig cfg;
  cfg.timestamps = true;
  const std::vector<Wire> ws = wire_segments(exchange(cfg, 100));
  // The server's last ACK answers the client's data of 300 ms, sent 290 ms after its SYN.
  uint32_t syn_tsval = 0, last_data_tsval = 0, last_server_tsecr = 0;
  for (const Wire& w : ws) {
    ASSERT_TRUE(w.seg.options.timestamps);
    if (w.from == "client" && w.seg.has(wire::tcpflag::SYN)) syn_tsval = w.seg.options.timestamps->value;
    if (w.from == "client" && !w.seg.payload.empty()) last_data_tsval = w.seg.options.timestamps->value;
    if (w.from == "server") last_server_tsecr = w.seg.options.timestamps->echo_reply;
  }
  EXPECT_EQ(last_data_tsval - syn_tsval, 290u);
  EXPECT_EQ(last_server_tsecr, last_data_tsval);
}

TEST(TcpOptions, LinuxOpensWith64240And65160AndRoundsScaledWindowsUp) {
  const std::vector<Wire> ws = wire_segments(exchange(tcp::TcpConfig::linux_like(), 100));
  ASSERT_GE(ws.size(), 3u);
  EXPECT_EQ(ws[0].seg.window, 64240);  // 44 x 1460
  EXPECT_EQ(ws[1].seg.window, 65160);  // 45 x 1448: the SYN offered timestamps
  EXPECT_EQ(ws[2].seg.window, 502);    // 64240 rounded up to 502 x 128
}

TEST(TcpOptions, LinuxAcksTheFirstDataAtOnceAndAResetCarriesWindowAndTimestamps) {
  TwoHosts t(1, sim::milliseconds(5), tcp::TcpConfig::linux_like());
  t.at_ms(0, [&t] { t.server->listen(80, {}); });
  t.at_ms(10, [&t] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(100, [&t] { t.client->send(1, 100); });
  t.at_ms(200, [&t] { t.client->abort(1); });
  t.run_ms(1000);
  const std::vector<Wire> ws = wire_segments(t);
  const Wire* data = nullptr;
  const Wire* ack = nullptr;
  const Wire* rst = nullptr;
  for (const Wire& w : ws) {
    if (w.from == "client" && !w.seg.payload.empty()) data = &w;
    if (data && !ack && w.from == "server") ack = &w;
    if (w.seg.has(wire::tcpflag::RST)) rst = &w;
  }
  ASSERT_TRUE(data && ack && rst);
  EXPECT_LT(ack->t_ns - data->t_ns, sim::milliseconds(6).ns) << "quick-ACK: one trip, no 40 ms delay";
  EXPECT_TRUE(rst->seg.options.timestamps.has_value());
  EXPECT_GT(rst->seg.window, 0);
}

// RFC 7323 4.3: TS.Recent takes a TSval only from a segment that starts at or before
// Last.ACK.sent. With an ACK delayed, the second of two segments starts beyond it, so the
// ACK of both echoes the first one's TSval and the sender's RTT sample covers the delay
// (Linux: tcp_replace_ts_recent, seq <= rcv_wup).
TEST(TcpOptions, ADelayedAckEchoesTheTsvalOfTheFirstSegmentItAcknowledges) {
  tcp::TcpConfig cfg = tcp::TcpConfig::linux_like();
  cfg.quickack_segments = 0;  // every ACK is delayed: at most every second full segment
  TwoHosts t(1, sim::milliseconds(5), cfg);
  t.at_ms(0, [&t] { t.server->listen(80, {}); });
  t.at_ms(10, [&t] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(100, [&t] { t.client->send(1, 1448); });
  t.at_ms(110, [&t] { t.client->send(1, 1448); });
  t.run_ms(1000);
  std::vector<uint32_t> data_tsvals;
  const Wire* ack = nullptr;
  const std::vector<Wire> ws = wire_segments(t);
  for (const Wire& w : ws) {
    if (w.from == "client" && !w.seg.payload.empty()) data_tsvals.push_back(w.seg.options.timestamps->value);
    if (w.from == "server" && data_tsvals.size() == 2 && !ack) ack = &w;
  }
  ASSERT_EQ(data_tsvals.size(), 2u);
  EXPECT_EQ(data_tsvals[1] - data_tsvals[0], 10u);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->seg.ack - ws[0].seg.seq, 1u + 2 * 1448);  // one ACK for both, at the second
  EXPECT_EQ(ack->t_ns / 1000000, 115);
  EXPECT_EQ(ack->seg.options.timestamps->echo_reply, data_tsvals[0]);
}

// Linux's TSval offset is per pair of addresses (secure_tcp_ts_off), not per connection:
// a second connection between the same hosts continues the first one's clock, which lets
// its SYN prove itself newer than a TIME-WAIT's TS.Recent (RFC 6191).
TEST(TcpOptions, LinuxTsvalClockContinuesAcrossConnectionsBetweenTwoHosts) {
  TwoHosts t(1, sim::milliseconds(5), tcp::TcpConfig::linux_like());
  t.at_ms(0, [&t] { t.server->listen(80, {}); });
  t.at_ms(10, [&t] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(50, [&t] { t.client->connect(t.server_ip(), 80); });
  t.run_ms(200);
  std::vector<uint32_t> syn_tsvals;
  for (const Wire& w : wire_segments(t))
    if (w.from == "client" && w.seg.has(wire::tcpflag::SYN)) syn_tsvals.push_back(w.seg.options.timestamps->value);
  ASSERT_EQ(syn_tsvals.size(), 2u);
  EXPECT_EQ(syn_tsvals[1] - syn_tsvals[0], 40u);
  EXPECT_GT(syn_tsvals[0], 1000u) << "an offset, not the host's uptime";
}
