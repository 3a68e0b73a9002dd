// The closing of a connection (teaching points T8-T12, T14).
#include <gtest/gtest.h>

#include "two_hosts.hpp"

using namespace synack;
using synack::testing::handmade;
using synack::testing::seg;
using synack::testing::TwoHosts;
using States = std::vector<std::string>;
using Segs = std::vector<synack::testing::Seg>;

namespace {
// Handshake done by 100 ms; returns nothing, the sockets are client 1 and server 2.
void open(TwoHosts& t, host::ListenOptions opts = {}) {
  t.at_ms(0, [&t, opts] { t.server->listen(80, opts); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
}
Segs after_handshake(const Segs& s) { return Segs(s.begin() + 3, s.end()); }
}  // namespace

// T8, T9: four segments; the server keeps sending in CLOSE-WAIT (half-close).
TEST(Close, FourWayWithDataInCloseWait) {
  TwoHosts t;
  open(t, {.close_on_eof = false});
  t.at_ms(100, [&] { t.client->close(1); });
  t.at_ms(200, [&] { t.server->send(2, 50); });
  t.at_ms(300, [&] { t.server->close(2); });
  t.run_ms(1000);
  EXPECT_EQ(after_handshake(t.segments()),
            (Segs{seg("client", "FIN,ACK", 1, 1, 0), seg("server", "ACK", 1, 2, 0),
                  seg("server", "PSH,ACK", 1, 2, 50), seg("client", "ACK", 2, 51, 0),
                  seg("server", "FIN,ACK", 51, 2, 0), seg("client", "ACK", 2, 52, 0)}));
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"}));
  EXPECT_EQ(t.client->sockets()[0].bytes_received, 50u);
}

// T10: with delayed ACKs the server's application closes before the ACK of the FIN
// leaves, so ACK and FIN travel together: three segments, and the client skips FIN-WAIT-2.
TEST(Close, MergedFinAckGoesStraightToTimeWait) {
  tcp::TcpConfig cfg;
  cfg.delayed_ack = true;
  TwoHosts t(1, sim::milliseconds(5), cfg);
  open(t);  // close_on_eof: the server closes as soon as read() returns 0
  t.at_ms(100, [&] { t.client->close(1); });
  t.run_ms(1000);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "FIN,ACK", 1, 1, 0), seg("server", "FIN,ACK", 1, 2, 0),
                                                  seg("client", "ACK", 2, 2, 0)}));
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "TIME-WAIT"}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"}));
}

// T11: both close at the same moment: FIN crosses FIN, both pass through CLOSING.
TEST(Close, SimultaneousCloseThroughClosing) {
  TwoHosts t;
  open(t, {.close_on_eof = false});
  t.at_ms(100, [&] { t.client->close(1); });
  t.at_ms(100, [&] { t.server->close(2); });
  t.run_ms(1000);
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT"}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT"}));
}

// T12: TIME-WAIT lasts 2 MSL, then CLOSED.
TEST(Close, TimeWaitLastsTwoMsl) {
  tcp::TcpConfig cfg;
  cfg.msl = sim::seconds(2);
  TwoHosts t(1, sim::milliseconds(5), cfg);
  open(t);
  t.at_ms(100, [&] { t.client->close(1); });
  t.run_ms(4000);
  EXPECT_EQ(t.states("client").back(), "TIME-WAIT");
  t.run_ms(4200);
  EXPECT_EQ(t.states("client").back(), "CLOSED");
}

// T12(a): the last ACK is lost; the server retransmits its FIN; TIME-WAIT answers it
// and restarts the 2 MSL wait.
TEST(Close, TimeWaitAnswersRetransmittedFin) {
  tcp::TcpConfig cfg;
  cfg.msl = sim::seconds(5);
  TwoHosts t(1, sim::milliseconds(5), cfg);
  open(t);
  // The client's last ACK is its first pure ACK after the server's FIN (~110 ms).
  t.w->faults().push_back(link::FaultRule{
      .match = {.from_host = t.client->id(), .flags = link::FlagMatch::PureAck, .nth = 1,
                .after = sim::Time{0} + sim::milliseconds(107)},
      .action = {.kind = link::FaultActionKind::Drop}});
  t.at_ms(100, [&] { t.client->close(1); });
  t.run_ms(20000);
  const Segs s = after_handshake(t.segments());
  ASSERT_GE(s.size(), 6u);
  EXPECT_EQ(s[0], seg("client", "FIN,ACK", 1, 1, 0));
  EXPECT_EQ(s[1], seg("server", "ACK", 1, 2, 0));
  EXPECT_EQ(s[2], seg("server", "FIN,ACK", 1, 2, 0));
  EXPECT_EQ(s[3], seg("client", "ACK", 2, 2, 0));  // lost
  EXPECT_EQ(s[4], seg("server", "FIN,ACK", 1, 2, 0));  // retransmitted after the RTO
  EXPECT_TRUE(s[4].note.retransmission());
  EXPECT_EQ(s[5], seg("client", "ACK", 2, 2, 0));  // answered from TIME-WAIT
  EXPECT_EQ(t.states("server").back(), "CLOSED");
  // TIME-WAIT restarted at the retransmitted FIN: CLOSED 10 s after it, not after the first.
  int64_t closed_at = 0;
  for (const auto& e : t.w->trace().events())
    if (auto* c = e.as<trace::StateChange>(); c && t.w->trace().host_name(e.host) == "client" &&
                                               c->from == tcp::State::TimeWait && c->to == tcp::State::Closed)
      closed_at = e.t.ns;
  const int64_t wait_after_retransmission = closed_at - (s[4].t_ns + 5000000);  // FIN arrives 5 ms after sending
  EXPECT_GE(wait_after_retransmission, 10000000000LL);
  EXPECT_LT(wait_after_retransmission, 10001000000LL);
}

// T14: abort sends RST; the peer's application sees "connection reset".
TEST(Close, AbortSendsRst) {
  TwoHosts t;
  open(t);
  t.at_ms(100, [&] { t.client->abort(1); });
  t.run_ms(1000);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "RST,ACK", 1, 1, 0)}));
  EXPECT_EQ(t.server->sockets()[1].error, tcp::CloseReason::Reset);
  EXPECT_EQ(t.states("server").back(), "CLOSED");
}

// RFC 5961: a RST inside the window but not at RCV.NXT only earns a challenge ACK. The
// RST is forged on the server's side of the cable, 10 bytes past what the client expects
// (the server's own TCP never sends it); tcp_rules_test.cpp checks the rule on one TCB.
TEST(Close, InWindowRstGetsChallengeAck) {
  TwoHosts t;
  open(t);
  host::HandmadeSegment g = handmade("RST", "snd.nxt+10", "rcv.nxt", 0);
  g.socket = 2;  // the server's connection (1 is its listener)
  t.at_ms(100, [&] { ASSERT_TRUE(t.server->inject(g)); });
  t.run_ms(300);
  EXPECT_EQ(t.client->connection(1)->state(), tcp::State::Established);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("server", "RST", 11, 0, 0), seg("client", "ACK", 1, 1, 0)}));
}

namespace {
// A receiver whose application does not read and whose buffer holds 1,000 bytes (no
// window scaling, so the window is exact): 1,000 bytes of 3,000 leave, the rest wait.
tcp::TcpConfig small_unscaled_buffer() {
  tcp::TcpConfig cfg;
  cfg.recv_buffer = 1000;
  cfg.window_scaling = false;
  return cfg;
}
}  // namespace

// RFC 9293 3.10.4 CLOSE in ESTABLISHED: "in any case, enter FIN-WAIT-1", even while the
// queued data (and so the FIN) waits for the peer's window to open.
TEST(Close, CloseWithDataQueuedEntersFinWait1AtOnce) {
  TwoHosts t(1, sim::milliseconds(5), small_unscaled_buffer());
  open(t, {.read = false});
  t.at_ms(100, [&] { t.client->send(1, 3000); });
  t.at_ms(200, [&] { t.client->close(1); });
  t.run_ms(300);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "ACK", 1, 1, 1000), seg("server", "ACK", 1, 1001, 0)}));
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "ESTABLISHED", "FIN-WAIT-1"}));
  EXPECT_EQ(t.entered_at("client", tcp::State::Established, tcp::State::FinWait1), 200000000);
  EXPECT_EQ(t.client->connection(1)->vars().send_buffered, 2000u);  // the FIN waits behind these
  EXPECT_NE(t.text().find("FIN waits behind 2000 unsent bytes"), std::string::npos);
}

// The same in CLOSE-WAIT: close() enters LAST-ACK at once (RFC 9293 3.10.4).
TEST(Close, CloseInCloseWaitWithDataQueuedEntersLastAckAtOnce) {
  TwoHosts t(1, sim::milliseconds(5), small_unscaled_buffer());
  t.at_ms(0, [&] { t.server->listen(80, {.close_on_eof = false}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80, {.read = false}); });
  t.at_ms(100, [&] { t.client->close(1); });
  t.at_ms(150, [&] { t.server->send(2, 3000); });
  t.at_ms(250, [&] { t.server->close(2); });
  t.run_ms(300);
  EXPECT_EQ(after_handshake(t.segments()),
            (Segs{seg("client", "FIN,ACK", 1, 1, 0), seg("server", "ACK", 1, 2, 0), seg("server", "ACK", 1, 2, 1000),
                  seg("client", "ACK", 2, 1001, 0)}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK"}));
  EXPECT_EQ(t.entered_at("server", tcp::State::CloseWait, tcp::State::LastAck), 250000000);
}
