// Conformance: behaviours that other stacks' test suites assert (lwIP's
// test/unit/tcp/test_tcp_state.c and test_tcp.c, smoltcp's tests in src/socket/tcp.rs,
// packetdrill's gtests/net/tcp/), checked here segment by segment against RFC 9293 and
// the RFCs it builds on. Each test names the peer test it comes from, as a reference
// only. docs/CONFORMANCE.md holds the checklist and its verdicts.
#include <gtest/gtest.h>

#include "two_hosts.hpp"

using namespace synack;
using synack::testing::seg;
using synack::testing::TwoHosts;
using States = std::vector<std::string>;
using Segs = std::vector<synack::testing::Seg>;

namespace {
void open(TwoHosts& t, host::ListenOptions opts = {}, host::ConnectOptions copts = {}) {
  t.at_ms(0, [&t, opts] { t.server->listen(80, opts); });
  t.at_ms(10, [&t, copts] { t.client->connect(t.server_ip(), 80, copts); });
}
Segs after_handshake(const Segs& s) { return Segs(s.begin() + 3, s.end()); }
link::FaultRule delay_nth(const TwoHosts& t, link::FlagMatch m, uint32_t nth, int64_t ms) {
  return link::FaultRule{.match = {.from_host = t.client->id(), .flags = m, .nth = nth},
                         .action = {.kind = link::FaultActionKind::Delay, .amount = sim::milliseconds(ms)}};
}
}  // namespace

// A FIN that overtook data (lwIP test_tcp_recv_ooseq_FIN_OOSEQ; smoltcp
// test_established_fin_after_missing, test_rx_close_fin_with_hole): RFC 5681 4.2 asks for an immediate duplicate ACK for an out-of-order
// segment, and RFC 9293 3.10.7.4 holds the FIN until the bytes before it arrive.
TEST(Conformance, FinThatOvertookDataGetsAnImmediateDuplicateAck) {
  TwoHosts t;
  t.w->faults().push_back(delay_nth(t, link::FlagMatch::Data, 1, 20));
  open(t, {.close_on_eof = false});
  t.at_ms(100, [&] { t.client->send(1, 100); });
  t.at_ms(100, [&] { t.client->close(1); });
  t.run_ms(500);
  const Segs s = after_handshake(t.segments());
  EXPECT_EQ(s, (Segs{seg("client", "PSH,ACK", 1, 1, 100), seg("client", "FIN,ACK", 101, 1, 0),
                     seg("server", "ACK", 1, 1, 0), seg("server", "ACK", 1, 102, 0)}));
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[2].t_ns / 1000000, 105);  // at once, when the early FIN arrives
  EXPECT_EQ(s[3].t_ns / 1000000, 125);  // the data fills the gap: data and FIN acknowledged together
  EXPECT_NE(t.text().find("FIN arrived before 100 missing bytes: it waits for them"), std::string::npos);
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED", "CLOSE-WAIT"}));
  EXPECT_EQ(t.entered_at("server", "ESTABLISHED -> CLOSE-WAIT") / 1000000, 125);
}

// Data after a gap (smoltcp test_out_of_order): the same immediate duplicate ACK.
TEST(Conformance, DataAfterAGapGetsAnImmediateDuplicateAck) {
  TwoHosts t;
  t.w->faults().push_back(delay_nth(t, link::FlagMatch::Data, 1, 20));
  open(t, {.close_on_eof = false});
  t.at_ms(100, [&] { t.client->send(1, 2920); });  // two full segments
  t.run_ms(500);
  const Segs s = after_handshake(t.segments());
  EXPECT_EQ(s, (Segs{seg("client", "ACK", 1, 1, 1460), seg("client", "PSH,ACK", 1461, 1, 1460),
                     seg("server", "ACK", 1, 1, 0), seg("server", "ACK", 1, 2921, 0)}));
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[2].t_ns / 1000000, 105);
}

// A retransmitted SYN reaching SYN-RCVD (lwIP's tcp_process in SYN_RCVD, "another copy
// of the SYN"; Linux's tcp_check_req): the SYN,ACK is resent at once, so a lost SYN,ACK
// costs the client's RTO only, not the server's as well.
TEST(Conformance, RetransmittedSynInSynRcvdGetsTheSynAckAgain) {
  TwoHosts t;
  // The first SYN arrives 300 ms late, so the server's own SYN,ACK timer (1.315 s) is
  // still far off when the client's retransmitted SYN (sent at 1.010 s) arrives.
  t.w->faults().push_back(delay_nth(t, link::FlagMatch::Syn, 1, 300));
  t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.server->id(), .flags = link::FlagMatch::SynAck, .nth = 1},
                                          .action = {.kind = link::FaultActionKind::Drop}});
  open(t);
  t.run_ms(3000);
  const Segs s = t.segments();
  EXPECT_EQ(s, (Segs{seg("client", "SYN", 0, 0, 0), seg("server", "SYN,ACK", 0, 1, 0), seg("client", "SYN", 0, 0, 0),
                     seg("server", "SYN,ACK", 0, 1, 0), seg("client", "ACK", 1, 1, 0)}));
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[3].t_ns / 1000000, 1015);  // at once, when the second SYN arrives
  EXPECT_EQ(s[3].note, "retransmission (the SYN came again)");
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
  EXPECT_EQ(t.entered_at("server", "SYN-RCVD -> ESTABLISHED") / 1000000, 1025);
  EXPECT_EQ(t.server->connection(2)->vars().srtt.ns, 0);  // Karn: no sample from a SYN,ACK sent twice
}

namespace {
// What the server's application heard about its accepted-or-not connection (socket 2).
std::vector<std::string> server_app_results(const TwoHosts& t) {
  std::vector<std::string> out;
  for (const auto& e : t.w->trace().events())
    if (e.kind == trace::Ev::AppResult && e.host == t.server->id() && e.conn == 2) out.push_back(e.text);
  return out;
}
link::FaultRule lose_client_acks(const TwoHosts& t) {
  return link::FaultRule{.match = {.from_host = t.client->id(), .flags = link::FlagMatch::PureAck},
                         .action = {.kind = link::FaultActionKind::Drop}};
}
}  // namespace

// RST reaching a passive connection in SYN-RCVD (lwIP test_tcp_receive_rst_SYN_RCVD_to_LISTEN;
// smoltcp test_syn_received_rst): the connection goes, the listener stays, and "the user
// need not be informed" (RFC 9293 3.10.7.4): accept() never returned it.
TEST(Conformance, ResetInSynRcvdTellsNoApplication) {
  TwoHosts t;
  t.w->faults().push_back(lose_client_acks(t));  // the server stays in SYN-RCVD
  open(t);
  t.at_ms(100, [&] { t.client->abort(1); });
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "RST,ACK", 1, 1, 0)}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "CLOSED"}));
  EXPECT_EQ(server_app_results(t), std::vector<std::string>{});
  EXPECT_EQ(t.server->connection_count(), 0u);
}

// A half-open connection given up after its SYN,ACK retries (lwIP's SYN_RCVD timeout;
// RFC 9293 3.10.8): freed silently, and its application hears nothing either.
TEST(Conformance, HalfOpenGivenUpTellsNoApplication) {
  tcp::TcpConfig cfg;
  cfg.synack_retries = 1;
  TwoHosts t(1, sim::milliseconds(5), cfg);
  t.w->faults().push_back(lose_client_acks(t));
  open(t);
  t.run_ms(10000);
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "CLOSED"}));
  EXPECT_EQ(server_app_results(t), std::vector<std::string>{});
  EXPECT_EQ(t.server->sockets()[1].error, tcp::CloseReason::GaveUp);  // the kernel's record
}

// send() after shutdown(SHUT_WR) (POSIX: EPIPE; Linux's tcp_sendmsg once the send side
// is shut down): RFC 9293 3.10.2 "connection closing".
// The error reaches the trace as the call's result, and nothing more is sent.
TEST(Conformance, SendAfterShutdownFailsWithEpipe) {
  TwoHosts t;
  open(t, {.close_on_eof = false});
  t.at_ms(100, [&] { t.client->close(1); });
  t.at_ms(200, [&] { t.client->send(1, 100); });
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "FIN,ACK", 1, 1, 0), seg("server", "ACK", 1, 2, 0)}));
  std::vector<std::string> results;
  for (const auto& e : t.w->trace().events())
    if (e.kind == trace::Ev::AppResult && e.host == t.client->id() && e.t.ns == 200000000) results.push_back(e.text);
  EXPECT_EQ(results, std::vector<std::string>{"send() failed: EPIPE, our side is already closed"});
  EXPECT_EQ(t.client->sockets()[0].bytes_to_send, 0u);
}

namespace {
// The client's 3,000 bytes meet a 1,000-byte window that stays shut; then the server
// falls silent (its link down for good) at 200 ms. Unscaled windows keep the numbers exact.
TwoHosts zero_window_then_silence(tcp::TcpConfig cfg) {
  cfg.recv_buffer = 1000;
  cfg.window_scaling = false;
  TwoHosts t(1, sim::milliseconds(5), cfg);
  open(t, {.read = false});
  t.at_ms(100, [&t] { t.client->send(1, 3000); });
  t.at_ms(200, [&t] {
    t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.server->id()},
                                            .action = {.kind = link::FaultActionKind::Drop}});
  });
  return t;
}
std::vector<int64_t> probe_times_ms(const TwoHosts& t) {
  std::vector<int64_t> out;
  for (const auto& g : t.segments())
    if (g.note == "zero-window probe") out.push_back(g.t_ns / 1000000);
  return out;
}
}  // namespace

// Zero-window probes to a peer that stopped answering (lwIP test_tcp_zwp_timeout;
// smoltcp test_zero_window_probe_backoff_no_reply): RFC 9293 3.8.6.1 keeps probing only
// while the receiver answers; after data_retries unanswered probes the sender gives up,
// as Linux does after tcp_retries2, with no RST.
TEST(Conformance, ZeroWindowProbingGivesUpOnASilentPeer) {
  tcp::TcpConfig cfg;
  cfg.data_retries = 3;
  TwoHosts t = zero_window_then_silence(cfg);
  t.run_ms(200000);
  // The zero window reached the client at 110 ms; probes after 1 s, then 2 s and 4 s (backoff); the fourth
  // firing, 8 s after the third probe, gives up.
  EXPECT_EQ(probe_times_ms(t), (std::vector<int64_t>{1110, 3110, 7110}));
  EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::TimedOut);
  EXPECT_EQ(t.entered_at("client", "ESTABLISHED -> CLOSED") / 1000000, 15110);
  for (const auto& g : t.segments()) EXPECT_EQ(g.flags.find("RST"), std::string::npos) << g;
}

// The user timeout (RFC 9293 3.8.3, 3.10.8 "for any state") ends a zero-window stall too
// (Linux: TCP_USER_TIMEOUT with a zero window), at the timeout itself.
TEST(Conformance, UserTimeoutEndsAZeroWindowStall) {
  tcp::TcpConfig cfg;
  cfg.user_timeout = sim::seconds(5);
  TwoHosts t = zero_window_then_silence(cfg);
  t.run_ms(200000);
  EXPECT_EQ(probe_times_ms(t), (std::vector<int64_t>{1110, 3110}));
  EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::TimedOut);
  EXPECT_EQ(t.entered_at("client", "ESTABLISHED -> CLOSED") / 1000000, 5110);
}

// The user timeout in SYN-SENT (smoltcp test_connect_timeout; lwIP
// test_tcp_rto_timeout_syn_sent): the connect fails when the timeout is up, not after
// every SYN retry.
TEST(Conformance, UserTimeoutEndsSynSent) {
  tcp::TcpConfig cfg;
  cfg.user_timeout = sim::milliseconds(2500);
  TwoHosts t(1, sim::milliseconds(5), cfg);
  t.w->faults().push_back(link::FaultRule{.match = {.flags = link::FlagMatch::Syn}, .action = {.kind = link::FaultActionKind::Drop}});
  open(t);
  t.run_ms(60000);
  EXPECT_EQ(t.segments(), (Segs{seg("client", "SYN", 0, 0, 0), seg("client", "SYN", 0, 0, 0)}));
  EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::TimedOut);
  EXPECT_EQ(t.entered_at("client", "SYN-SENT -> CLOSED"), 2510000000);
}

// A bare FIN at RCV.NXT while our receive window is zero (smoltcp test_zero_window_fin;
// Linux tcp_data_queue takes a bare FIN at a zero window): accepted and acknowledged at
// once, not refused until the application reads.
TEST(Conformance, BareFinAtZeroWindowIsAccepted) {
  tcp::TcpConfig cfg;
  cfg.recv_buffer = 1000;
  cfg.window_scaling = false;
  TwoHosts t(1, sim::milliseconds(5), cfg);
  open(t, {.send_on_accept = 1000}, {.read = false});
  t.at_ms(200, [&] { t.server->close(2); });
  t.run_ms(5000);
  EXPECT_EQ(after_handshake(t.segments()),
            (Segs{seg("server", "PSH,ACK", 1, 1, 1000), seg("client", "ACK", 1, 1001, 0), seg("server", "FIN,ACK", 1001, 1, 0),
                  seg("client", "ACK", 1, 1002, 0)}));
  // Its application, not reading, has not reached the end yet: CLOSE-WAIT stays.
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "ESTABLISHED", "CLOSE-WAIT"}));
  EXPECT_TRUE(t.client->sockets()[0].peer_closed);
}

// Data and FIN in one segment (smoltcp test_close_wait_no_window_update, its first exchange):
// one acknowledgment for both, not an ACK of the data and then one of the FIN.
TEST(Conformance, DataWithFinGetsOneAck) {
  TwoHosts t;
  open(t, {.close_on_eof = false});
  // A full segment leaves; Nagle holds the 100-byte tail until close() sends it with the FIN.
  t.at_ms(100, [&] { t.client->send(1, 1560); });
  t.at_ms(100, [&] { t.client->close(1); });
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()),
            (Segs{seg("client", "ACK", 1, 1, 1460), seg("client", "FIN,PSH,ACK", 1461, 1, 100),
                  seg("server", "ACK", 1, 1461, 0), seg("server", "ACK", 1, 1562, 0)}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED", "CLOSE-WAIT"}));
}

// Giving up after data retransmissions (lwIP test_tcp_rto_timeout; smoltcp
// test_established_timeout): RFC 9293 3.10.8 deletes the TCB and tells the user; no RST
// goes to a peer that has not answered anything. Linux (tcp_write_err) agrees, so both
// profiles do the same.
TEST(Conformance, DataGiveUpSendsNoRst) {
  for (const tcp::TcpConfig& base : {tcp::TcpConfig::rfc(), tcp::TcpConfig::linux_like()}) {
    tcp::TcpConfig cfg = base;
    cfg.data_retries = 3;
    TwoHosts t(1, sim::milliseconds(5), cfg);
    open(t);
    t.at_ms(100, [&] {
      t.w->faults().push_back(link::FaultRule{.action = {.kind = link::FaultActionKind::LinkDown, .amount = sim::seconds(1000)}});
      t.client->send(1, 100);
    });
    t.run_ms(200000);
    EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::TimedOut);
    const Segs s = after_handshake(t.segments());
    // rfc: the data and its three retransmissions, nothing after. linux: a tail loss
    // probe first, and the retries count as time (tcp_model_timeout: 200+400+800+1600 ms
    // from the first timeout), so a fourth retransmission leaves before the fifth
    // timeout gives up, as the kernel does (tests/oracle/scenarios/data-give-up.toml).
    ASSERT_EQ(s.size(), cfg.data_retries_as_time ? 6u : 4u);
    for (const auto& g : s) EXPECT_EQ(g, seg("client", "PSH,ACK", 1, 1, 100));
  }
}
