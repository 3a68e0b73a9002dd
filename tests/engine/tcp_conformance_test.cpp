// Conformance: behaviours that other stacks' test suites assert (lwIP's
// test/unit/tcp/test_tcp_state.c and test_tcp.c, smoltcp's tests in src/socket/tcp.rs,
// packetdrill's gtests/net/tcp/), checked here segment by segment against RFC 9293 and
// the RFCs it builds on. Each test names the peer test it comes from, as a reference
// only. docs/CONFORMANCE.md holds the checklist and its verdicts.
#include <gtest/gtest.h>

#include <memory>

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
  EXPECT_EQ(t.entered_at("server", tcp::State::Established, tcp::State::CloseWait) / 1000000, 125);
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
  EXPECT_EQ(s[3].note.kind, trace::FrameNoteKind::SynAgain);
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
  EXPECT_EQ(t.entered_at("server", tcp::State::SynReceived, tcp::State::Established) / 1000000, 1025);
  EXPECT_EQ(t.server->connection(2)->vars().srtt.ns, 0);  // Karn: no sample from a SYN,ACK sent twice
}

namespace {
// What the server's application heard about its accepted-or-not connection (socket 2).
std::vector<trace::Result> server_app_results(const TwoHosts& t) {
  std::vector<trace::Result> out;
  for (const auto& e : t.w->trace().events())
    if (auto* r = e.as<trace::AppResult>(); r && e.host == t.server->id() && e.conn == 2) out.push_back(r->result);
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
  EXPECT_EQ(server_app_results(t), std::vector<trace::Result>{});
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
  EXPECT_EQ(server_app_results(t), std::vector<trace::Result>{});
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
  std::vector<trace::Result> results;
  for (const auto& e : t.w->trace().events())
    if (auto* r = e.as<trace::AppResult>(); r && e.host == t.client->id() && e.t.ns == 200000000) results.push_back(r->result);
  EXPECT_EQ(results, std::vector<trace::Result>{trace::Result::SendEpipe});
  EXPECT_EQ(t.client->unsent(1), 0u);
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
    if (g.note.kind == trace::FrameNoteKind::ZeroWindowProbe) out.push_back(g.t_ns / 1000000);
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
  EXPECT_EQ(t.entered_at("client", tcp::State::Established, tcp::State::Closed) / 1000000, 15110);
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
  EXPECT_EQ(t.entered_at("client", tcp::State::Established, tcp::State::Closed) / 1000000, 5110);
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
  EXPECT_EQ(t.entered_at("client", tcp::State::SynSent, tcp::State::Closed), 2510000000);
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

// ---------------------------------------------------------------------------------
// Hand-made segments ([[segment]], host::Host::inject): what the peers' suites send to a
// stack under test, sent here from one host's NIC beside its own TCP.
// ---------------------------------------------------------------------------------

using synack::testing::handmade;

namespace {
// The hand-made segment `g` from `h` at `ms`, on its socket `sock`.
void inject(TwoHosts& t, int64_t ms, host::Host* h, host::HandmadeSegment g, int sock) {
  g.socket = sock;
  t.at_ms(ms, [h, g] { h->inject(g); });
}
// The same, with a four-tuple of its own (no connection on the sender).
void inject_to(TwoHosts& t, int64_t ms, host::Host* from, host::Host* to, uint16_t src_port, uint16_t port,
               host::HandmadeSegment g) {
  g.to = to->config().ip;
  g.src_port = src_port;
  g.port = port;
  t.at_ms(ms, [from, g] { from->inject(g); });
}
bool has_note(const TwoHosts& t, const std::string& text) { return t.text().find(text) != std::string::npos; }
std::optional<tcp::CloseReason> server_error(const TwoHosts& t) { return t.server->sockets()[1].error; }
}  // namespace

// RST at RCV.NXT in ESTABLISHED (smoltcp test_established_rst, test_established_rst_no_ack):
// the connection is reset at once, with no answer (RFC 9293 3.10.7.4 second check; RFC 5961 3.2).
TEST(Conformance, RstAtRcvNxtResetsEstablished) {
  for (const char* flags : {"RST", "RST,ACK"}) {
    TwoHosts t;
    open(t);
    inject(t, 100, t.client, handmade(flags, "snd.nxt"), 1);
    t.run_ms(500);
    EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", flags, 1, std::string(flags) == "RST" ? 0 : 1, 0)}));
    EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED", "CLOSED"}));
    EXPECT_EQ(server_error(t), tcp::CloseReason::Reset);
  }
}

// RST inside the window but not at RCV.NXT (smoltcp test_established_rst_bad_seq): a
// challenge ACK, the connection stays (RFC 5961 3.2).
TEST(Conformance, InWindowRstOffRcvNxtGetsAChallengeAck) {
  TwoHosts t;
  open(t);
  inject(t, 100, t.client, handmade("RST", "snd.nxt+10"), 1);
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "RST", 11, 0, 0), seg("server", "ACK", 1, 1, 0)}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
}

// RST outside the window (smoltcp test_bad_seq_rst_dropped_silently): dropped with no
// answer at all (RFC 9293 3.10.7.4: "silently drop"; RFC 5961 3.2: discard).
TEST(Conformance, OutOfWindowRstIsDroppedSilently) {
  TwoHosts t;
  open(t);
  inject(t, 100, t.client, handmade("RST", "snd.nxt-100"), 1);
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "RST", static_cast<uint32_t>(-99), 0, 0)}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
}

// A RST carrying data (RFC 9293 3.5.3 allows diagnostic text in a RST): it resets all the
// same, and the bytes are not delivered.
TEST(Conformance, RstWithDataResetsAndDeliversNothing) {
  TwoHosts t;
  open(t);
  inject(t, 100, t.client, handmade("RST", "snd.nxt", "rcv.nxt", 10), 1);
  t.run_ms(500);
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED", "CLOSED"}));
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 0u);
}

// A SYN in ESTABLISHED (smoltcp test_bad_seq_syn_with_data_rate_limited; RFC 5961 4.2):
// a challenge ACK whatever its sequence number, the connection stays, and a second
// within the throttle interval gets none (RFC 5961 7).
TEST(Conformance, SynInEstablishedGetsOneChallengeAckPerInterval) {
  TwoHosts t;
  open(t);
  inject(t, 100, t.client, handmade("SYN", "snd.nxt+1000", "rcv.nxt", 10), 1);
  inject(t, 200, t.client, handmade("SYN", "snd.nxt+1000", "rcv.nxt", 10), 1);
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "SYN", 1001, 0, 10), seg("server", "ACK", 1, 1, 0),
                                                 seg("client", "SYN", 1001, 0, 10)}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 0u);
  EXPECT_TRUE(has_note(t, "invalid segment not answered: ACK throttled (RFC 5961 7)"));
}

// Data without the ACK bit in ESTABLISHED (smoltcp test_established_no_ack; packetdrill
// validate/validate-established-no-flags.pkt): dropped, not delivered, not answered
// (RFC 9293 3.10.7.4 fifth check: "if the ACK bit is off, drop the segment").
TEST(Conformance, DataWithoutAckInEstablishedIsDropped) {
  TwoHosts t;
  open(t);
  inject(t, 100, t.client, handmade("none", "snd.nxt", "rcv.nxt", 100), 1);
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "none", 1, 0, 100)}));
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 0u);
}

// An ACK of data never sent (smoltcp test_established_bad_ack): answered with an ACK and
// dropped (RFC 9293 3.10.7.4 fifth check, ESTABLISHED: "SEG.ACK > SND.NXT").
TEST(Conformance, AckOfUnsentDataIsAnsweredWithAnAck) {
  TwoHosts t;
  open(t);
  inject(t, 100, t.client, handmade("ACK", "snd.nxt", "rcv.nxt+100"), 1);
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "ACK", 1, 101, 0), seg("server", "ACK", 1, 1, 0)}));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
}

// An old duplicate ACK (SEG.ACK < SND.UNA) is ignored (RFC 9293 3.10.7.4 fifth check).
TEST(Conformance, OldDuplicateAckIsIgnored) {
  TwoHosts t;
  open(t);
  inject(t, 100, t.client, handmade("ACK", "snd.nxt", "rcv.nxt-10"), 1);
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()), (Segs{seg("client", "ACK", 1, static_cast<uint32_t>(-9), 0)}));
}

// Data beyond the receive window (smoltcp test_established_bad_seq): an ACK saying what
// is expected, the data dropped (RFC 9293 3.10.7.4 first check).
TEST(Conformance, DataBeyondTheWindowGetsAnAckAndIsDropped) {
  TwoHosts t;
  open(t);
  inject(t, 100, t.client, handmade("PSH,ACK", "snd.nxt+100000000", "rcv.nxt", 10), 1);
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()),
            (Segs{seg("client", "PSH,ACK", 100000001, 1, 10), seg("server", "ACK", 1, 1, 0)}));
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 0u);
}

// Data already received, again (smoltcp test_duplicate_seq_ack): acknowledged at once.
TEST(Conformance, DuplicateDataIsAcknowledgedAtOnce) {
  TwoHosts t;
  open(t);
  t.at_ms(100, [&] { t.client->send(1, 100); });
  inject(t, 200, t.client, handmade("PSH,ACK", "isn+1", "rcv.nxt", 100), 1);
  t.run_ms(500);
  const Segs s = after_handshake(t.segments());
  EXPECT_EQ(s, (Segs{seg("client", "PSH,ACK", 1, 1, 100), seg("server", "ACK", 1, 101, 0),
                     seg("client", "PSH,ACK", 1, 1, 100), seg("server", "ACK", 1, 101, 0)}));
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[3].t_ns / 1000000, 205);
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 100u);
}

namespace {
// The client in SYN-SENT: the server hears no SYN (every one dropped), and the server
// host sends hand-made segments to the client's port instead.
void client_in_syn_sent(TwoHosts& t) {
  t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.client->id(), .flags = link::FlagMatch::Syn},
                                          .action = {.kind = link::FaultActionKind::Drop}});
  t.at_ms(10, [&t] { t.client->connect(t.server_ip(), 80); });
}
// A server segment to the client's connection, with ack relative to the client's ISN.
void to_syn_sent(TwoHosts& t, const char* flags, int64_t ack_past_isn) {
  t.at_ms(100, [&t, flags, ack_past_isn] {
    const tcp::Connection* c = t.client->connection(1);
    host::HandmadeSegment g = handmade(flags, "5000");
    g.ack = host::SeqValue{host::SeqValue::Base::Absolute, static_cast<uint32_t>(c->vars().iss + ack_past_isn)};
    g.to = t.client->config().ip;
    g.src_port = 80;
    g.port = c->tuple().local_port;
    t.server->inject(g);
  });
}
}  // namespace

// SYN-SENT (RFC 9293 3.10.7.3): a RST without ACK (smoltcp test_syn_sent_rst_no_ack) and a
// RST whose ACK is not for our SYN (test_syn_sent_rst_bad_ack) are dropped; the connect
// goes on.
TEST(Conformance, SynSentIgnoresARstThatDoesNotAckItsSyn) {
  for (const char* flags : {"RST", "RST,ACK"}) {
    TwoHosts t;
    client_in_syn_sent(t);
    to_syn_sent(t, flags, 1000);
    t.run_ms(500);
    EXPECT_EQ(t.segments().size(), 2u);  // the SYN and the hand-made RST
    EXPECT_EQ(t.states("client"), (States{"SYN-SENT"}));
  }
}

// SYN-SENT receiving a SYN,ACK that acknowledges something never sent (smoltcp
// test_syn_sent_bad_ack): a RST at SEG.ACK, and the connect goes on (RFC 9293 3.10.7.3 first).
TEST(Conformance, SynSentAnswersABadAckWithRst) {
  TwoHosts t;
  client_in_syn_sent(t);
  to_syn_sent(t, "SYN,ACK", 1000);
  t.run_ms(500);
  const Segs s = t.segments();
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[2], seg("client", "RST", 1000, 0, 0));
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT"}));
}

// LISTEN (RFC 9293 3.10.7.2): a RST is ignored (smoltcp test_listen_rst), an ACK is
// reset at SEG.ACK (lwIP's tcp_listen_input), a FIN without SYN or ACK is dropped.
TEST(Conformance, ListenIgnoresRstAndFinAndResetsAnAck) {
  TwoHosts t;
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  inject_to(t, 10, t.client, t.server, 5000, 80, handmade("RST", "100"));
  inject_to(t, 20, t.client, t.server, 5001, 80, handmade("FIN", "100"));
  inject_to(t, 30, t.client, t.server, 5002, 80, handmade("ACK", "100", "7777"));
  t.run_ms(500);
  const Segs s = t.segments();
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[3].from, "server");
  EXPECT_EQ(s[3].flags, "RST");
  EXPECT_EQ(s[3].seq, 7777u);  // no ISN learnt: absolute
  EXPECT_EQ(t.server->connection_count(), 0u);
}

// CLOSED (RFC 9293 3.10.7.1; smoltcp test_closed_reject): no ACK: RST,ACK at SEG.SEQ +
// SEG.LEN; with an ACK: RST at SEG.ACK; a RST: nothing.
TEST(Conformance, ClosedPortResetsWithTheNumbersTheSenderAccepts) {
  TwoHosts t;
  inject_to(t, 10, t.client, t.server, 5000, 81, handmade("PSH", "1000", "0", 10));
  inject_to(t, 20, t.client, t.server, 5001, 81, handmade("ACK", "1000", "5000"));
  inject_to(t, 30, t.client, t.server, 5002, 81, handmade("RST", "1000"));
  t.run_ms(500);
  const Segs s = t.segments();
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[1], seg("server", "RST,ACK", 0, 1010, 0));
  EXPECT_EQ(s[3], seg("server", "RST", 5000, 0, 0));
  EXPECT_EQ(s[4].from, "client");
}

namespace {
// The server held in SYN-RCVD: the client's ACK of the SYN,ACK is lost.
void server_in_syn_rcvd(TwoHosts& t) {
  t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.client->id(), .flags = link::FlagMatch::PureAck, .nth = 1},
                                          .action = {.kind = link::FaultActionKind::Drop}});
  open(t, {.close_on_eof = false});
}
}  // namespace

// SYN-RCVD: an ACK above or below our SYN (smoltcp test_syn_received_ack_too_high,
// test_syn_received_ack_too_low) gets a RST at SEG.ACK, and SYN-RCVD stays
// (RFC 9293 3.10.7.4 fifth check). The client, ESTABLISHED, judges that RST by its own
// window: at SEG.ACK = RCV.NXT + 100 it is in the window, and the client's challenge ACK
// (RFC 5961 3.2) is the ACK the server was waiting for; at RCV.NXT - 1 it is old and dropped.
TEST(Conformance, SynRcvdResetsAnAckOutsideItsSyn) {
  {
    TwoHosts t;
    server_in_syn_rcvd(t);
    inject(t, 100, t.client, handmade("ACK", "snd.nxt", "rcv.nxt-1"), 1);
    t.run_ms(500);
    const Segs s = t.segments();
    ASSERT_EQ(s.size(), 5u);  // SYN, SYN,ACK, the lost ACK, the hand-made ACK, the RST
    EXPECT_EQ(s[4], seg("server", "RST", 0, 0, 0));
    EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD"}));
  }
  {
    TwoHosts t;
    server_in_syn_rcvd(t);
    inject(t, 100, t.client, handmade("ACK", "snd.nxt", "rcv.nxt+100"), 1);
    t.run_ms(500);
    const Segs s = t.segments();
    ASSERT_EQ(s.size(), 6u);
    EXPECT_EQ(s[4], seg("server", "RST", 101, 0, 0));
    EXPECT_EQ(s[5], seg("client", "ACK", 1, 1, 0));
    EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
    EXPECT_EQ(t.entered_at("server", tcp::State::SynReceived, tcp::State::Established) / 1000000, 115);
  }
}

// SYN-RCVD receiving an acceptable FIN,ACK (smoltcp test_syn_received_fin): the ACK opens
// the connection and the FIN closes the peer's side: CLOSE-WAIT, acknowledged.
TEST(Conformance, SynRcvdTakesAFinThatAcksItsSyn) {
  TwoHosts t;
  server_in_syn_rcvd(t);
  inject(t, 100, t.client, handmade("FIN,ACK", "snd.nxt"), 1);
  t.run_ms(500);
  const Segs s = t.segments();
  ASSERT_GE(s.size(), 5u);
  EXPECT_EQ(s[4], seg("server", "ACK", 1, 2, 0));
  EXPECT_EQ(t.states("server"), (States{"LISTEN", "SYN-RCVD", "ESTABLISHED", "CLOSE-WAIT"}));
}

// An MSS option of 0 in a SYN (smoltcp test_listen_syn_zero_mss_is_ignored; Linux's
// tcp_parse_options skips it): the default of 536 applies (RFC 9293 3.7.1, MUST-15). The
// client host's own resets are dropped so that the hand-made handshake can finish.
TEST(Conformance, MssOptionOfZeroIsIgnored) {
  TwoHosts t;
  t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.client->id(), .flags = link::FlagMatch::Rst},
                                          .action = {.kind = link::FaultActionKind::Drop}});
  t.at_ms(0, [&] { t.server->listen(80, {.send_on_accept = 1000}); });
  host::HandmadeSegment syn = handmade("SYN", "1000");
  syn.options = *host::parse_option("mss=0");
  inject_to(t, 10, t.client, t.server, 5000, 80, syn);
  t.at_ms(50, [&] {
    host::HandmadeSegment ack = handmade("ACK", "1001");
    ack.ack = host::SeqValue{host::SeqValue::Base::Absolute, t.server->connection(2)->vars().iss + 1};
    ack.to = t.server_ip();
    ack.src_port = 5000;
    ack.port = 80;
    t.client->inject(ack);
  });
  t.run_ms(500);
  EXPECT_TRUE(has_note(t, "MSS option of 0 ignored: the default 536 applies"));
  std::vector<uint32_t> data;
  for (const auto& g : t.segments())
    if (g.from == "server" && g.len) data.push_back(g.len);
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data[0], 536u);
}

namespace {
// 10 bytes of data from the client with these option bytes, run to 500 ms.
std::unique_ptr<TwoHosts> data_with_options(const tcp::TcpConfig& cfg, const char* hex) {
  auto t = std::make_unique<TwoHosts>(1, sim::milliseconds(5), cfg);
  open(*t);
  host::HandmadeSegment g = handmade("PSH,ACK", "snd.nxt", "rcv.nxt", 10);
  g.options = *host::parse_option(hex);
  inject(*t, 100, t->client, g, 1);
  t->run_ms(500);
  return t;
}
uint64_t server_got(const TwoHosts& t) { return t.server->sockets()[1].bytes_received; }
}  // namespace

// An option of a kind the receiver does not know, with a sane length, is skipped and the
// segment processed (RFC 9293 3.1, MUST-6), under both profiles.
TEST(Conformance, UnknownOptionKindIsSkipped) {
  EXPECT_EQ(server_got(*data_with_options(tcp::TcpConfig::rfc(), "hex=63 04 00 00")), 10u);
  EXPECT_EQ(server_got(*data_with_options(tcp::TcpConfig::linux_like(), "hex=63 04 00 00")), 10u);
}

// A malformed option: an MSS of length 3, and a timestamps option whose length runs past
// the header. RFC 9293 3.1 (MUST-7) asks a receiver to be prepared for an illegal
// length: the rfc profile drops the segment (as smoltcp does), traced as malformed;
// the linux profile reads the options up to the bad one and takes the segment
// (Linux's tcp_parse_options). Split by profile.
TEST(Conformance, MalformedOptionDroppedUnderRfcIgnoredUnderLinux) {
  for (const char* hex : {"hex=02 03 05 00", "hex=01 08 0a 00"}) {
    auto rfc = data_with_options(tcp::TcpConfig::rfc(), hex);
    EXPECT_EQ(server_got(*rfc), 0u) << hex;
    EXPECT_EQ(rfc->count(trace::Ev::FrameDropped, trace::DropReason::Malformed), 1u) << hex;
    auto lx = data_with_options(tcp::TcpConfig::linux_like(), hex);
    EXPECT_EQ(server_got(*lx), 10u) << hex;
    EXPECT_TRUE(has_note(*lx, "malformed TCP option: the options from it on are ignored")) << hex;
  }
}

namespace {
// The client closes first and sits in TIME-WAIT; the server's connection is gone, so a
// segment from its socket uses the remembered four-tuple and numbers read off the client.
void client_in_time_wait(TwoHosts& t) {
  open(t);
  t.at_ms(100, [&t] { t.client->close(1); });
}
void from_server_to_time_wait(TwoHosts& t, const char* flags, int64_t seq_past_rcv_nxt) {
  t.at_ms(300, [&t, flags, seq_past_rcv_nxt] {
    const tcp::Connection* c = t.client->connection(1);
    host::HandmadeSegment g = handmade(flags, "0", "0");
    g.seq = host::SeqValue{host::SeqValue::Base::Absolute, static_cast<uint32_t>(c->vars().rcv_nxt + seq_past_rcv_nxt)};
    g.ack = host::SeqValue{host::SeqValue::Base::Absolute, c->vars().snd_nxt};
    g.socket = 2;
    t.server->inject(g);
  });
}
}  // namespace

// RST at RCV.NXT in TIME-WAIT (smoltcp test_time_wait_close's neighbours; Linux with
// tcp_rfc1337 = 0): the wait ends at once. RFC 1337 suggests ignoring it; RFC 9293
// 3.10.7.4 closes, and so does synack (the trace names the hazard).
TEST(Conformance, RstInTimeWaitEndsTheWait) {
  TwoHosts t;
  client_in_time_wait(t);
  from_server_to_time_wait(t, "RST", 0);
  t.run_ms(1000);
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED"}));
  EXPECT_EQ(t.entered_at("client", tcp::State::TimeWait, tcp::State::Closed) / 1000000, 305);
  EXPECT_TRUE(has_note(t, "RST in TIME-WAIT ends the wait early"));
}

// A SYN reaching TIME-WAIT (lwIP test_tcp_gen_rst_in_TIME_WAIT answers RST and keeps
// TIME-WAIT): a challenge ACK (RFC 9293 3.10.7.4 fourth check with RFC 5961 4). The peer,
// which has no connection any more, resets that ACK at its SEG.ACK, which is exactly
// our RCV.NXT: the RST ends TIME-WAIT (the RFC 1337 hazard, recorded).
TEST(Conformance, SynInTimeWaitGetsAChallengeAck) {
  TwoHosts t;
  client_in_time_wait(t);
  from_server_to_time_wait(t, "SYN", 1000);
  t.run_ms(1000);
  const Segs s = t.segments();
  ASSERT_EQ(s.size(), 10u);
  EXPECT_EQ(s[7], seg("server", "SYN", 1002, 0, 0));  // RCV.NXT + 1000, past the FIN
  EXPECT_EQ(s[8], seg("client", "ACK", 2, 2, 0));
  EXPECT_EQ(s[9], seg("server", "RST", 2, 0, 0));
  EXPECT_TRUE(has_note(t, "SYN in synchronized state: challenge ACK"));
  EXPECT_EQ(t.entered_at("client", tcp::State::TimeWait, tcp::State::Closed) / 1000000, 315);
}

// The server closes first and holds TIME-WAIT; the client, CLOSED after LAST-ACK, connects
// again from the same port at 300 ms. Returns the server's SND.NXT in that TIME-WAIT.
namespace {
uint32_t server_in_time_wait_then_reconnect(TwoHosts& t) {
  open(t, {}, {.local_port = 40000});
  t.at_ms(100, [&t] { t.server->close(2); });
  auto snd_nxt = std::make_shared<uint32_t>(0);
  t.at_ms(200, [&t, snd_nxt] { *snd_nxt = t.server->connection(2)->vars().snd_nxt; });
  t.at_ms(300, [&t] { t.client->connect(t.server_ip(), 80, {.local_port = 40000}); });
  t.run_ms(2000);
  return *snd_nxt;
}
}  // namespace

// A new SYN from the same client port meeting the server's TIME-WAIT, under `rfc`: RFC
// 9293 3.10.7.4 answers a SYN in a synchronized state with an acknowledgment (here the
// SYN is beyond the window: the unacceptable segment's ACK; in it, the challenge ACK of
// RFC 5961 4). The client in SYN-SENT resets that ACK, the RST at RCV.NXT ends TIME-WAIT,
// and the connection opens when the client's SYN comes again after its 1 s RTO. The
// reopening that RFC 9293 3.6.1 allows (MAY-2) is not taken: see the linux test below.
TEST(Conformance, SynOnTheServersTimeWaitGetsAnAckUnderRfc) {
  TwoHosts t;
  server_in_time_wait_then_reconnect(t);
  Segs s = t.segments();
  ASSERT_EQ(s.size(), 13u);
  EXPECT_EQ(s[7].from, "client");
  EXPECT_EQ(s[7].flags, "SYN");
  EXPECT_EQ(s[7].t_ns / 1000000, 300);
  EXPECT_EQ(s[8].from, "server");
  EXPECT_EQ(s[8].flags, "ACK");
  EXPECT_EQ(s[9].from, "client");
  EXPECT_EQ(s[9].flags, "RST");
  EXPECT_EQ(s[10], seg("client", "SYN", 0, 0, 0));
  EXPECT_EQ(s[10].t_ns / 1000000, 1300);
  EXPECT_EQ(s[11], seg("server", "SYN,ACK", 0, 1, 0));
  EXPECT_EQ(s[12], seg("client", "ACK", 1, 1, 0));
  EXPECT_EQ(t.states("server", 2),
            (States{"SYN-RCVD", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED"}));
  EXPECT_EQ(t.entered_at("server", tcp::State::TimeWait, tcp::State::Closed) / 1000000, 315);  // by the client's RST
  EXPECT_EQ(t.states("server", 3), (States{"SYN-RCVD", "ESTABLISHED"}));
  EXPECT_FALSE(has_note(t, "ends TIME-WAIT and opens the next connection"));
}

// The same under `linux` (tcp_timewait_state_process: TCP_TW_SYN): the SYN's ISN is beyond
// the old RCV.NXT and its TSval newer than TS.Recent (RFC 9293 3.6.1 MAY-2, RFC 6191), so
// TIME-WAIT ends at once and the listener answers SYN,ACK with an ISS 65537 past the old
// SND.NXT (RFC 1122 4.2.2.13 (1)): the connection opens in one round trip, no RST, no RTO.
TEST(Conformance, SynOnTheServersTimeWaitReopensUnderLinux) {
  TwoHosts t(1, sim::milliseconds(5), tcp::TcpConfig::linux_like());
  const uint32_t old_snd_nxt = server_in_time_wait_then_reconnect(t);
  Segs s = t.segments();
  ASSERT_EQ(s.size(), 9u);  // the client's FIN rode on its ACK of the server's FIN (delayed ACK)
  EXPECT_EQ(s[6], seg("client", "SYN", 0, 0, 0));
  EXPECT_EQ(s[6].t_ns / 1000000, 300);
  EXPECT_EQ(s[7], seg("server", "SYN,ACK", 0, 1, 0));
  EXPECT_EQ(s[7].t_ns / 1000000, 305);  // at once, when the SYN meets TIME-WAIT
  EXPECT_EQ(s[8], seg("client", "ACK", 1, 1, 0));
  EXPECT_EQ(t.states("server", 2), (States{"SYN-RCVD", "ESTABLISHED", "FIN-WAIT-1", "TIME-WAIT", "CLOSED"}));
  EXPECT_EQ(t.entered_at("server", tcp::State::TimeWait, tcp::State::Closed) / 1000000, 305);
  EXPECT_EQ(t.states("server", 3), (States{"SYN-RCVD", "ESTABLISHED"}));
  EXPECT_EQ(t.server->connection(3)->vars().iss, old_snd_nxt + 65537);
  EXPECT_TRUE(has_note(t, "a new SYN with a higher ISN or a newer timestamp ends TIME-WAIT"));
}

// Under `linux` without timestamps, only the ISN can prove a SYN new (RFC 1122 4.2.2.13):
// a hand-made SYN below the old RCV.NXT may be an old duplicate and gets TIME-WAIT's ACK
// (which the client, having no connection, then resets); one above it reopens.
TEST(Conformance, SynOnTheServersTimeWaitNeedsAHigherIsnWithoutTimestamps) {
  for (const int64_t past_rcv_nxt : {-1000, 1000}) {
    tcp::TcpConfig cfg = tcp::TcpConfig::linux_like();
    cfg.timestamps = false;
    TwoHosts t(1, sim::milliseconds(5), cfg);
    open(t, {}, {.local_port = 40000});
    t.at_ms(100, [&t] { t.server->close(2); });
    t.at_ms(300, [&t, past_rcv_nxt] {
      host::HandmadeSegment g = handmade("SYN", "0", "0");
      g.seq = host::SeqValue{host::SeqValue::Base::Absolute,
                             static_cast<uint32_t>(t.server->connection(2)->vars().rcv_nxt + past_rcv_nxt)};
      g.to = t.server_ip();
      g.port = 80;
      g.src_port = 40000;
      t.client->inject(g);
    });
    t.run_ms(400);
    const Segs s = t.segments();
    ASSERT_GE(s.size(), 8u) << past_rcv_nxt;
    EXPECT_EQ(s[6].flags, "SYN");
    EXPECT_EQ(s[6].t_ns / 1000000, 300);
    EXPECT_EQ(s[7].from, "server");
    EXPECT_EQ(s[7].flags, past_rcv_nxt < 0 ? "ACK" : "SYN,ACK") << past_rcv_nxt;
    EXPECT_EQ(s[7].t_ns / 1000000, 305);
    EXPECT_EQ(has_note(t, "ends TIME-WAIT and opens the next connection"), past_rcv_nxt > 0);
    EXPECT_EQ(t.states("server", 3).empty(), past_rcv_nxt < 0) << "a connection for the SYN";
  }
}

// A duplicate ACK in LAST-ACK (smoltcp test_last_ack_duplicate_ack_challenge_ack answers
// with a challenge ACK): ignored, as RFC 9293 3.10.7.4 allows; LAST-ACK waits for the
// ACK of its FIN.
TEST(Conformance, DuplicateAckInLastAckIsIgnored) {
  TwoHosts t;
  t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.client->id(), .flags = link::FlagMatch::PureAck, .nth = 2},
                                          .action = {.kind = link::FaultActionKind::Drop}});
  open(t);
  t.at_ms(100, [&] { t.client->close(1); });  // the server closes on EOF: LAST-ACK, its FIN's ACK lost
  inject(t, 200, t.client, handmade("ACK", "snd.nxt", "rcv.nxt-1"), 1);
  t.run_ms(300);
  EXPECT_EQ(t.segments().back(), seg("client", "ACK", 2, 1, 0));
  EXPECT_EQ(t.states("server").back(), "LAST-ACK");
}

// close() in SYN-SENT (packetdrill close/close-on-syn-sent.pkt; smoltcp test_syn_sent_close):
// the TCB goes without a segment, and the SYN,ACK that arrives later meets a closed port
// and a RST at its ACK (RFC 9293 3.10.4, 3.10.7.1).
TEST(Conformance, CloseInSynSentDeletesTheTcbSilently) {
  TwoHosts t;
  t.w->faults().push_back(delay_nth(t, link::FlagMatch::Syn, 1, 100));
  open(t);
  t.at_ms(50, [&] { t.client->close(1); });
  t.run_ms(500);
  EXPECT_EQ(t.states("client"), (States{"SYN-SENT", "CLOSED"}));
  EXPECT_EQ(t.entered_at("client", tcp::State::SynSent, tcp::State::Closed) / 1000000, 50);
  const Segs s = t.segments();
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[2].from, "client");
  EXPECT_EQ(s[2].flags, "RST");
}

// A lost FIN is retransmitted after the RTO (smoltcp test_retransmit_fin): same sequence
// number, and the close completes.
TEST(Conformance, LostFinIsRetransmitted) {
  TwoHosts t;
  t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.client->id(), .flags = link::FlagMatch::Fin, .nth = 1},
                                          .action = {.kind = link::FaultActionKind::Drop}});
  open(t, {.close_on_eof = false});
  t.at_ms(100, [&] { t.client->close(1); });
  t.run_ms(5000);
  const Segs s = after_handshake(t.segments());
  ASSERT_GE(s.size(), 3u);
  EXPECT_EQ(s[0], seg("client", "FIN,ACK", 1, 1, 0));
  EXPECT_EQ(s[1], seg("client", "FIN,ACK", 1, 1, 0));
  EXPECT_EQ(s[1].t_ns / 1000000, 1100);
  EXPECT_EQ(s[2], seg("server", "ACK", 1, 2, 0));
  EXPECT_EQ(t.states("client").back(), "FIN-WAIT-2");
}

// shutdown(SHUT_WR) (packetdrill shutdown/shutdown-wr-close.pkt): the FIN leaves, and the
// half-closed side still receives what the peer sends after it.
TEST(Conformance, HalfCloseStillReceives) {
  TwoHosts t;
  open(t, {.close_on_eof = false});
  t.at_ms(100, [&] { t.client->close(1); });
  t.at_ms(200, [&] { t.server->send(2, 100); });
  t.run_ms(500);
  EXPECT_EQ(after_handshake(t.segments()),
            (Segs{seg("client", "FIN,ACK", 1, 1, 0), seg("server", "ACK", 1, 2, 0), seg("server", "PSH,ACK", 1, 2, 100),
                  seg("client", "ACK", 2, 101, 0)}));
  EXPECT_EQ(t.client->sockets()[0].bytes_received, 100u);
  EXPECT_EQ(t.states("client").back(), "FIN-WAIT-2");
}

// A SYN carrying data to a listener (packetdrill fastopen/server/pure-syn-data.pkt without
// Fast Open; smoltcp's listen path): the SYN,ACK acknowledges the SYN only; the data,
// not acknowledged, is the client's to send again. RFC 9293 3.10.7.2 lets a receiver
// queue it; synack, like Linux without Fast Open, does not.
TEST(Conformance, SynWithDataGetsASynAckForTheSynOnly) {
  TwoHosts t;
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  inject_to(t, 10, t.client, t.server, 5000, 80, handmade("SYN", "1000", "0", 10));
  t.run_ms(100);
  const Segs s = t.segments();
  ASSERT_GE(s.size(), 2u);
  EXPECT_EQ(s[1].flags, "SYN,ACK");
  EXPECT_EQ(s[1].ack, 1001u);  // absolute: the client host has no ISN here
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 0u);
}
