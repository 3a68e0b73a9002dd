// Scenario tests for the teaching points not covered by the handshake and close suites
// (T4, T5, T13, T15-T18), plus flow control with a zero window.
#include <gtest/gtest.h>

#include "two_hosts.hpp"

using namespace synack;
using synack::testing::seg;
using synack::testing::TwoHosts;
using States = std::vector<std::string>;
using Segs = std::vector<synack::testing::Seg>;
using trace::Ev;

namespace {
// T4: a client's SYN is delayed in the network; the client gives up and is gone by the
// time the stale SYN arrives. The client host answers the SYN,ACK with RST, and that RST
// is lost too (the worst case: the server hears nothing back).
TwoHosts stale_syn(bool two_way) {
  tcp::TcpConfig cfg;
  cfg.syn_retries = 0;
  cfg.synack_retries = 2;
  cfg.two_way_handshake = two_way;
  TwoHosts t(1, sim::milliseconds(5), cfg);
  t.w->faults().push_back(link::FaultRule{.name = "the old SYN lingers in the network",
                                          .match = {.from_host = t.client->id(), .flags = link::FlagMatch::Syn, .nth = 1},
                                          .action = {.kind = link::FaultActionKind::Delay, .amount = sim::seconds(3)}});
  t.w->faults().push_back(link::FaultRule{.name = "the client's RST is lost",
                                          .match = {.from_host = t.client->id(), .flags = link::FlagMatch::Rst},
                                          .action = {.kind = link::FaultActionKind::Drop}});
  t.at_ms(0, [&t] { t.server->listen(80, {}); });
  t.at_ms(10, [&t] { t.client->connect(t.server_ip(), 80); });
  t.run_ms(60000);
  return t;
}
}  // namespace

TEST(Teaching, T4ThreeWayHandshakeShrugsOffAStaleSyn) {
  TwoHosts t = stale_syn(false);
  EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::TimedOut);  // the client gave up at 1 s
  // The server answered the stale SYN, heard nothing back, retried and let go.
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "CLOSED"}));
  EXPECT_EQ(t.server->connection_count(), 0u);
}

TEST(Teaching, T4AndT5TwoWayHandshakeIsFooledForever) {
  TwoHosts t = stale_syn(true);
  // Counterfactual: the server believes in a connection nobody wants, and with no idle
  // timeout in plain TCP (T5) it holds it, and its memory, for good.
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
  EXPECT_EQ(t.server->connection_count(), 1u);
  EXPECT_GT(t.server->memory_bytes(), 0u);
}

TEST(Teaching, T13SynRcvdLastsOneRoundTrip) {
  TwoHosts t;
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
  t.run_ms(100);
  int64_t entered = -1, left = -1;
  for (const auto& e : t.w->trace().events()) {
    const trace::StateChange* c = e.as<trace::StateChange>();
    if (!c || t.w->trace().host_name(e.host) != "server") continue;
    if (c->from == tcp::State::Listen && c->to == tcp::State::SynReceived) entered = e.t.ns;
    if (c->from == tcp::State::SynReceived && c->to == tcp::State::Established) left = e.t.ns;
  }
  // 10 ms of cable there and back, plus two serializations of 60-66 bytes at 100 Mb/s.
  EXPECT_EQ(left - entered, 10000000 + 7200 + 6720);
}

TEST(Teaching, T15TcpItselfClosesWhenRetransmissionsFail) {
  tcp::TcpConfig cfg;
  cfg.data_retries = 3;
  TwoHosts t(1, sim::milliseconds(5), cfg);
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(100, [&] {
    t.w->faults().push_back(link::FaultRule{.action = {.kind = link::FaultActionKind::LinkDown, .amount = sim::seconds(1000)}});
    t.client->send(1, 100);
  });
  t.run_ms(60000);
  EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::TimedOut);
  EXPECT_EQ(t.states("client").back(), "CLOSED");
}

TEST(Teaching, T16KeepaliveProbesAnIdleConnectionThenGivesUp) {
  tcp::TcpConfig cfg;
  cfg.keepalive_idle = sim::seconds(10);
  cfg.keepalive_interval = sim::seconds(2);
  cfg.keepalive_probes = 3;
  TwoHosts t(1, sim::milliseconds(5), cfg);
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80, {.keepalive = true}); });
  t.run_ms(11000);
  // The first probe at 10 s of idleness is answered: the peer is alive.
  Segs s = t.segments();
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[3].note, (trace::FrameNote{.kind = trace::FrameNoteKind::KeepAliveProbe, .n = 1}));
  EXPECT_EQ(s[3].seq, 0u);  // SND.NXT - 1: old news the peer must answer
  EXPECT_EQ(s[4], seg("server", "ACK", 1, 1, 0));
  // Now the server vanishes: three unanswered probes, then a reset.
  t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.server->id()}, .action = {.kind = link::FaultActionKind::Drop}});
  t.run_ms(40000);
  EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::TimedOut);
  size_t probes = 0;
  for (const auto& g : t.segments()) probes += g.note.kind == trace::FrameNoteKind::KeepAliveProbe;
  EXPECT_EQ(probes, 4u);
}

TEST(Teaching, T17ShortConnectionsCostMoreSegmentsThanOneLongOne) {
  auto run = [](bool long_connection) {
    TwoHosts t;
    t.at_ms(0, [&t] { t.server->listen(80, {.echo = true}); });
    t.at_ms(10, [&t, long_connection] {
      t.client->start_requests({.server = t.server_ip(), .port = 80, .count = 5, .bytes = 200,
                                .long_connection = long_connection});
    });
    t.run_ms(5000);
    EXPECT_EQ(t.client->requests_done(), 5);
    return t.segments().size();
  };
  const size_t short_segments = run(false);
  const size_t long_segments = run(true);
  // Each short connection pays a handshake (3) and a close (3-4) on top of its exchange.
  EXPECT_GE(short_segments, long_segments + 4 * 6);
}

TEST(Teaching, T18IdleConnectionsCostMemoryNotTheNic) {
  TwoHosts t;
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  for (int i = 0; i < 10; ++i) t.at_ms(10 + i, [&] { t.client->connect(t.server_ip(), 80); });
  t.run_ms(1000);
  const auto before = t.server->nic().counters();
  const size_t memory = t.server->memory_bytes();
  t.run_ms(600000);  // ten idle minutes
  EXPECT_EQ(t.server->connection_count(), 10u);
  EXPECT_EQ(t.server->memory_bytes(), memory);
  EXPECT_GE(memory, 10 * tcp::Connection::kControlBlockBytes);
  EXPECT_EQ(t.server->nic().counters().rx_frames, before.rx_frames);  // not one frame
  EXPECT_EQ(t.server->nic().counters().tx_frames, before.tx_frames);
}

TEST(FlowControl, ZeroWindowIsProbedUntilTheReaderReads) {
  tcp::TcpConfig cfg;
  cfg.recv_buffer = 4000;
  cfg.window_scaling = false;
  TwoHosts t(1, sim::milliseconds(5), cfg);
  t.at_ms(0, [&] { t.server->listen(80, {.read = false}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(100, [&] { t.client->send(1, 10000); });
  t.at_ms(8000, [&] { t.server->read(2, 10000); });
  t.at_ms(16000, [&] { t.server->read(2, 10000); });
  t.at_ms(24000, [&] { t.server->read(2, 10000); });
  t.run_ms(40000);
  size_t probes = 0, zero_windows = 0;
  for (const auto& g : t.segments()) probes += g.note.kind == trace::FrameNoteKind::ZeroWindowProbe;
  for (const auto& e : t.w->trace().events()) {
    if (e.kind() != Ev::FrameSent || t.w->trace().host_name(e.host) != "server") continue;
    auto f = wire::decode_frame(t.w->trace().frame(e.frame).bytes);
    if (f && f->tcp->window == 0) ++zero_windows;
  }
  EXPECT_GT(zero_windows, 0u);
  EXPECT_GT(probes, 0u);
  // Nothing was lost or pushed past the window: everything arrives once read.
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 10000u);
  EXPECT_TRUE(t.server->pattern_ok(2));
}
