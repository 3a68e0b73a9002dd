// The checks an arriving segment meets before it may change anything: RFC 9293 3.10.7.3
// (SYN-SENT) and 3.10.7.4 (the synchronized states: sequence number, RST, SYN, ACK), and
// RFC 5961's challenge ACKs and their throttling. Each test: a fixture, a segment in,
// the exact segments out, the state after.
#include "tcp_fixtures.hpp"

namespace synack::testing {
namespace {

using namespace wire::tcpflag;
using tcp::State;
using tcp::Timer;
using trace::TcpNote;
using Notes = std::vector<std::pair<TcpNote, uint64_t>>;

// --- SYN-SENT (RFC 9293 3.10.7.3) ---

// First check: an ACK outside ISS < SEG.ACK =< SND.NXT is answered by <SEQ=SEG.ACK><CTL=RST>.
TEST(TcpRules, SynSentAckBeyondWhatWeSentGetsRst) {
  Tcb t(At::SynSent);
  t.in(from_peer(SYN | ACK, 5000, 2000));
  EXPECT_EQ(t.out(), (Outs{"RST 2000/0 w0 +0"}));
  EXPECT_EQ(t.state(), State::SynSent);
}

TEST(TcpRules, SynSentAckOfOurIssItselfGetsRst) {
  Tcb t(At::SynSent);
  t.in(from_peer(ACK, 5000, 1000));
  EXPECT_EQ(t.out(), (Outs{"RST 1000/0 w0 +0"}));
  EXPECT_EQ(t.env.notes, (Notes{{TcpNote::UnacceptableAckInSynSent, 0}}));
  EXPECT_EQ(t.state(), State::SynSent);
}

// ... unless the segment is itself a RST: never answer a RST.
TEST(TcpRules, SynSentRstWithUnacceptableAckIsDropped) {
  Tcb t(At::SynSent);
  t.in(from_peer(RST | ACK, 0, 2000));
  EXPECT_EQ(t.out(), Outs{});
  EXPECT_EQ(t.state(), State::SynSent);
}

// Second check: a RST without an acceptable ACK is dropped (RFC 5961 3.2: a blind RST
// must not refuse a connection).
TEST(TcpRules, SynSentRstWithoutAckIsDropped) {
  Tcb t(At::SynSent);
  t.in(from_peer(RST, 0, 0));
  EXPECT_EQ(t.out(), Outs{});
  EXPECT_EQ(t.state(), State::SynSent);
}

// Fifth: neither SYN nor RST: drop.
TEST(TcpRules, SynSentAckWithoutSynIsDropped) {
  Tcb t(At::SynSent);
  t.in(from_peer(ACK, 5000, 1001));
  EXPECT_EQ(t.out(), Outs{});
  EXPECT_EQ(t.state(), State::SynSent);
}

// --- First check: sequence number (RFC 9293 3.10.7.4) ---

TEST(TcpRules, DataBeyondTheWindowIsAcknowledgedAndDropped) {
  Tcb t(At::Established);
  t.in(from_peer(ACK, 5001 + 65535, 1001, 10));
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
  EXPECT_TRUE(t.env.delivered.empty());
  EXPECT_EQ(t.c.memory_bytes(), tcp::Connection::kControlBlockBytes);  // not kept for later either
  EXPECT_EQ(t.state(), State::Established);
}

// An old duplicate is dropped whole: its ACK field is not read either.
TEST(TcpRules, OldDuplicateIsAcknowledgedAndDropped) {
  Tcb t(At::Established);
  t.c.send(wire::Bytes(10, 'a'));
  EXPECT_EQ(t.out(), (Outs{"PSH,ACK 1001/5001 w65535 +10"}));
  t.in(from_peer(ACK, 4991, 1011, 10));  // bytes 4991..5000: all before RCV.NXT
  EXPECT_EQ(t.out(), (Outs{"ACK 1011/5001 w65535 +0"}));
  EXPECT_TRUE(t.env.delivered.empty());
  EXPECT_EQ(t.c.vars().snd_una, 1001u);
  EXPECT_TRUE(t.env.armed.count(Timer::Retransmit));
}

// Straddling the left edge is acceptable: the new part is taken.
TEST(TcpRules, DataStraddlingTheLeftEdgeIsTrimmedAndTaken) {
  Tcb t(At::Established);
  t.in(from_peer(PSH | ACK, 4996, 1001, 10));  // 4996..5005: five old bytes, five new
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5006 w65535 +0"}));
  EXPECT_EQ(t.env.delivered.size(), 5u);
}

TEST(TcpRules, EmptySegmentInTheWindowIsTakenSilently) {
  Tcb t(At::Established);
  t.in(from_peer(ACK, 5001, 1001));
  EXPECT_EQ(t.out(), Outs{});
}

TEST(TcpRules, EmptySegmentBeyondTheWindowIsAcknowledged) {
  Tcb t(At::Established);
  t.in(from_peer(ACK, 5001 + 65535, 1001));
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
}

// A keep-alive probe (RFC 1122 4.2.3.6) is such an old segment; its ACK is the answer.
TEST(TcpRules, KeepAliveProbeIsAnswered) {
  Tcb t(At::Established);
  t.in(from_peer(ACK, 5000, 1001));
  ASSERT_EQ(t.env.sent_notes.size(), 1u);
  EXPECT_EQ(t.env.sent_notes[0].kind, trace::FrameNoteKind::KeepAliveAck);
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
}

// TIME-WAIT: the peer's FIN again (our last ACK was lost) is acknowledged and restarts 2MSL.
TEST(TcpRules, TimeWaitAnswersARetransmittedFinAndRestarts2Msl) {
  Tcb t(At::TimeWait);
  t.advance_ms(1000);
  t.in(from_peer(FIN | ACK, 5001, 1002));
  EXPECT_EQ(t.out(), (Outs{"ACK 1002/5002 w65535 +0"}));
  EXPECT_EQ(t.env.armed.at(Timer::TimeWait), t.env.t + t.cfg.msl * 2);
  EXPECT_EQ(t.state(), State::TimeWait);
}

// --- Second check: RST (RFC 9293 3.10.7.4, RFC 5961 3.2) ---

TEST(TcpRules, RstOutsideTheWindowIsDroppedSilently) {
  Tcb t(At::Established);
  t.in(from_peer(RST, 5001 + 65535, 0));
  EXPECT_EQ(t.out(), Outs{});
  EXPECT_EQ(t.state(), State::Established);
}

TEST(TcpRules, RstInTheWindowButNotAtRcvNxtGetsAChallengeAck) {
  Tcb t(At::Established);
  t.in(from_peer(RST, 5011, 0));
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
  EXPECT_EQ(t.state(), State::Established);
  EXPECT_FALSE(t.env.closed_why);
  EXPECT_EQ(t.env.notes, (Notes{{TcpNote::RstChallengeAck, 0}}));
}

TEST(TcpRules, RstInTimeWaitEndsTheWait) {
  Tcb t(At::TimeWait);
  t.in(from_peer(RST, 5002, 0));
  EXPECT_EQ(t.out(), Outs{});
  EXPECT_EQ(t.state(), State::Closed);
  EXPECT_EQ(t.env.closed_why, tcp::CloseReason::Normal);
}

// --- Fourth check: SYN in a synchronized state (RFC 9293 3.10.7.4, RFC 5961 4) ---

TEST(TcpRules, SynInEstablishedGetsAChallengeAck) {
  Tcb t(At::Established);
  t.in(from_peer(SYN, 5001, 0));
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
  EXPECT_EQ(t.state(), State::Established);
  EXPECT_EQ(t.env.notes, (Notes{{TcpNote::SynChallengeAck, 0}}));
}

TEST(TcpRules, SynInTimeWaitGetsAChallengeAck) {
  Tcb t(At::TimeWait);  // rfc profile: no reopening from TIME-WAIT
  t.in(from_peer(SYN, 5002, 0));
  EXPECT_EQ(t.out(), (Outs{"ACK 1002/5002 w65535 +0"}));
  EXPECT_EQ(t.state(), State::TimeWait);
}

// The peer's SYN again while we wait in SYN-RCVD: our SYN,ACK is sent again at once.
TEST(TcpRules, SynAgainInSynRcvdResendsTheSynAck) {
  Tcb t(At::SynRcvd);
  t.in(from_peer(SYN, 5000, 0));
  ASSERT_EQ(t.env.sent_notes.size(), 1u);
  EXPECT_EQ(t.env.sent_notes[0].kind, trace::FrameNoteKind::SynAgain);
  EXPECT_EQ(t.out(), (Outs{"SYN,ACK 1000/5001 w65535 +0"}));
  EXPECT_EQ(t.state(), State::SynReceived);
}

// --- Fifth check: ACK ---

TEST(TcpRules, SegmentWithoutAckIsDropped) {
  Tcb t(At::Established);
  t.in(from_peer(PSH, 5001, 0, 10));
  EXPECT_EQ(t.out(), Outs{});
  EXPECT_TRUE(t.env.delivered.empty());
}

TEST(TcpRules, SynRcvdAckOfNothingWeSentGetsRst) {
  Tcb t(At::SynRcvd);
  t.in(from_peer(ACK, 5001, 3000));
  EXPECT_EQ(t.out(), (Outs{"RST 3000/0 w0 +0"}));
  EXPECT_EQ(t.state(), State::SynReceived);
}

TEST(TcpRules, AckOfUnsentDataIsAnsweredAndTheSegmentDropped) {
  Tcb t(At::Established);
  t.in(from_peer(PSH | ACK, 5001, 2000, 10));
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
  EXPECT_TRUE(t.env.delivered.empty());
}

// An old ACK (SEG.ACK < SND.UNA) is ignored, the rest of the segment is not.
TEST(TcpRules, OldAckIsIgnoredButItsDataTaken) {
  Tcb t(At::Established);
  t.in(from_peer(PSH | ACK, 5001, 1000, 10));
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5011 w65535 +0"}));
  EXPECT_EQ(t.env.delivered.size(), 10u);
}

// --- Seventh check: no data after the peer's FIN ---

TEST(TcpRules, DataAfterThePeersFinIsIgnored) {
  Tcb t(At::CloseWait);
  t.in(from_peer(PSH | ACK, 5002, 1001, 10));
  EXPECT_EQ(t.out(), Outs{});
  EXPECT_TRUE(t.env.delivered.empty());
  EXPECT_EQ(t.state(), State::CloseWait);
}

// A FIN beyond a gap waits for the missing bytes; the note carries how many.
TEST(TcpRules, FinBeyondAGapWaits) {
  Tcb t(At::Established);
  t.in(from_peer(FIN | ACK, 5011, 1001));
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
  EXPECT_EQ(t.state(), State::Established);
  EXPECT_EQ(t.env.notes, (Notes{{TcpNote::FinBeforeGap, 10}}));
  t.in(from_peer(PSH | ACK, 5001, 1001, 10));
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5012 w65535 +0"}));
  EXPECT_EQ(t.state(), State::CloseWait);
}

// --- RFC 5961 7: ACK throttling ---

TEST(TcpRules, InvalidAcksAreThrottled) {
  Tcb t(At::Established);
  const wire::TcpSegment old = from_peer(ACK, 5001 + 65535, 1001);
  t.in(old);
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
  t.advance_ms(499);
  t.in(old);
  EXPECT_EQ(t.out(), Outs{});  // within the interval: not answered
  t.advance_ms(1);
  t.in(old);
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
  EXPECT_EQ(t.env.notes, (Notes{{TcpNote::AckThrottled, 0}}));
}

TEST(TcpRules, ChallengeAcksAreThrottledToo) {
  Tcb t(At::Established);
  t.in(from_peer(SYN, 5001, 0));
  t.advance_ms(100);
  t.in(from_peer(RST, 5011, 0));
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0"}));
  EXPECT_EQ(t.state(), State::Established);
}

// A segment with data cannot start an ACK loop, so its answer is never held back.
TEST(TcpRules, InvalidSegmentsWithDataAreNotThrottled) {
  Tcb t(At::Established);
  const wire::TcpSegment far = from_peer(ACK, 5001 + 65535, 1001, 10);
  t.in(far);
  t.in(far);
  EXPECT_EQ(t.out(), (Outs{"ACK 1001/5001 w65535 +0", "ACK 1001/5001 w65535 +0"}));
}

}  // namespace
}  // namespace synack::testing
