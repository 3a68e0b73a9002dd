#pragma once
// The eleven states of a TCP connection (RFC 9293 section 3.3.2).
#include <cstdint>

namespace synack::tcp {

enum class State : uint8_t {
  Closed,
  Listen,
  SynSent,
  SynReceived,
  Established,
  FinWait1,
  FinWait2,
  CloseWait,
  Closing,
  LastAck,
  TimeWait,
};

inline const char* to_string(State s) {
  switch (s) {
    case State::Closed: return "CLOSED";
    case State::Listen: return "LISTEN";
    case State::SynSent: return "SYN-SENT";
    case State::SynReceived: return "SYN-RCVD";
    case State::Established: return "ESTABLISHED";
    case State::FinWait1: return "FIN-WAIT-1";
    case State::FinWait2: return "FIN-WAIT-2";
    case State::CloseWait: return "CLOSE-WAIT";
    case State::Closing: return "CLOSING";
    case State::LastAck: return "LAST-ACK";
    case State::TimeWait: return "TIME-WAIT";
  }
  return "?";
}

// Why a connection changed state. The trace carries the code (so the app can say it in
// the learner's language) and the English text below (for the text and JSON exports).
enum class Cause : uint8_t {
  Unknown,            // 0: a trace from elsewhere, or none given
  Listen,             // the application's listen()
  CloseListener,      // close() on a listening socket
  ConnectSendsSyn,
  SynInListen,
  TwoWayHandshake,    // the counterfactual stack's shortcut
  SynAckReceived,
  SimultaneousOpen,
  AckOfSynAck,
  DataAckedSynAck,
  OurFinAcked,
  OurFinAckedInClosing,
  FinReceived,
  FinAckTogether,
  SimultaneousClose,
  CloseSendsFin,
  Closed,             // the connection's normal end (TIME-WAIT over, LAST-ACK acknowledged)
  Refused,
  Reset,
  TimedOut,
  Aborted,
  GaveUp,
  Count_
};

inline const char* to_string(Cause c) {
  switch (c) {
    case Cause::Unknown: return "";
    case Cause::Listen: return "listen()";
    case Cause::CloseListener: return "close()";
    case Cause::ConnectSendsSyn: return "connect() sends SYN";
    case Cause::SynInListen: return "received SYN in LISTEN";
    case Cause::TwoWayHandshake: return "sent SYN,ACK (two-way handshake, not real TCP)";
    case Cause::SynAckReceived: return "received SYN,ACK";
    case Cause::SimultaneousOpen: return "received SYN in SYN-SENT (simultaneous open)";
    case Cause::AckOfSynAck: return "received ACK of SYN,ACK";
    case Cause::DataAckedSynAck: return "data acknowledged our SYN,ACK";
    case Cause::OurFinAcked: return "our FIN acknowledged";
    case Cause::OurFinAckedInClosing: return "our FIN acknowledged in CLOSING";
    case Cause::FinReceived: return "received FIN";
    case Cause::FinAckTogether: return "received FIN+ACK: our FIN acknowledged and theirs received together";
    case Cause::SimultaneousClose: return "received FIN before the ACK of ours (simultaneous close)";
    case Cause::CloseSendsFin: return "close() sends FIN";
    case Cause::Closed: return "closed";
    case Cause::Refused: return "connection refused";
    case Cause::Reset: return "connection reset by peer";
    case Cause::TimedOut: return "connection timed out";
    case Cause::Aborted: return "aborted";
    case Cause::GaveUp: return "half-open connection given up";
    case Cause::Count_: break;
  }
  return "?";
}

// A connection's timers. The trace names them by this enum; their English is below.
enum class Timer : uint8_t { Retransmit, TimeWait, DelayedAck, Keepalive, Persist, Count_ };

inline const char* to_string(Timer t) {
  switch (t) {
    case Timer::Retransmit: return "RTO";
    case Timer::TimeWait: return "2MSL";
    case Timer::DelayedAck: return "delayed ACK";
    case Timer::Keepalive: return "keepalive";
    case Timer::Persist: return "persist";
    case Timer::Count_: break;
  }
  return "?";
}

// States in which both sides' sequence numbers are known (RFC 9293 3.10.7.4).
inline bool synchronized(State s) { return s != State::Closed && s != State::Listen && s != State::SynSent; }

}  // namespace synack::tcp
