// The opening of a connection, segment by segment (teaching points T1-T7, T13).
#include <gtest/gtest.h>

#include "two_hosts.hpp"

using namespace synack;
using synack::testing::seg;
using synack::testing::TwoHosts;
using States = std::vector<std::string>;
using Segs = std::vector<synack::testing::Seg>;

namespace {
void listen_and_connect(TwoHosts& t) {
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
}
}  // namespace

// T1, T2: SYN, SYN-ACK, ACK, then data, with the states each segment causes.
TEST(Handshake, ThreeSegmentsThenData) {
  TwoHosts t;
  listen_and_connect(t);
  t.at_ms(100, [&] { t.client->send(1, 5); });
  t.run_ms(500);
  EXPECT_EQ(t.segments(), (Segs{seg("client", "SYN", 0, 0, 0), seg("server", "SYN,ACK", 0, 1, 0),
                                seg("client", "ACK", 1, 1, 0), seg("client", "PSH,ACK", 1, 1, 5),
                                seg("server", "ACK", 1, 6, 0)}));
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "ESTABLISHED"}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 5u);
  EXPECT_TRUE(t.server->pattern_ok(2));
}

// T1 in absolute terms: SYN-ACK acknowledges x+1, the final ACK is seq x+1 ack y+1.
TEST(Handshake, AbsoluteNumbersFollowTheIsns) {
  TwoHosts t;
  listen_and_connect(t);
  t.run_ms(100);
  std::vector<wire::TcpSegment> segs;
  for (const auto& e : t.w->trace().events())
    if (e.kind() == trace::Ev::FrameSent) segs.push_back(*wire::decode_frame(t.w->trace().frame(e.frame).bytes)->tcp);
  ASSERT_EQ(segs.size(), 3u);
  const uint32_t x = segs[0].seq, y = segs[1].seq;
  EXPECT_NE(x, y);
  EXPECT_EQ(segs[1].ack, x + 1);
  EXPECT_EQ(segs[2].seq, x + 1);
  EXPECT_EQ(segs[2].ack, y + 1);
}

// T3: the SYN and SYN-ACK carry MSS, window scale and SACK-permitted in a 32-byte header.
TEST(Handshake, SynCarriesOptionsInThirtyTwoBytes) {
  TwoHosts t;
  listen_and_connect(t);
  t.run_ms(100);
  int checked = 0;
  for (const auto& e : t.w->trace().events()) {
    if (e.kind() != trace::Ev::FrameSent) continue;
    const auto f = wire::decode_frame(t.w->trace().frame(e.frame).bytes);
    ASSERT_TRUE(f);
    if (!f->tcp->has(wire::tcpflag::SYN)) continue;
    EXPECT_EQ(f->tcp->header_length(), 32u);
    EXPECT_EQ(f->tcp->options.mss, 1460);
    EXPECT_EQ(f->tcp->options.window_scale, 7);
    EXPECT_TRUE(f->tcp->options.sack_permitted);
    EXPECT_TRUE(f->tcp->payload.empty());
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

// T6: the third ACK is lost. The server retransmits SYN-ACK after 1 s, then 2 s more
// (backoff); the client, already ESTABLISHED, answers each. If every answer is lost the
// server gives up silently and the client's first data later meets a RST.
TEST(Handshake, LostThirdAckServerRetriesThenGivesUpSilently) {
  tcp::TcpConfig cfg;
  cfg.synack_retries = 2;
  TwoHosts t(1, sim::milliseconds(5), cfg);
  t.w->faults().push_back(link::FaultRule{.name = "lose every client ACK",
                                          .match = {.from_host = t.client->id(), .flags = link::FlagMatch::PureAck},
                                          .action = {.kind = link::FaultActionKind::Drop}});
  listen_and_connect(t);
  t.at_ms(20000, [&] { t.client->send(1, 10); });
  t.run_ms(25000);
  const Segs s = t.segments();
  std::vector<int64_t> synack_times;
  for (const auto& g : s)
    if (g.flags == "SYN,ACK") synack_times.push_back(g.t_ns);
  ASSERT_EQ(synack_times.size(), 3u);  // first + 2 retries
  EXPECT_EQ((synack_times[1] - synack_times[0]) / 1000000, 1000);
  EXPECT_EQ((synack_times[2] - synack_times[1]) / 1000000, 2000);
  // No RST when the server gives up...
  size_t rst_before_data = 0;
  for (const auto& g : s)
    if (g.flags.find("RST") != std::string::npos && g.t_ns < 20000000000) ++rst_before_data;
  EXPECT_EQ(rst_before_data, 0u);
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "CLOSED"}));
  // ...the RST comes only when data arrives for the connection it no longer has.
  EXPECT_EQ(s.back().from, "server");
  EXPECT_EQ(s.back().flags, "RST");
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "ESTABLISHED", "CLOSED"}));
  EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::Reset);
}

// T6: data sent while the server is still in SYN-RCVD carries the ACK and completes the handshake.
TEST(Handshake, DataRepairsALostThirdAck) {
  TwoHosts t;
  t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.client->id(), .flags = link::FlagMatch::PureAck, .nth = 1},
                                          .action = {.kind = link::FaultActionKind::Drop}});
  listen_and_connect(t);
  t.at_ms(30, [&] { t.client->send(1, 100); });
  t.run_ms(500);
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 100u);
  for (const auto& g : t.segments()) EXPECT_TRUE(g.note.empty()) << "unexpected retransmission: " << g;
}

// T14: a SYN to a port nobody listens on is answered with RST; connect() is refused.
TEST(Handshake, ClosedPortAnswersRst) {
  TwoHosts t;
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 81); });
  t.run_ms(100);
  EXPECT_EQ(t.segments(), (Segs{seg("client", "SYN", 0, 0, 0), seg("server", "RST,ACK", 0, 1, 0)}));
  EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::Refused);
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "CLOSED"}));
}

// The client's SYN is retransmitted with backoff (1 s, 2 s, 4 s...) and then gives up.
TEST(Handshake, SynRetriesThenTimesOut) {
  tcp::TcpConfig cfg;
  cfg.syn_retries = 3;
  TwoHosts t(1, sim::milliseconds(5), cfg);
  t.w->faults().push_back(link::FaultRule{.match = {.flags = link::FlagMatch::Syn}, .action = {.kind = link::FaultActionKind::Drop}});
  listen_and_connect(t);
  t.run_ms(60000);
  std::vector<int64_t> times;
  for (const auto& g : t.segments()) times.push_back(g.t_ns / 1000000);
  EXPECT_EQ(times, (std::vector<int64_t>{10, 1010, 3010, 7010}));
  EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::TimedOut);
}

// Simultaneous open (RFC 9293 Figure 8): both send SYN, both pass through SYN-RCVD, and
// each SYN,ACK, reaching SYN-RCVD, acknowledges the other's SYN: four segments, no bare ACK.
TEST(Handshake, SimultaneousOpenInFourSegments) {
  TwoHosts t;
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 5000, {.local_port = 6000}); });
  t.at_ms(10, [&] { t.server->connect(t.client->config().ip, 6000, {.local_port = 5000}); });
  t.run_ms(500);
  EXPECT_EQ(t.segments(), (Segs{seg("client", "SYN", 0, 0, 0), seg("server", "SYN", 0, 0, 0),
                                seg("server", "SYN,ACK", 0, 1, 0), seg("client", "SYN,ACK", 0, 1, 0)}));
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "SYN-RCVD", "ESTABLISHED"}));
  EXPECT_EQ(t.states("server"), (States{"SYN-SENT", "SYN-RCVD", "ESTABLISHED"}));
  EXPECT_EQ(t.entered_at("client", tcp::State::SynReceived, tcp::State::Established), 20014400);  // when the SYN,ACK arrived
  EXPECT_TRUE(t.client->sockets()[0].connected);
  EXPECT_TRUE(t.server->sockets()[0].connected);
  // The SYN,ACK's unscaled window, taken in the scaled units (65535 >> 7 = 511, 511 << 7).
  EXPECT_EQ(t.client->connection(1)->vars().snd_wnd, 65408u);
}

// RFC 9293 3.10.4 CLOSE in SYN-RECEIVED: FIN-WAIT-1 at once. The FIN follows once our
// SYN is acknowledged: before that the peer, in SYN-SENT or SYN-RCVD, has not taken our ISN.
TEST(Handshake, CloseInSynRcvdEntersFinWait1AtOnce) {
  TwoHosts t;
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 5000, {.local_port = 6000}); });
  t.at_ms(10, [&] { t.server->connect(t.client->config().ip, 6000, {.local_port = 5000}); });
  t.at_ms(17, [&] { t.client->close(1); });  // both SYN-RCVD since 15 ms; the SYN,ACKs arrive at 20 ms
  t.run_ms(1000);
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "SYN-RCVD", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"}));
  EXPECT_EQ(t.entered_at("client", tcp::State::SynReceived, tcp::State::FinWait1), 17000000);
  EXPECT_EQ(t.states("server"), (States{"SYN-SENT", "SYN-RCVD", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"}));
  const Segs s = t.segments();
  EXPECT_EQ(s, (Segs{seg("client", "SYN", 0, 0, 0), seg("server", "SYN", 0, 0, 0), seg("server", "SYN,ACK", 0, 1, 0),
                     seg("client", "SYN,ACK", 0, 1, 0), seg("client", "FIN,ACK", 1, 1, 0), seg("server", "ACK", 1, 2, 0),
                     seg("server", "FIN,ACK", 1, 2, 0), seg("client", "ACK", 2, 2, 0)}));
  ASSERT_EQ(s.size(), 8u);
  EXPECT_EQ(s[4].t_ns, 20014400);  // the FIN leaves when the peer's SYN,ACK acknowledges our SYN
}

// T7: one server, many clients: each four-tuple is its own connection.
TEST(Handshake, FourTupleSeparatesConnections) {
  TwoHosts t;
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  for (int i = 0; i < 20; ++i) t.at_ms(10 + i, [&] { t.client->connect(t.server_ip(), 80); });
  t.run_ms(1000);
  EXPECT_EQ(t.server->connection_count(), 20u);
  std::set<uint16_t> ports;
  for (const auto& s : t.server->sockets())
    if (!s.listening) ports.insert(s.tuple.remote_port);
  EXPECT_EQ(ports.size(), 20u);
}
