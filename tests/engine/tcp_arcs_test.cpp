// Every row of the state machine's arc table (tcp/arcs.cpp), driven on one Connection:
// from a fixture in the arc's start state, the event, the exact segments out, and the
// change the connection reported. A row without a driver here, or a driver whose
// change is not a row, fails.
#include <functional>

#include "tcp/arcs.hpp"
#include "tcp_fixtures.hpp"
#include "two_hosts.hpp"

namespace synack::testing {
namespace {

using namespace wire::tcpflag;
using tcp::Cause;
using tcp::CloseReason;
using tcp::State;
using tcp::Timer;

struct Driver {
  const char* name;  // the test's name
  State from;
  Cause cause;
  State to;
  At start;
  std::function<tcp::TcpConfig()> config;  // null: plain_config()
  std::function<void(Tcb&)> drive;         // the event, and what it must send
};

tcp::TcpConfig with(std::function<void(tcp::TcpConfig&)> f) {
  tcp::TcpConfig c = plain_config();
  f(c);
  return c;
}

const std::vector<Driver>& drivers() {
  static const std::vector<Driver> d = {
      // --- opening ---
      {"ConnectSendsSyn", State::Closed, Cause::ConnectSendsSyn, State::SynSent, At::Fresh, nullptr,
       [](Tcb& t) {
         t.c.open_active();
         EXPECT_EQ(t.out(), (Outs{"SYN 1000/0 w65535 +0"}));
         EXPECT_TRUE(t.env.armed.count(Timer::Retransmit));
       }},
      {"SynInListen", State::Listen, Cause::SynInListen, State::SynReceived, At::Fresh, nullptr,
       [](Tcb& t) {
         t.c.open_passive(from_peer(SYN, 5000, 0));
         EXPECT_EQ(t.out(), (Outs{"SYN,ACK 1000/5001 w65535 +0"}));
       }},
      {"SimultaneousOpen", State::SynSent, Cause::SimultaneousOpen, State::SynReceived, At::SynSent, nullptr,
       [](Tcb& t) {
         t.in(from_peer(SYN, 5000, 0));
         ASSERT_EQ(t.env.sent_notes.size(), 1u);
         EXPECT_EQ(t.env.sent_notes[0].kind, trace::FrameNoteKind::SimultaneousOpen);
         EXPECT_EQ(t.out(), (Outs{"SYN,ACK 1000/5001 w65535 +0"}));
       }},
      {"AckOfSynAck", State::SynReceived, Cause::AckOfSynAck, State::Established, At::SynRcvd, nullptr,
       [](Tcb& t) {
         t.in(from_peer(ACK, 5001, 1001));
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_EQ(t.env.established_calls, 1);
       }},
      {"DataAcksSynAck", State::SynReceived, Cause::DataAckedSynAck, State::Established, At::SynRcvd, nullptr,
       [](Tcb& t) {
         t.in(from_peer(PSH | ACK, 5001, 1001, 10));
         EXPECT_EQ(t.out(), (Outs{"ACK 1001/5011 w65535 +0"}));
         EXPECT_EQ(t.env.delivered.size(), 10u);
       }},
      {"SimultaneousOpenSynAck", State::SynReceived, Cause::SynAckReceived, State::Established, At::SynRcvdActive,
       nullptr,
       [](Tcb& t) {
         // The peer's SYN,ACK repeats its SYN (trimmed off) and acknowledges ours: open,
         // nothing more to send (RFC 9293 figure 8).
         t.in(from_peer(SYN | ACK, 5000, 1001));
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_EQ(t.env.established_calls, 1);
       }},
      {"TwoWayHandshake", State::SynReceived, Cause::TwoWayHandshake, State::Established, At::Fresh,
       [] { return with([](tcp::TcpConfig& c) { c.two_way_handshake = true; }); },
       [](Tcb& t) {
         t.c.open_passive(from_peer(SYN, 5000, 0));
         EXPECT_EQ(t.out(), (Outs{"SYN,ACK 1000/5001 w65535 +0"}));
         EXPECT_FALSE(t.env.armed.count(Timer::Retransmit));  // no third segment is awaited
       }},
      {"SynAckReceived", State::SynSent, Cause::SynAckReceived, State::Established, At::SynSent, nullptr,
       [](Tcb& t) {
         t.in(from_peer(SYN | ACK, 5000, 1001));
         EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
         EXPECT_FALSE(t.env.armed.count(Timer::Retransmit));
       }},
      // --- closing ---
      {"CloseInSynRcvd", State::SynReceived, Cause::CloseSendsFin, State::FinWait1, At::SynRcvd, nullptr,
       [](Tcb& t) {
         t.c.close();
         EXPECT_EQ(t.out(), Outs{});  // the FIN waits until our SYN is acknowledged
         ASSERT_EQ(t.env.notes.size(), 1u);
         EXPECT_EQ(t.env.notes[0].first, trace::TcpNote::FinWaitsForSynAck);
         t.in(from_peer(ACK, 5001, 1001));
         EXPECT_EQ(t.out(), (Outs{"FIN,ACK 1001/5001 w65535 +0"}));  // and FIN-WAIT-1 stays
       }},
      {"CloseInEstablished", State::Established, Cause::CloseSendsFin, State::FinWait1, At::Established, nullptr,
       [](Tcb& t) {
         t.c.close();
         EXPECT_EQ(t.out(), (Outs{"FIN,ACK 1001/5001 w65535 +0"}));
       }},
      {"FinInEstablished", State::Established, Cause::FinReceived, State::CloseWait, At::Established, nullptr,
       [](Tcb& t) {
         t.in(from_peer(FIN | ACK, 5001, 1001));
         EXPECT_EQ(t.out(), (Outs{"ACK 1001/5002 w65535 +0"}));
         EXPECT_TRUE(t.env.peer_closed_called);
       }},
      {"OurFinAcked", State::FinWait1, Cause::OurFinAcked, State::FinWait2, At::FinWait1, nullptr,
       [](Tcb& t) {
         t.in(from_peer(ACK, 5001, 1002));
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_FALSE(t.env.armed.count(Timer::Retransmit));
       }},
      {"SimultaneousClose", State::FinWait1, Cause::SimultaneousClose, State::Closing, At::FinWait1, nullptr,
       [](Tcb& t) {
         t.in(from_peer(FIN | ACK, 5001, 1001));
         EXPECT_EQ(t.out(), (Outs{"ACK 1002/5002 w65535 +0"}));
       }},
      {"FinAckTogether", State::FinWait1, Cause::FinAckTogether, State::TimeWait, At::FinWait1, nullptr,
       [](Tcb& t) {
         t.in(from_peer(FIN | ACK, 5001, 1002));
         EXPECT_EQ(t.out(), (Outs{"ACK 1002/5002 w65535 +0"}));
         EXPECT_EQ(t.env.armed.at(Timer::TimeWait), t.env.t + t.cfg.msl * 2);
       }},
      {"FinInFinWait2", State::FinWait2, Cause::FinReceived, State::TimeWait, At::FinWait2, nullptr,
       [](Tcb& t) {
         t.in(from_peer(FIN | ACK, 5001, 1002));
         EXPECT_EQ(t.out(), (Outs{"ACK 1002/5002 w65535 +0"}));
         EXPECT_EQ(t.env.armed.at(Timer::TimeWait), t.env.t + t.cfg.msl * 2);
       }},
      {"OurFinAckedInClosing", State::Closing, Cause::OurFinAckedInClosing, State::TimeWait, At::Closing, nullptr,
       [](Tcb& t) {
         t.in(from_peer(ACK, 5002, 1002));
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_TRUE(t.env.armed.count(Timer::TimeWait));
       }},
      {"CloseInCloseWait", State::CloseWait, Cause::CloseSendsFin, State::LastAck, At::CloseWait, nullptr,
       [](Tcb& t) {
         t.c.close();
         EXPECT_EQ(t.out(), (Outs{"FIN,ACK 1001/5002 w65535 +0"}));
       }},
      {"LastAckAcked", State::LastAck, Cause::Closed, State::Closed, At::LastAck, nullptr,
       [](Tcb& t) {
         t.in(from_peer(ACK, 5002, 1002));
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_EQ(t.env.closed_why, CloseReason::Normal);
       }},
      {"TimeWaitOver", State::TimeWait, Cause::Closed, State::Closed, At::TimeWait, nullptr,
       [](Tcb& t) {
         t.fire(Timer::TimeWait);
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_EQ(t.env.t.ns, (t.cfg.msl * 2).ns);
         EXPECT_EQ(t.env.closed_why, CloseReason::Normal);
       }},
      // --- SYN-SENT's ends ---
      {"CloseInSynSent", State::SynSent, Cause::Closed, State::Closed, At::SynSent, nullptr,
       [](Tcb& t) {
         t.c.close();
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_TRUE(t.env.armed.empty());
       }},
      {"AbortInSynSent", State::SynSent, Cause::Aborted, State::Closed, At::SynSent, nullptr,
       [](Tcb& t) {
         t.c.abort();
         EXPECT_EQ(t.out(), Outs{});  // nothing synchronized: no RST (RFC 9293 3.10.5)
       }},
      {"RefusedInSynSent", State::SynSent, Cause::Refused, State::Closed, At::SynSent, nullptr,
       [](Tcb& t) {
         t.in(from_peer(RST | ACK, 0, 1001));
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_EQ(t.env.closed_why, CloseReason::Refused);
       }},
      {"SynRetriesOver", State::SynSent, Cause::TimedOut, State::Closed, At::SynSent,
       [] { return with([](tcp::TcpConfig& c) { c.syn_retries = 1; }); },
       [](Tcb& t) {
         t.fire(Timer::Retransmit);
         EXPECT_EQ(t.out(), (Outs{"SYN 1000/0 w65535 +0"}));
         EXPECT_EQ(t.state(), State::SynSent);
         t.fire(Timer::Retransmit);
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_EQ(t.env.t.ns, sim::seconds(3).ns);  // 1 s, then 2 s backed off
       }},
      // --- a half-open connection's ends ---
      {"ResetInSynRcvd", State::SynReceived, Cause::Reset, State::Closed, At::SynRcvd, nullptr,
       [](Tcb& t) {
         t.in(from_peer(RST, 5001, 0));
         EXPECT_EQ(t.out(), Outs{});
       }},
      {"RefusedInSimultaneousOpen", State::SynReceived, Cause::Refused, State::Closed, At::SynRcvdActive, nullptr,
       [](Tcb& t) {
         t.in(from_peer(RST, 5001, 0));
         EXPECT_EQ(t.out(), Outs{});
       }},
      {"SynAckRetriesOver", State::SynReceived, Cause::GaveUp, State::Closed, At::SynRcvd,
       [] { return with([](tcp::TcpConfig& c) { c.synack_retries = 0; }); },
       [](Tcb& t) {
         t.fire(Timer::Retransmit);
         EXPECT_EQ(t.out(), Outs{});  // freed silently (rst_on_synack_giveup is off)
       }},
      {"AbortInSynRcvd", State::SynReceived, Cause::Aborted, State::Closed, At::SynRcvd, nullptr,
       [](Tcb& t) {
         t.c.abort();
         EXPECT_EQ(t.out(), (Outs{"RST,ACK 1001/5001 w0 +0"}));
       }},
      {"UserTimeoutInSynRcvd", State::SynReceived, Cause::TimedOut, State::Closed, At::SynRcvd,
       [] { return with([](tcp::TcpConfig& c) { c.user_timeout = sim::milliseconds(500); }); },
       [](Tcb& t) {
         t.fire(Timer::Retransmit);
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_EQ(t.env.t.ns, sim::milliseconds(500).ns);  // the timer was cut to the user timeout
       }},
      // --- the synchronized states' ends ---
      {"ResetInEstablished", State::Established, Cause::Reset, State::Closed, At::Established, nullptr,
       [](Tcb& t) {
         t.in(from_peer(RST, 5001, 0));
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_EQ(t.env.closed_why, CloseReason::Reset);
       }},
      {"AbortInEstablished", State::Established, Cause::Aborted, State::Closed, At::Established, nullptr,
       [](Tcb& t) {
         t.c.abort();
         EXPECT_EQ(t.out(), (Outs{"RST,ACK 1001/5001 w0 +0"}));
       }},
      {"RetriesOverInEstablished", State::Established, Cause::TimedOut, State::Closed, At::Established,
       [] { return with([](tcp::TcpConfig& c) { c.data_retries = 0; }); },
       [](Tcb& t) {
         t.c.send(wire::Bytes(10, 'a'));
         EXPECT_EQ(t.out(), (Outs{"PSH,ACK 1001/5001 w65535 +10"}));
         t.fire(Timer::Retransmit);
         EXPECT_EQ(t.out(), Outs{});  // given up: nothing sent (RFC 9293 3.10.8)
       }},
      {"ResetInFinWait1", State::FinWait1, Cause::Reset, State::Closed, At::FinWait1, nullptr,
       [](Tcb& t) {
         t.in(from_peer(RST, 5001, 0));
         EXPECT_EQ(t.out(), Outs{});
       }},
      {"AbortInFinWait1", State::FinWait1, Cause::Aborted, State::Closed, At::FinWait1, nullptr,
       [](Tcb& t) {
         t.c.abort();
         EXPECT_EQ(t.out(), (Outs{"RST,ACK 1002/5001 w0 +0"}));
       }},
      {"RetriesOverInFinWait1", State::FinWait1, Cause::TimedOut, State::Closed, At::FinWait1,
       [] { return with([](tcp::TcpConfig& c) { c.data_retries = 0; }); },
       [](Tcb& t) {
         t.fire(Timer::Retransmit);
         EXPECT_EQ(t.out(), Outs{});
       }},
      {"ResetInFinWait2", State::FinWait2, Cause::Reset, State::Closed, At::FinWait2, nullptr,
       [](Tcb& t) {
         t.in(from_peer(RST, 5001, 0));
         EXPECT_EQ(t.out(), Outs{});
       }},
      {"AbortInFinWait2", State::FinWait2, Cause::Aborted, State::Closed, At::FinWait2, nullptr,
       [](Tcb& t) {
         t.c.abort();
         EXPECT_EQ(t.out(), (Outs{"RST,ACK 1002/5001 w0 +0"}));
       }},
      {"ResetInCloseWait", State::CloseWait, Cause::Reset, State::Closed, At::CloseWait, nullptr,
       [](Tcb& t) {
         t.in(from_peer(RST, 5002, 0));
         EXPECT_EQ(t.out(), Outs{});
       }},
      {"AbortInCloseWait", State::CloseWait, Cause::Aborted, State::Closed, At::CloseWait, nullptr,
       [](Tcb& t) {
         t.c.abort();
         EXPECT_EQ(t.out(), (Outs{"RST,ACK 1001/5002 w0 +0"}));
       }},
      {"RetriesOverInCloseWait", State::CloseWait, Cause::TimedOut, State::Closed, At::CloseWait,
       [] { return with([](tcp::TcpConfig& c) { c.data_retries = 0; }); },
       [](Tcb& t) {
         t.c.send(wire::Bytes(10, 'a'));
         EXPECT_EQ(t.out(), (Outs{"PSH,ACK 1001/5002 w65535 +10"}));
         t.fire(Timer::Retransmit);
         EXPECT_EQ(t.out(), Outs{});
       }},
      {"ResetInClosing", State::Closing, Cause::Closed, State::Closed, At::Closing, nullptr,
       [](Tcb& t) {
         t.in(from_peer(RST, 5002, 0));
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_EQ(t.env.closed_why, CloseReason::Normal);  // the peer was done anyway
       }},
      {"AbortInClosing", State::Closing, Cause::Aborted, State::Closed, At::Closing, nullptr,
       [](Tcb& t) {
         t.c.abort();
         EXPECT_EQ(t.out(), Outs{});  // both FINs sent: no RST (RFC 9293 3.10.5)
       }},
      {"RetriesOverInClosing", State::Closing, Cause::TimedOut, State::Closed, At::Closing,
       [] { return with([](tcp::TcpConfig& c) { c.data_retries = 0; }); },
       [](Tcb& t) {
         t.fire(Timer::Retransmit);
         EXPECT_EQ(t.out(), Outs{});
       }},
      {"AbortInLastAck", State::LastAck, Cause::Aborted, State::Closed, At::LastAck, nullptr,
       [](Tcb& t) {
         t.c.abort();
         EXPECT_EQ(t.out(), Outs{});
       }},
      {"RetriesOverInLastAck", State::LastAck, Cause::TimedOut, State::Closed, At::LastAck,
       [] { return with([](tcp::TcpConfig& c) { c.data_retries = 1; }); },
       [](Tcb& t) {
         t.fire(Timer::Retransmit);
         EXPECT_EQ(t.out(), (Outs{"FIN,ACK 1001/5002 w65535 +0"}));
         t.fire(Timer::Retransmit);
         EXPECT_EQ(t.out(), Outs{});
       }},
      {"AbortInTimeWait", State::TimeWait, Cause::Aborted, State::Closed, At::TimeWait, nullptr,
       [](Tcb& t) {
         t.c.abort();
         EXPECT_EQ(t.out(), Outs{});
         EXPECT_TRUE(t.env.armed.empty());
       }},
  };
  return d;
}

// gtest names a failing parameter by this.
void PrintTo(const Driver& d, std::ostream* os) { *os << d.name; }

class TcpArc : public ::testing::TestWithParam<Driver> {};

TEST_P(TcpArc, Drives) {
  const Driver& d = GetParam();
  ASSERT_TRUE(tcp::find_arc(d.from, d.to, d.cause)) << "not a row of the table";
  Tcb t(d.start, d.config ? d.config() : plain_config());
  // A fresh TCB is CLOSED; open_passive() passes through LISTEN on its way.
  ASSERT_EQ(t.state(), d.start == At::Fresh ? State::Closed : d.from) << "the fixture";
  d.drive(t);
  EXPECT_EQ(t.state(), d.to);
  ASSERT_FALSE(t.env.changes.empty()) << "no state change";
  const RecordingEnv::Change& c = t.env.changes.back();
  EXPECT_EQ(tcp::to_string(c.from), std::string(tcp::to_string(d.from)));
  EXPECT_EQ(tcp::to_string(c.to), std::string(tcp::to_string(d.to)));
  EXPECT_EQ(tcp::to_string(c.cause), std::string(tcp::to_string(d.cause)));
  if (d.to == State::Closed) {
    EXPECT_TRUE(t.env.closed_why) << "the host is told the TCB is gone";
    EXPECT_TRUE(t.env.armed.empty()) << "a closed TCB keeps no timer";
  }
}

INSTANTIATE_TEST_SUITE_P(Tcp, TcpArc, ::testing::ValuesIn(drivers()),
                         [](const ::testing::TestParamInfo<Driver>& i) { return std::string(i.param.name); });

// The host's listener makes the two arcs no Connection does.
TEST(TcpArcs, ListenerOpensAndCloses) {
  TwoHosts t;
  int sock = 0;
  t.at_ms(0, [&] { sock = t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.server->close(sock); });
  t.run_ms(20);
  std::vector<std::tuple<State, State, Cause>> seen;
  for (const auto& e : t.w->trace().events())
    if (const auto* c = e.as<trace::StateChange>()) seen.emplace_back(c->from, c->to, c->cause);
  EXPECT_EQ(seen, (std::vector<std::tuple<State, State, Cause>>{{State::Closed, State::Listen, Cause::Listen},
                                                                {State::Listen, State::Closed, Cause::CloseListener}}));
  for (const auto& [from, to, cause] : seen) EXPECT_TRUE(tcp::find_arc(from, to, cause));
}

// Every row has its driver above (or is the listener's), and no row is there twice.
TEST(TcpArcs, EveryRowIsDriven) {
  int rows = 0;
  for (const tcp::Arc& a : tcp::arcs()) {
    ++rows;
    int found = 0;
    for (const Driver& d : drivers()) found += d.from == a.from && d.to == a.to && d.cause == a.cause;
    if (a.cause == Cause::Listen || a.cause == Cause::CloseListener) found += 1;
    EXPECT_EQ(found, 1) << tcp::to_string(a.from) << " -> " << tcp::to_string(a.to) << " [" << tcp::to_string(a.cause)
                        << "]";
    int same = 0;
    for (const tcp::Arc& b : tcp::arcs()) same += a.from == b.from && a.to == b.to && a.cause == b.cause;
    EXPECT_EQ(same, 1);
  }
  EXPECT_EQ(rows, static_cast<int>(drivers().size()) + 2);
}

}  // namespace
}  // namespace synack::testing
